package io.redress.contact;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.Deadlines;
import io.redress.sla.Sla;
import io.redress.workflow.TaskKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "After a missed call": the next call waits the contact rules' {@code callbackGap} of working time
 * (variable {@code nextCallbackAt}, read by the timer "Wait before calling again"), so the attempts fall at different
 * times of the day; after {@code textAfterMissedCalls} unanswered calls the customer gets a text message
 * ({@link Templates#CALLBACK_MISSED}) with the reason of the call and the next contact time.
 */
@Component("missedCallDelegate")
class MissedCallDelegate implements JavaDelegate {

  static final String NEXT_CALLBACK_AT = "nextCallbackAt";
  static final String REASON = "投诉处理结果 / the result of your complaint";

  private final Sla sla;
  private final Notifications notifications;
  private final Timeline timeline;
  private final Deadlines text;

  private final Clock clock;

  MissedCallDelegate(Sla sla, Notifications notifications, Timeline timeline, Deadlines text, Clock clock) {
    this.clock = clock;
    this.sla = sla;
    this.notifications = notifications;
    this.timeline = timeline;
    this.text = text;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    Map<String, Object> rules = sla.contactRules(execution);
    Instant now = clock.instant();
    Instant next = sla.add(CaseDeadlines.WORKING, now, String.valueOf(rules.get(DMN_CALLBACK_GAP)));
    execution.setVariable(NEXT_CALLBACK_AT, Date.from(next));
    int attempts = execution.getVariable(FEEDBACK_ATTEMPTS) instanceof Integer i ? i : 0;
    int textAfter = rules.get(DMN_TEXT_AFTER_MISSED_CALLS) instanceof Number n ? n.intValue() : 2;
    TimelineFacts detail = TimelineFacts.say("follow-up.call").with("nextAt", next);
    if (attempts == textAfter) {
      Object round = execution.getVariable(REOPEN_COUNT) instanceof Integer r ? r : 0;
      boolean sent = notifications.toCustomer(number, Notifications.Channel.SMS, Templates.CALLBACK_MISSED,
          Map.of("reason", REASON, "nextContact", text.format(Date.from(next))),
          "callback-missed:" + number + ":" + round + ":" + attempts);
      detail = detail.when(sent, "texted").when(!sent, "noPhone");
    }
    timeline.record(number, now, TimelineEvent.FOLLOW_UP, TaskKeys.FEEDBACK, "system", detail);
  }
}
