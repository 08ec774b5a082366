package io.redress.workflow;

/** The task definition keys of complaint-handling.bpmn (forms, tables and clients use them too). */
public final class TaskKeys {

  public static final String CLASSIFY = "classifyComplaint";
  public static final String ASSIGN = "assignComplaint";
  public static final String INVESTIGATE = "investigateComplaint";
  public static final String APPROVE = "approveResolution";
  public static final String EXECUTE = "executeResolution";
  public static final String FEEDBACK = "collectFeedback";
  public static final String HANDLE_ESCALATION = "handleEscalation";

  private TaskKeys() {
  }
}
