package io.redress.casefile;

import java.time.Instant;

/** One entry of a case's timeline (the API shows it as {@code TimelineEvent}). */
public record TimelineEvent(Instant at, String type, String stage, String actor, String detail) {

  public static final String RECEIVED = "received";
  public static final String CLASSIFIED = "classified";
  public static final String ASSIGNED = "assigned";
  public static final String TASK_CREATED = "task-created";
  public static final String TASK_CLAIMED = "task-claimed";
  public static final String TASK_COMPLETED = "task-completed";
  public static final String DEADLINE_ESCALATED = "deadline-escalated";
  public static final String APPROVED = "approved";
  public static final String SENT_BACK = "sent-back";
  public static final String FEEDBACK = "feedback";
  public static final String CONTACT_FAILED = "contact-failed";
  public static final String REOPENED = "reopened";
  public static final String WITHDRAWN = "withdrawn";
  public static final String CLOSED = "closed";
  public static final String IDENTITY_CONFIRMED = "identity-confirmed";
  public static final String IDENTITY_FAILED = "identity-failed";
  public static final String LINKED = "linked";
  public static final String CUSTOMER_MESSAGE = "customer-message";
  public static final String ERASED = "erased";
  public static final String ESCALATION_RAISED = "escalation-raised";
  /** A message to the customer was recorded for sending (element template "Notify customer"). */
  public static final String CUSTOMER_NOTIFIED = "customer-notified";
  /** A task's deadline is near (the policy's warning time): its owner was reminded. */
  public static final String DEADLINE_WARNED = "deadline-warned";
  /** A customer deadline of the SLA policy passed unmet. */
  public static final String DEADLINE_MISSED = "deadline-missed";
  /** The daily follow-up reminder of a case that cannot close quickly. */
  public static final String FOLLOW_UP = "follow-up";
  /** The case waits on the customer: its deadlines stand still. */
  public static final String PAUSED = "paused";
  /** The customer answered (or staff resumed the case): the deadlines run again with the time that was left. */
  public static final String RESUMED = "resumed";
  /** A person replied to the customer. */
  public static final String REPLIED = "replied";
}
