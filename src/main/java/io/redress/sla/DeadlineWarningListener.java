package io.redress.sla;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Templates;
import io.redress.workflow.TaskHolders;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The reminder of a task whose deadline is near (a {@code timeout} task listener at the SLA policy's warning time,
 * 80 % by default): the task's assignee, or else the members of its candidate groups, get the
 * {@link Templates#DEADLINE_WARNING} e-mail; the deadline shows as warned and the timeline says so. Once per
 * deadline: a retried job finds the deadline warned already and sends nothing.
 */
@Component("deadlineWarningListener")
class DeadlineWarningListener implements TaskListener {

  private final CaseDeadlines deadlines;
  private final Timeline timeline;
  private final TaskHolders holders;
  private final Deadlines text;

  DeadlineWarningListener(CaseDeadlines deadlines, Timeline timeline, TaskHolders holders, Deadlines text) {
    this.deadlines = deadlines;
    this.timeline = timeline;
    this.holders = holders;
    this.text = text;
  }

  @Override
  public void notify(DelegateTask task) {
    Object id = task.getExecution().getVariableLocal(Sla.DEADLINE_ID);
    String number = task.getExecution().getProcessBusinessKey();
    if (!(id instanceof Long rowId) || number == null || !deadlines.warned(rowId)) {
      return;
    }
    Date due = task.getDueDate();
    String dueText = due == null ? "" : text.format(due);
    Map<String, String> values = Map.of("task", task.getName(), "due", dueText);
    String reminded = holders.remind(task.getAssignee(), TaskHolders.candidateGroups(task.getCandidates()), number,
        Templates.DEADLINE_WARNING, values, "warn:" + rowId);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    timeline.record(number, now, TimelineEvent.DEADLINE_WARNED, task.getTaskDefinitionKey(), "system",
        TimelineFacts.say(TimelineEvent.DEADLINE_WARNED).with("task", task.getTaskDefinitionKey())
            .with("taskName", io.redress.workflow.ModelTexts.modelName(task)).with("dueAt", due == null ? null : due.toInstant())
            .with("reminded", reminded));
  }
}
