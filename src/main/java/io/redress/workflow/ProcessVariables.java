package io.redress.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/** The names of the process variables of {@code complaint-handling}: the one place they are spelled. */
public final class ProcessVariables {

  public static final String PROCESS_KEY = "complaint-handling";
  public static final String WITHDRAWAL_MESSAGE = "ComplaintWithdrawn";

  // intake
  public static final String COMPLAINT_NUMBER = "complaintNumber";
  public static final String CUSTOMER_NAME = "customerName";
  public static final String CUSTOMER_PHONE = "customerPhone";
  public static final String CUSTOMER_EMAIL = "customerEmail";
  public static final String CUSTOMER_PHONE_MASKED = "customerPhoneMasked";
  public static final String CUSTOMER_EMAIL_MASKED = "customerEmailMasked";
  public static final String CUSTOMER_TIER = "customerTier";
  public static final String CHANNEL = "channel";
  public static final String ORDER_REF = "orderRef";
  public static final String DESCRIPTION = "description";
  public static final String DESIRED_OUTCOME = "desiredOutcome";
  public static final String AMOUNT_CLAIMED = "amountClaimed";
  public static final String SAFETY_RISK = "safetyRisk";
  public static final String RESOLVED_AT_INTAKE = "resolvedAtIntake";
  public static final String RESOLUTION = "resolution";
  public static final String INITIATOR = "initiator";
  public static final String RECEIVED_BY = "receivedBy";

  // classification
  public static final String SECOND_COMPLAINT = "secondComplaint";
  public static final String EARLIER_COMPLAINT = "earlierComplaint";
  public static final String IDENTITY_CHECK = "identityCheck";
  public static final String IDENTITY_RELATIONSHIP = "identityRelationship";
  public static final String CUSTOMER_MESSAGES = "customerMessages";
  public static final String SUGGESTED_SEVERITY = "suggestedSeverity";
  public static final String CATEGORY = "category";
  public static final String NATURE = "nature";
  public static final String SEVERITY = "severity";
  public static final String MAJOR = "major";

  // assignment
  public static final String ASSIGN_GROUP = "assignGroup";
  public static final String HANDLER = "handler";
  public static final String HANDLER_OPTIONS = "handlerOptions";

  // investigation and approval
  public static final String FINDINGS = "findings";
  public static final String ROOT_CAUSE = "rootCause";
  /** The root cause's category, one of the table root-cause-category (counted in the reports). */
  public static final String ROOT_CAUSE_CATEGORY = "rootCauseCategory";
  /** The choices of rootCauseCategory the investigate form offers (JSON, from the table root-cause-category). */
  public static final String ROOT_CAUSE_OPTIONS = "rootCauseOptions";
  public static final String RESOLUTION_TYPE = "resolutionType";
  public static final String COMPENSATION_AMOUNT = "compensationAmount";
  public static final String APPROVER_GROUP = "approverGroup";
  public static final String APPROVED = "approved";
  public static final String APPROVAL_COMMENT = "approvalComment";
  public static final String EXECUTION_NOTE = "executionNote";

  // feedback
  public static final String CUSTOMER_REACHED = "customerReached";
  public static final String SATISFACTION = "satisfaction";
  public static final String FEEDBACK_COMMENT = "feedbackComment";
  /** The feedback survey, each scored 1 to 5 (absent when the customer did not answer it). */
  public static final String SURVEY_ATTITUDE = "surveyAttitude";
  public static final String SURVEY_SPEED = "surveySpeed";
  public static final String SURVEY_EFFECTIVENESS = "surveyEffectiveness";
  public static final String FEEDBACK_ATTEMPTS = "feedbackAttempts";
  public static final String REOPEN_COUNT = "reopenCount";

  // deadlines and escalation
  public static final String STAGE_DEADLINE = "stageDeadline";
  public static final String DEADLINE_TEXT = "deadlineText";
  public static final String ESCALATION_CODE = "escalationCode";
  public static final String ESCALATION_GROUP = "escalationGroup";
  public static final String ESCALATION_NOTE = "escalationNote";
  public static final String ESCALATION_RESPONSE_TIME = "escalationResponseTime";

  // what every task form shows of the case, written when the task is created or claimed (never read back)
  public static final String CASE_TIMELINE = "caseTimeline";
  public static final String CASE_DEADLINES = "caseDeadlines";
  /** ... and the case's evidence (names, types, sizes), written again when new evidence arrives. */
  public static final String CASE_EVIDENCE = "caseEvidence";

  // withdrawal
  public static final String WITHDRAWAL_REASON = "withdrawalReason";
  public static final String WITHDRAWAL_RECORDED_BY = "withdrawalRecordedBy";

  // inputs and outputs of the decision tables in processes/ that the code evaluates (as the tables name them)
  /** Inputs of sla-policy besides {@link #CHANNEL} and {@link #SEVERITY}. */
  public static final String DMN_STAGE = "stage";
  public static final String DMN_TIER = "tier";
  /** Outputs of sla-policy's stage and customer deadlines. */
  public static final String DMN_DURATION = "duration";
  public static final String DMN_BASIS = "basis";
  public static final String DMN_WARN_AT_PERCENT = "warnAtPercent";
  public static final String DMN_DEADLINE = "deadline";
  /** Outputs of sla-policy's contact rules. */
  public static final String DMN_FOLLOW_UP_AFTER = "followUpAfter";
  public static final String DMN_EMAIL_FOLLOW_UP = "emailFollowUp";
  public static final String DMN_NO_ANSWER_CLOSE = "noAnswerClose";
  public static final String DMN_CALLBACK_GAP = "callbackGap";
  public static final String DMN_TEXT_AFTER_MISSED_CALLS = "textAfterMissedCalls";
  public static final String DMN_PROGRESS_INTERVAL = "progressInterval";

  private ProcessVariables() {
  }

  /**
   * The complaint number of the process that holds this execution, null when it is no complaint's. A complaint
   * process ({@value #PROCESS_KEY}) has the number as its business key: the intake starts it so, and its start
   * ({@code RegisterComplaintDelegate}) sets the key where a start form did not. That is read from the process
   * instance, not from its variables: asking for a variable loads every variable of the execution and of each one
   * above it. Any other process (an analyst's own, with a business key of its own or none) is a complaint's only if it
   * holds the variable {@code complaintNumber}, asked as before.
   */
  public static String complaintNumber(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity && entity.getProcessDefinition() != null
        && PROCESS_KEY.equals(entity.getProcessDefinition().getKey())) {
      String key = execution.getProcessBusinessKey();
      if (key != null && !key.isBlank()) {
        return key;
      }
    }
    return execution.getVariable(COMPLAINT_NUMBER) instanceof String number ? number : null;
  }

  /** {@link #complaintNumber(DelegateExecution)} of the task's execution. */
  public static String complaintNumber(DelegateTask task) {
    return task.getExecution() == null ? null : complaintNumber(task.getExecution());
  }
}
