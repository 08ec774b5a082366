package io.redress.workflow;

import io.redress.identity.Groups;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The open tasks of a case, as the engine has them: for the case view, which every group working on complaints reads
 * whole (who has the case, until when). The complaint API does not hand its caller to the engine, so the engine's
 * task authorizations do not narrow this list; they still decide who may see and work on the task in Tasklist and
 * {@code /engine-rest}.
 */
@Service
public class OpenTasks {

  private final TaskService taskService;

  OpenTasks(TaskService taskService) {
    this.taskService = taskService;
  }

  /** An active task of a case and who may work on it. */
  public record OpenTask(String id, String key, String name, String assignee, List<String> candidateGroups,
      Date created, Date due) {
  }

  /**
   * The active tasks of complaint {@code number}, oldest first; candidate groups sorted. One engine command: the task
   * query, then the candidate groups of the tasks it found (not a command of its own per task, as
   * {@code getIdentityLinksForTask} is, each with its own reads of the task, its execution and its definition).
   */
  public List<OpenTask> of(String number) {
    TaskQueryImpl query = (TaskQueryImpl) taskService.createTaskQuery().processInstanceBusinessKey(number).active()
        .orderByTaskCreateTime().asc();
    return ((ServiceImpl) taskService).getCommandExecutor().execute(c -> {
      List<Task> tasks = query.evaluateExpressionsAndExecuteList(c, null);
      List<OpenTask> open = new ArrayList<>(tasks.size());
      for (Task t : tasks) {
        List<String> groups = Groups.candidateGroups(c.getIdentityLinkManager().findIdentityLinksByTaskId(t.getId()));
        open.add(new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(), groups,
            t.getCreateTime(), t.getDueDate()));
      }
      return List.copyOf(open);
    });
  }
}
