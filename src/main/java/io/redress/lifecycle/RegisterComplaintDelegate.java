package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseFiling;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import io.redress.notification.NotificationProperties;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.Deadlines;
import io.redress.sla.Sla;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives a new complaint its number and case record. A complaint taken in through the complaint API already
 * has both (its business key is the number); one started from the Tasklist start form gets them here.
 * Either way the process keeps no contact data (the forms show the record's, masked), and the customer's acknowledgement is queued (by
 * e-mail for e-mail cases or customers without a phone number, else by SMS; key {@code ack:<number>}), saying when
 * the customer will have our answer: receipt plus the tier's effective-reply target
 * ({@code redress.notifications.reply-within}: VIP 8 h, premium 24 h, standard 48 h). The severity, and so
 * the resolution target, is only known after classification.
 */
@Component
class RegisterComplaintDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterComplaintDelegate.class);

  /**
   * The case's fields kept only in the case record (issue 20: no process variables, two rows each, for what only the
   * forms show); the start form's contact data and identity check among them. The forms get them from the record.
   */
  static final java.util.List<String> RECORD_ONLY = java.util.List.of(CUSTOMER_NAME, CUSTOMER_PHONE, CUSTOMER_EMAIL,
      CUSTOMER_PHONE_MASKED, CUSTOMER_EMAIL_MASKED, ORDER_REF, DESCRIPTION, DESIRED_OUTCOME, IDENTITY_CHECK,
      IDENTITY_RELATIONSHIP, EARLIER_COMPLAINT, INITIATOR);

  private final CaseRecords records;
  private final CaseFiling filing;
  private final Validator validator;
  private final Notifications notifications;
  private final NotificationProperties notificationProperties;
  private final Deadlines deadlines;

  RegisterComplaintDelegate(CaseRecords records, CaseFiling filing, Validator validator, Notifications notifications,
      NotificationProperties notificationProperties, Deadlines deadlines) {
    this.records = records;
    this.filing = filing;
    this.validator = validator;
    this.notifications = notifications;
    this.notificationProperties = notificationProperties;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    CaseRecord record = businessKey == null ? null : records.find(businessKey).orElse(null);
    if (record == null) {
      record = registerFromStartForm(execution);
      execution.setProcessBusinessKey(record.number());
    }
    records.linkProcessInstance(record.number(), execution.getProcessInstanceId(),
        ClockUtil.getCurrentTime().toInstant());
    // the case's fields that only the forms show live in the case record, and the forms read them there
    // (CaseSheetFormFields); what the start form sent of them goes, the customer's contact data first of all
    for (String name : RECORD_ONLY) {
      if (execution.hasVariable(name)) {
        execution.removeVariable(name);
      }
    }
    execution.setVariable(COMPLAINT_NUMBER, record.number());
    execution.setVariable(CUSTOMER_TIER, record.customerTier());
    execution.setVariable(CHANNEL, record.channel());
    execution.setVariable(AMOUNT_CLAIMED, record.amountClaimed() == null ? null : record.amountClaimed().doubleValue());
    execution.setVariable(SAFETY_RISK, record.safetyRisk());
    execution.setVariable(RESOLVED_AT_INTAKE, record.resolvedAtIntake());
    field(execution, RESOLUTION, record.resolution());
    execution.setVariable(SECOND_COMPLAINT, record.secondComplaint());
    // feedbackAttempts and reopenCount are set when there is something to count: none yet counts as 0
    acknowledge(execution, record);
    LOG.info("Complaint {} registered as process instance {}", record.number(), execution.getProcessInstanceId());
  }

  /**
   * A field of the case that only the forms show: when the complaint left it empty there is no variable (a form shows
   * a missing variable as an empty field, and each variable is written twice, at run time and in history), unless
   * the start form left one, which is then emptied.
   */
  private static void field(DelegateExecution execution, String name, Object value) {
    if (value != null || execution.hasVariable(name)) {
      execution.setVariable(name, value);
    }
  }

  /** The acknowledgement at intake, once per complaint. */
  private void acknowledge(DelegateExecution execution, CaseRecord record) {
    // the effective-reply deadline of the SLA policy (sla-customer-deadline), armed with the case's timers
    Object policy = execution.getVariable(Sla.variable(Sla.EFFECTIVE_REPLY));
    Duration within = notificationProperties.replyWithin().get(record.customerTier());
    Map<String, String> values = policy instanceof Date due ? Map.of("due", deadlines.format(due))
        : within == null || record.receivedAt() == null ? Map.of()
        : Map.of("due", deadlines.format(Date.from(record.receivedAt().plus(within))));
    notifications.toCustomer(record.number(), null, Templates.ACKNOWLEDGEMENT, values, "ack:" + record.number());
  }

  private CaseRecord registerFromStartForm(DelegateExecution execution) {
    Object amount = execution.getVariable(AMOUNT_CLAIMED);
    java.util.List<String> typeErrors = new java.util.ArrayList<>();
    if (amount != null && !(amount instanceof Number)) {
      typeErrors.add(AMOUNT_CLAIMED + " must be a number");
    }
    for (String flag : java.util.List.of(SAFETY_RISK, RESOLVED_AT_INTAKE)) {
      Object value = execution.getVariable(flag);
      if (value != null && !(value instanceof Boolean)) {
        typeErrors.add(flag + " must be true or false");
      }
    }
    if (!typeErrors.isEmpty()) {
      throw new FormFieldValidationException(typeErrors.size(),
          "The complaint cannot be taken in: " + String.join("; ", typeErrors));
    }
    NewCase newCase = new NewCase(
        new NewCase.Customer(string(execution, CUSTOMER_NAME), string(execution, CUSTOMER_PHONE),
            string(execution, CUSTOMER_EMAIL), string(execution, CUSTOMER_TIER)),
        string(execution, CHANNEL), string(execution, ORDER_REF), string(execution, DESCRIPTION),
        string(execution, DESIRED_OUTCOME), amount == null ? null : new BigDecimal(amount.toString()), null,
        (Boolean) execution.getVariable(SAFETY_RISK), (Boolean) execution.getVariable(RESOLVED_AT_INTAKE),
        string(execution, RESOLUTION), identityCheck(execution), null);
    Set<ConstraintViolation<NewCase>> violations = validator.validate(newCase);
    if (!violations.isEmpty()) {
      throw new FormFieldValidationException(violations.size(), "The complaint cannot be taken in: " + violations.stream()
          .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
          .map(v -> v.getPropertyPath() + " " + v.getMessage())
          .collect(Collectors.joining("; ")));
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // who submitted the start form: the engine's authenticated user (Tasklist's), or an initiator given to the start
    String receivedBy = string(execution, INITIATOR);
    if (receivedBy == null && Context.getCommandContext() != null) {
      receivedBy = Context.getCommandContext().getAuthenticatedUserId();
    }
    return filing.open(newCase, now, receivedBy, null, CaseFiling.THROUGH_TASKLIST);
  }

  /** The start form's identity check: a select of the results, and the stated relationship. */
  private static NewCase.IdentityCheck identityCheck(DelegateExecution execution) {
    String result = string(execution, IDENTITY_CHECK);
    return result == null ? null : new NewCase.IdentityCheck(result, string(execution, IDENTITY_RELATIONSHIP));
  }

  private static String string(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
