package io.redress.contact;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Channel;
import io.redress.casefile.CustomerContacts;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.Sla;
import io.redress.workflow.TaskKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * E-mail cases waiting for the customer's feedback, run every 24 hours of the feedback task: without
 * an answer since the task began, a follow-up e-mail every {@code emailFollowUp} ({@link Templates#EMAIL_FOLLOW_UP},
 * one per period: keyed by the task and the period); after {@code noAnswerClose} the customer gets
 * {@link Templates#CLOSED_NO_RESPONSE} and the message {@code FeedbackUnanswered} ends the feedback task, so the case
 * closes as "closed - no response". Other channels, or an answer from the customer: nothing.
 */
@Component("emailFollowUpDelegate")
class EmailFollowUpDelegate implements JavaDelegate {

  static final String MESSAGE = "FeedbackUnanswered";

  private final Sla sla;
  private final CaseRecords records;
  private final CustomerContacts contacts;
  private final Notifications notifications;

  private final Clock clock;

  EmailFollowUpDelegate(Sla sla, CaseRecords records, CustomerContacts contacts, Notifications notifications, Clock clock) {
    this.clock = clock;
    this.sla = sla;
    this.records = records;
    this.contacts = contacts;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    CaseRecord record = number == null ? null : records.find(number).orElse(null);
    if (record == null || !Channel.EMAIL.is(record.channel()) || records.pausedAt(number).isPresent()) {
      return;
    }
    Task feedback = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(TaskKeys.FEEDBACK).singleResult();
    if (feedback == null) {
      return;
    }
    Instant since = feedback.getCreateTime().toInstant();
    if (contacts.anyAfter(number, CustomerContacts.INBOUND, since)) {
      return;
    }
    Map<String, Object> rules = sla.contactRules(execution);
    Instant now = clock.instant();
    Duration every = Duration.parse(String.valueOf(rules.get(DMN_EMAIL_FOLLOW_UP)));
    Duration close = Duration.parse(String.valueOf(rules.get(DMN_NO_ANSWER_CLOSE)));
    if (!now.isBefore(since.plus(close))) {
      notifications.toCustomer(number, Notifications.Channel.EMAIL, Templates.CLOSED_NO_RESPONSE, Map.of(),
          "closed-no-response:" + feedback.getId());
      execution.setVariable(CUSTOMER_REACHED, false);
      execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(MESSAGE)
          .processInstanceId(execution.getProcessInstanceId()).correlate();
      return;
    }
    long periods = Duration.between(since, now).toMillis() / every.toMillis();
    if (periods >= 1) {
      notifications.toCustomer(number, Notifications.Channel.EMAIL, Templates.EMAIL_FOLLOW_UP, Map.of(),
          "email-follow-up:" + feedback.getId() + ":" + periods);
    }
  }
}
