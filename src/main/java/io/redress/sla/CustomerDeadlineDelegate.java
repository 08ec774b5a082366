package io.redress.sla;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A customer deadline of the SLA policy fell due (input {@code deadline}: {@code first-reply}, {@code effective-reply}
 * or {@code resolution}). Unmet, it is marked breached, the timeline says so, and the local variable
 * {@code deadlineMissed} is true, so the model escalates it; for the first reply the customer gets the automatic
 * message that 48 h passed without one. Met, nothing happens.
 */
@Component("customerDeadlineDelegate")
class CustomerDeadlineDelegate implements JavaDelegate {

  static final String DEADLINE = "deadline";
  static final String MISSED = "deadlineMissed";

  private final CaseDeadlines deadlines;
  private final Timeline timeline;
  private final Notifications notifications;

  CustomerDeadlineDelegate(CaseDeadlines deadlines, Timeline timeline, Notifications notifications) {
    this.deadlines = deadlines;
    this.timeline = timeline;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object kind = execution.getVariableLocal(DEADLINE);
    if (!(kind instanceof String k) || k.isBlank()) {
      throw new ProcessEngineException(execution.getCurrentActivityId() + ": input 'deadline' is required");
    }
    String number = execution.getProcessBusinessKey();
    var row = deadlines.openOfKind(number, k);
    boolean missed = row.isPresent() && !CaseDeadlines.PAUSED.equals(row.get().state());
    execution.setVariableLocal(MISSED, missed);
    if (!missed) {
      return;
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    deadlines.breached(row.get().id(), null);
    TimelineFacts detail = TimelineFacts.say(TimelineEvent.DEADLINE_MISSED).with("deadline", k)
        .with("deadlineName", row.get().label()).with("dueAt", row.get().dueAt());
    if (Sla.FIRST_REPLY.equals(k)) {
      boolean sent = notifications.toCustomer(number, null, Templates.FIRST_REPLY_OVERDUE, Map.of(),
          "first-reply-overdue:" + number);
      detail = detail.when(sent, "sent").when(!sent, "noAddress");
    }
    timeline.record(number, now, TimelineEvent.DEADLINE_MISSED, k, "system", detail);
  }
}
