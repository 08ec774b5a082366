package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.Deadlines;
import io.redress.sla.Sla;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${escalationReceived}} on the escalation's user task, event {@code create}: a deadline passed and escalated.
 * The deadline it stands for shows as breached and escalated to the group, the group's members get the
 * {@link Templates#ESCALATION} e-mail, and the timeline says so. Named before {@code ${taskAudit}}, so the case sheet
 * the task shows already holds the escalation.
 */
@Component("escalationReceived")
class EscalationReceived implements TaskListener {

  private final CaseDeadlines caseDeadlines;
  private final Notifications notifications;
  private final Deadlines deadlines;
  private final Timeline timeline;

  EscalationReceived(CaseDeadlines caseDeadlines, Notifications notifications, Deadlines deadlines,
      Timeline timeline) {
    this.caseDeadlines = caseDeadlines;
    this.notifications = notifications;
    this.deadlines = deadlines;
    this.timeline = timeline;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = (String) task.getVariable(COMPLAINT_NUMBER);
    if (number == null || !EVENTNAME_CREATE.equals(task.getEventName())) {
      return;
    }
    Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    Object code = task.getVariable(ESCALATION_CODE);
    Object group = task.getVariable(ESCALATION_GROUP);
    String kind = Sla.escalatedKind(code);
    if (kind != null) {
      caseDeadlines.openOfKind(number, kind).ifPresent(d -> caseDeadlines.breached(d.id(), String.valueOf(group)));
    }
    if (group != null) {
      String what = kind == null ? String.valueOf(code) : kind;
      notifications.toGroup(group.toString(), number, Templates.ESCALATION, Map.of("task", what,
          "due", task.getDueDate() == null ? "-" : deadlines.format(task.getDueDate()), "level", group.toString()),
          "escalation:" + task.getId());
    }
    // kept on the task itself: two escalations of one case may be open at once
    task.setVariableLocal(ESCALATION_CODE, code);
    task.setVariableLocal(ESCALATION_GROUP, group);
    timeline.record(number, TaskLifecycleListener.now(), TimelineEvent.DEADLINE_ESCALATED,
        String.valueOf(code).replace("-overdue", ""), "system", TimelineFacts.say(TimelineEvent.DEADLINE_ESCALATED)
            .with("code", code).with("group", group).with("dueAt", due));
  }
}
