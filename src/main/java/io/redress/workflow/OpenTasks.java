package io.redress.workflow;

import io.redress.identity.Groups;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The open tasks of a case, as the engine has them: for the case view. Queried as the caller (the engine applies
 * their authorizations).
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

  /** The active tasks of complaint {@code number}, oldest first; candidate groups sorted. */
  public List<OpenTask> of(String number) {
    return taskService.createTaskQuery().processInstanceBusinessKey(number).active().orderByTaskCreateTime().asc()
        .list().stream().map(this::openTask).toList();
  }

  private OpenTask openTask(Task t) {
    List<String> groups = Groups.candidateGroups(taskService.getIdentityLinksForTask(t.getId()));
    return new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(), groups,
        t.getCreateTime(), t.getDueDate());
  }
}
