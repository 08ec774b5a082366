package io.redress.summary;

import io.redress.calendar.WorkingCalendar;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Computes a month's figures from the case record (not from Camunda's history, which is cleaned after 180 days and
 * by erasure): complaints received in the month by category and severity, and those that missed a deadline due in
 * the month; the rest comes from the reports ({@link KpiFigures}). The month runs from its first midnight to the next month's in the centre's
 * time zone.
 */
@Component
class FigureBuilder {

  static final int EXAMPLES = 5;

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  FigureBuilder(JdbcTemplate jdbc, WorkingCalendar calendar) {
    this.jdbc = jdbc;
    this.zone = calendar.zone();
  }

  ZoneId zone() {
    return zone;
  }

  Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  Instant end(YearMonth month) {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }

  MonthlyFigures figures(YearMonth month, long closed, List<MonthlyFigures.Kpi> kpis,
      List<MonthlyFigures.RootCause> causes) {
    Timestamp from = Timestamp.from(start(month));
    Timestamp to = Timestamp.from(end(month));
    Long received = jdbc.queryForObject("SELECT COUNT(*) FROM complaint WHERE received_at >= ? AND received_at < ?",
        Long.class, from, to);
    Map<String, Long> byCategory = counts("category", from, to);
    Map<String, Long> bySeverity = counts("severity", from, to);
    String missed = "FROM case_deadline WHERE due_at >= ? AND due_at < ? AND state IN ('breached', 'met-late')";
    Long overdue = jdbc.queryForObject("SELECT COUNT(DISTINCT complaint_number) " + missed, Long.class, from, to);
    List<String> examples = jdbc.queryForList("SELECT DISTINCT complaint_number " + missed
        + " ORDER BY complaint_number LIMIT " + EXAMPLES, String.class, from, to);
    return new MonthlyFigures(month.toString(), month.atDay(1), month.atEndOfMonth(), zone.getId(),
        received == null ? 0 : received, closed, byCategory, bySeverity,
        new MonthlyFigures.Overdue(overdue == null ? 0 : overdue, examples), kpis, causes);
  }

  /** Complaints received in the month per value of a column the code names (never user input), largest first. */
  private Map<String, Long> counts(String column, Timestamp from, Timestamp to) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("SELECT COALESCE(" + column + ", 'unclassified') AS v, COUNT(*) AS n FROM complaint "
            + "WHERE received_at >= ? AND received_at < ? GROUP BY COALESCE(" + column + ", 'unclassified') "
            + "ORDER BY n DESC, v", rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, from, to);
    return counts;
  }
}
