package io.redress.notification;

/** The message templates per event; their texts (Chinese and English) live with the outbox's implementation. */
public final class Templates {

  /** To the customer at intake, on the channel's own deadline; says when to expect a resolution. */
  public static final String ACKNOWLEDGEMENT = "acknowledgement";
  /** To the customer at least every 24 h while the case is open. Values: {@code due}. */
  public static final String PROGRESS_UPDATE = "progress-update";
  /** To the customer when 48 h pass without a first reply from a person. */
  public static final String FIRST_REPLY_OVERDUE = "first-reply-overdue";
  /** A person's reply to the customer. Values: {@code text}. */
  public static final String REPLY = "reply";
  /** The resolution, sent when it has been carried out. */
  public static final String RESOLUTION = "resolution";
  /** A text message after two unanswered call-backs. Values: {@code reason}, {@code nextContact}. */
  public static final String CALLBACK_MISSED = "callback-missed";
  /** E-mail cases: a follow-up every 48 h without an answer. */
  public static final String EMAIL_FOLLOW_UP = "email-follow-up";
  /** E-mail cases: closed as "closed - no response" after 3 days without an answer. */
  public static final String CLOSED_NO_RESPONSE = "closed-no-response";
  /** The case is closed. */
  public static final String CLOSING = "closing";
  /** To staff: a deadline is near (80 %). Values: {@code task}, {@code due}. */
  public static final String DEADLINE_WARNING = "deadline-warning";
  /** To staff: a deadline passed and the case escalated to you. Values: {@code task}, {@code due}, {@code level}. */
  public static final String ESCALATION = "escalation";
  /** To staff: the daily follow-up of a case that is still open. Values: {@code task}, {@code due}. */
  public static final String DAILY_FOLLOW_UP = "daily-follow-up";

  /**
   * To managers and directors: the monthly summary is published, its PDF attached. About a month, not a complaint.
   * Values: {@code month}.
   */
  public static final String MONTHLY_SUMMARY = "monthly-summary";
  /** To managers: the month's findings and improvement actions are due. Values: {@code month}, {@code due}. */
  public static final String MONTHLY_SUMMARY_DUE = "monthly-summary-due";

  /** The templates about a month rather than a complaint: {@code {month}} in place of {@code {number}}. */
  public static final java.util.Set<String> ABOUT_A_MONTH = java.util.Set.of(MONTHLY_SUMMARY, MONTHLY_SUMMARY_DUE);

  private Templates() {
  }
}
