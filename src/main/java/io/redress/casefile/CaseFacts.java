package io.redress.casefile;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The facts the centre's reports count, kept as the events happen (table {@code complaint_fact}, and the columns
 * {@code root_cause_category}, {@code paid_amount}, {@code leadership_escalated} of {@code complaint}). A case that
 * ends gets one row computed from its record, deadlines, timeline and feedback; a reopened case loses it until it ends
 * again; the reports read the row's sums per day ({@link ReportDays}). None of it is personal data: an erasure leaves it, and Camunda's history is never read.
 */
@Repository
public class CaseFacts {

  /** The stage tasks whose deadlines count for work-order timeliness. */
  static final String STAGE_TASKS = "('classifyComplaint','assignComplaint','investigateComplaint',"
      + "'approveResolution','executeResolution','collectFeedback')";

  /**
   * The row of an ended case, from what its record holds (the migration V12 backfills with the same statement). A
   * deadline met, or ended before it was due (cancelled), was kept; met late or breached was not.
   */
  static final String FACT_ROW = """
      INSERT INTO complaint_fact (complaint_number, received_at, closed_at, status, channel, category, severity, tier,
        major, handler, resolved_at_intake, root_cause_category, first_reply_on_time, full_process_on_time,
        stage_tasks, stage_tasks_on_time, reopened, reassigned, escalations, leadership_escalated, approved_amount,
        paid_amount, satisfaction, callbacks, satisfied_callbacks, attitude, speed, effectiveness)
      SELECT c.complaint_number, c.received_at, c.closed_at, c.status, c.channel, c.category, c.severity,
        c.customer_tier, c.major, c.handler, c.resolved_at_intake, c.root_cause_category,
        CASE WHEN c.resolved_at_intake THEN TRUE ELSE (SELECT CASE WHEN d.state IN ('met', 'cancelled') THEN TRUE
          WHEN d.state IN ('met-late', 'breached') THEN FALSE END FROM case_deadline d
          WHERE d.complaint_number = c.complaint_number AND d.kind = 'first-reply' ORDER BY d.id LIMIT 1) END,
        CASE WHEN c.resolved_at_intake THEN TRUE ELSE (SELECT CASE WHEN d.state IN ('met', 'cancelled') THEN TRUE
          WHEN d.state IN ('met-late', 'breached') THEN FALSE END FROM case_deadline d
          WHERE d.complaint_number = c.complaint_number AND d.kind = 'effective-reply' ORDER BY d.id LIMIT 1) END,
        (SELECT COUNT(*) FROM case_deadline d WHERE d.complaint_number = c.complaint_number
          AND d.kind IN %1$s AND d.state IN ('met', 'met-late', 'breached')),
        (SELECT COUNT(*) FROM case_deadline d WHERE d.complaint_number = c.complaint_number
          AND d.kind IN %1$s AND d.state = 'met'),
        (SELECT COUNT(*) FROM complaint_event e WHERE e.complaint_number = c.complaint_number
          AND e.event_type = 'reopened'),
        (SELECT CASE WHEN COUNT(*) > 1 THEN COUNT(*) - 1 ELSE 0 END FROM complaint_event e
          WHERE e.complaint_number = c.complaint_number AND e.event_type = 'assigned'),
        (SELECT COUNT(*) FROM complaint_event e WHERE e.complaint_number = c.complaint_number
          AND e.event_type = 'deadline-escalated'),
        c.leadership_escalated, c.approved_amount, c.paid_amount, c.satisfaction,
        (SELECT COUNT(*) FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number),
        (SELECT COUNT(*) FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
          AND f.satisfaction IN ('very_satisfied', 'satisfied', 'basically_satisfied')),
        (SELECT f.attitude FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
          ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1),
        (SELECT f.speed FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
          ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1),
        (SELECT f.effectiveness FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
          ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1)
      FROM complaint c WHERE c.complaint_number = ? AND c.closed_at IS NOT NULL""".formatted(STAGE_TASKS);

  private final JdbcTemplate jdbc;
  private final ReportDays days;

  CaseFacts(JdbcTemplate jdbc, ReportDays days) {
    this.jdbc = jdbc;
    this.days = days;
  }

  /** The case ended (closed or withdrawn): its row, computed afresh, and the day sums with it. */
  void ended(String number) {
    reopened(number);
    jdbc.update(FACT_ROW, number);
    days.add(number, 1);
  }

  /** The case is open again: it counts as ended only when it ends again (its row leaves the day sums). */
  void reopened(String number) {
    days.add(number, -1);
    jdbc.update("DELETE FROM complaint_fact WHERE complaint_number = ?", number);
  }

  /** A fact row written by other means (a test's seed) is added to the day sums as if the case had just ended. */
  public void counted(String number) {
    days.add(number, 1);
  }

  /** An escalation reached {@code group}; managers and directors are leadership. */
  void escalated(String number, Object group) {
    if ("managers".equals(String.valueOf(group)) || "directors".equals(String.valueOf(group))) {
      RecordReads.update(jdbc, "UPDATE complaint SET leadership_escalated = TRUE WHERE complaint_number = ?", number);
    }
  }

  /** The investigator's root-cause category. */
  public void rootCause(String number, String category) {
    RecordReads.update(jdbc, "UPDATE complaint SET root_cause_category = ? WHERE complaint_number = ?", category,
        number);
  }

  /** The resolution was carried out: the approved compensation, if any, is paid. */
  public void paid(String number, Instant at) {
    RecordReads.update(jdbc, "UPDATE complaint SET paid_amount = approved_amount, paid_at = ? "
        + "WHERE complaint_number = ? AND approved_amount IS NOT NULL", Timestamp.from(at), number);
  }
}
