package io.redress.casefile;

import io.redress.database.DatabaseProduct;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The facts of the ended cases summed per day (and per month) in the centre's zone and per channel, category, severity
 * and tier
 * (tables {@code report_closed_day}, {@code report_received_day}, {@code report_closed_count}; migration V16, which
 * also fills them from the fact rows already there). A fact row is added when it is written and taken away before
 * it is deleted, in the same transaction, so the sums are always those of {@code complaint_fact}. Several nodes add
 * to one row at once: PostgreSQL's {@code INSERT ... ON CONFLICT DO UPDATE} adds atomically; H2 (one node) updates,
 * inserts when there was no row, and updates again if another thread inserted it first.
 */
@Repository
class ReportDays {

  private static final String[] KEY = {"channel", "category", "severity", "tier"};
  static final String[] CLOSED = {"ended", "withdrawn", "counted", "first_reply_due", "first_reply_on_time",
      "full_process_due", "full_process_on_time", "resolved_at_intake", "stage_tasks", "stage_tasks_on_time",
      "callbacks", "satisfied_callbacks", "approved", "approved_amount", "paid", "paid_amount", "answers",
      "attitude_answers", "attitude_sum", "speed_answers", "speed_sum", "effectiveness_answers", "effectiveness_sum"};

  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final boolean postgres;

  ReportDays(JdbcTemplate jdbc, @Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.zone = ZoneId.of(zone);
    this.postgres = DatabaseProduct.isPostgres(jdbc);
  }

  /** Adds (sign 1) or takes away (sign -1) the case's fact row, if it has one. */
  void add(String number, int sign) {
    List<Fact> facts = jdbc.query("SELECT received_at, closed_at, status, channel, category, severity, tier, major, "
        + "leadership_escalated, handler, resolved_at_intake, root_cause_category, first_reply_on_time, "
        + "full_process_on_time, stage_tasks, stage_tasks_on_time, callbacks, satisfied_callbacks, approved_amount, "
        + "paid_amount, satisfaction, attitude, speed, effectiveness FROM complaint_fact WHERE complaint_number = ?",
        (rs, i) -> fact(rs), number);
    for (Fact f : facts) {
      add(f, sign);
    }
  }

  private record Fact(LocalDate receivedOn, LocalDate endedOn, Object[] key, Object[] closed, long escalated,
      String handler, String rootCause, boolean withdrawn) {
  }

  private Fact fact(ResultSet rs) throws SQLException {
    boolean withdrawn = "withdrawn".equals(rs.getString("status"));
    int counted = withdrawn ? 0 : 1;
    Boolean firstReply = bool(rs, "first_reply_on_time");
    Boolean fullProcess = bool(rs, "full_process_on_time");
    BigDecimal approved = rs.getBigDecimal("approved_amount");
    BigDecimal paid = rs.getBigDecimal("paid_amount");
    Integer attitude = integer(rs, "attitude");
    Integer speed = integer(rs, "speed");
    Integer effectiveness = integer(rs, "effectiveness");
    Object[] closed = {1L, withdrawn ? 1L : 0L, (long) counted, firstReply == null ? 0L : counted,
        Boolean.TRUE.equals(firstReply) ? counted : 0L, fullProcess == null ? 0L : counted,
        Boolean.TRUE.equals(fullProcess) ? counted : 0L, rs.getBoolean("resolved_at_intake") ? counted : 0L,
        (long) counted * rs.getInt("stage_tasks"), (long) counted * rs.getInt("stage_tasks_on_time"),
        (long) counted * rs.getInt("callbacks"), (long) counted * rs.getInt("satisfied_callbacks"),
        approved == null ? 0L : 1L, approved == null ? BigDecimal.ZERO : approved, paid == null ? 0L : 1L,
        paid == null ? BigDecimal.ZERO : paid, rs.getString("satisfaction") == null ? 0L : 1L,
        attitude == null ? 0L : 1L, attitude == null ? 0L : attitude, speed == null ? 0L : 1L,
        speed == null ? 0L : speed, effectiveness == null ? 0L : 1L, effectiveness == null ? 0L : effectiveness};
    Object[] key = {rs.getString("channel"), blank(rs.getString("category")), blank(rs.getString("severity")),
        rs.getString("tier")};
    boolean escalated = rs.getBoolean("major") || rs.getBoolean("leadership_escalated");
    return new Fact(day(rs, "received_at"), day(rs, "closed_at"), key, closed, escalated ? 1 : 0,
        rs.getString("handler"), blank(rs.getString("root_cause_category")), withdrawn);
  }

  private void add(Fact f, int sign) {
    upsert("report_closed_day", "ended_on", f.endedOn(), f.key(), new String[0], new Object[0], CLOSED,
        signed(f.closed(), sign));
    upsert("report_received_day", "received_on", f.receivedOn(), f.key(), new String[0], new Object[0],
        new String[] {"received", "escalated"}, new Object[] {(long) sign, sign * f.escalated()});
    String[] count = {"kind", "item"};
    if (!f.withdrawn()) {
      upsert("report_closed_count", "ended_on", f.endedOn(), f.key(), count, new Object[] {"root-cause", f.rootCause()},
          new String[] {"cases"}, new Object[] {(long) sign});
    }
    if (f.handler() != null) {
      upsert("report_closed_count", "ended_on", f.endedOn(), f.key(), count, new Object[] {"handler", f.handler()},
          new String[] {"cases"}, new Object[] {(long) sign});
    }
  }

  /** Adds the values to the rows of the key of the day and of its month, made if there are none. */
  private void upsert(String table, String day, LocalDate on, Object[] key, String[] moreKey, Object[] moreValues,
      String[] columns, Object[] values) {
    upsert(table, day, "day", on, key, moreKey, moreValues, columns, values);
    upsert(table, day, "month", on.withDayOfMonth(1), key, moreKey, moreValues, columns, values);
  }

  private void upsert(String table, String day, String span, LocalDate on, Object[] key, String[] moreKey,
      Object[] moreValues, String[] columns, Object[] values) {
    List<String> keys = new ArrayList<>(List.of("span", day));
    keys.addAll(List.of(KEY));
    keys.addAll(List.of(moreKey));
    List<Object> keyValues = new ArrayList<>(List.of(span, Date.valueOf(on)));
    keyValues.addAll(List.of(key));
    keyValues.addAll(List.of(moreValues));
    List<Object> insertArgs = new ArrayList<>(keyValues);
    insertArgs.addAll(List.of(values));
    String insert = "INSERT INTO " + table + " (" + String.join(", ", keys) + ", " + String.join(", ", columns)
        + ") VALUES (" + "?, ".repeat(keys.size() + columns.length - 1) + "?)";
    if (postgres) {
      List<String> set = new ArrayList<>();
      for (String c : columns) {
        set.add(c + " = " + table + "." + c + " + EXCLUDED." + c);
      }
      jdbc.update(insert + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + String.join(", ", set),
          insertArgs.toArray());
      return;
    }
    List<String> set = new ArrayList<>();
    for (String c : columns) {
      set.add(c + " = " + c + " + ?");
    }
    String update = "UPDATE " + table + " SET " + String.join(", ", set) + " WHERE " + String.join(" = ? AND ", keys)
        + " = ?";
    List<Object> updateArgs = new ArrayList<>(List.of(values));
    updateArgs.addAll(keyValues);
    if (jdbc.update(update, updateArgs.toArray()) == 0) {
      try {
        jdbc.update(insert, insertArgs.toArray());
      } catch (DuplicateKeyException e) {
        jdbc.update(update, updateArgs.toArray());
      }
    }
  }

  private static Object[] signed(Object[] values, int sign) {
    Object[] s = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      s[i] = values[i] instanceof BigDecimal d ? d.multiply(BigDecimal.valueOf(sign)) : sign * (Long) values[i];
    }
    return s;
  }

  private LocalDate day(ResultSet rs, String column) throws SQLException {
    return rs.getTimestamp(column).toInstant().atZone(zone).toLocalDate();
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }

  private static Boolean bool(ResultSet rs, String column) throws SQLException {
    boolean b = rs.getBoolean(column);
    return rs.wasNull() ? null : b;
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
