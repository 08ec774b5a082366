package io.redress.casefile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Every deadline of a case with its state (table {@code case_deadline}): the stage deadlines of its tasks and the
 * customer-facing deadlines of the SLA policy. Written by {@code io.redress.sla.Sla} and the task listeners in
 * the engine's transaction; read by the case view.
 */
@Repository
public class CaseDeadlines {

  public static final String ON_TIME = "on-time";
  public static final String WARNED = "warned";
  public static final String BREACHED = "breached";
  public static final String PAUSED = "paused";
  public static final String MET = "met";
  public static final String MET_LATE = "met-late";
  public static final String CANCELLED = "cancelled";

  public static final String WORKING = "working";
  public static final String CLOCK = "clock";

  /** Who holds the customer deadlines of the SLA policy (the case view shows it as it is; the forms in words). */
  public static final String CUSTOMER_SERVICE = "customer service";

  private static final String OPEN_STATES = "('" + ON_TIME + "','" + WARNED + "','" + BREACHED + "','" + PAUSED
      + "')";

  private final JdbcTemplate jdbc;

  CaseDeadlines(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One deadline as stored. */
  public record Deadline(long id, String number, String kind, String label, String basis, Instant startedAt,
      Instant dueAt, Instant warnAt, String state, String owner, String escalatedTo, Long remainingMs,
      Long warnRemainingMs, String taskId, Instant closedAt) {

    public boolean open() {
      return ON_TIME.equals(state) || WARNED.equals(state) || BREACHED.equals(state) || PAUSED.equals(state);
    }

    /** The state as a reader should see it now: an open deadline whose time has passed is breached. */
    public String stateAt(Instant now) {
      if ((ON_TIME.equals(state) || WARNED.equals(state)) && !dueAt.isAfter(now)) {
        return BREACHED;
      }
      return state;
    }
  }

  public long open(String number, String kind, String label, String basis, Instant start, Instant due, Instant warn,
      String owner, String taskId) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          INSERT INTO case_deadline (complaint_number, kind, label, basis, started_at, due_at, warn_at, state, owner,
            task_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      ps.setString(1, number);
      ps.setString(2, kind);
      ps.setString(3, label);
      ps.setString(4, basis);
      ps.setTimestamp(5, Timestamp.from(start));
      ps.setTimestamp(6, Timestamp.from(due));
      ps.setTimestamp(7, warn == null ? null : Timestamp.from(warn));
      ps.setString(8, ON_TIME);
      ps.setString(9, owner);
      ps.setString(10, taskId);
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  public Optional<Deadline> find(long id) {
    return jdbc.query("SELECT * FROM case_deadline WHERE id = ?", (rs, i) -> map(rs), id).stream().findFirst();
  }

  public List<Deadline> of(String number) {
    return jdbc.query("SELECT * FROM case_deadline WHERE complaint_number = ? ORDER BY started_at, id",
        (rs, i) -> map(rs), number);
  }

  public List<Deadline> openOf(String number) {
    return jdbc.query("SELECT * FROM case_deadline WHERE complaint_number = ? AND state IN " + OPEN_STATES
        + " ORDER BY due_at, id", (rs, i) -> map(rs), number);
  }

  /** The newest open deadline of this kind. */
  public Optional<Deadline> openOfKind(String number, String kind) {
    return jdbc.query("SELECT * FROM case_deadline WHERE complaint_number = ? AND kind = ? AND state IN "
        + OPEN_STATES + " ORDER BY id DESC", (rs, i) -> map(rs), number, kind).stream().findFirst();
  }

  public void owner(long id, String owner, String taskId) {
    jdbc.update("UPDATE case_deadline SET owner = ?, task_id = COALESCE(?, task_id) WHERE id = ?", owner, taskId, id);
  }

  public boolean warned(long id) {
    return jdbc.update("UPDATE case_deadline SET state = ? WHERE id = ? AND state = ?", WARNED, id, ON_TIME) == 1;
  }

  public void breached(long id, String escalatedTo) {
    jdbc.update("UPDATE case_deadline SET state = ?, escalated_to = COALESCE(?, escalated_to) WHERE id = ? AND "
        + "state IN " + OPEN_STATES, BREACHED, escalatedTo, id);
  }

  /** Met (or met late, after its due date) at {@code at}; nothing when it is no longer open. */
  public boolean met(long id, Instant at) {
    return jdbc.update("UPDATE case_deadline SET state = CASE WHEN due_at < ? OR state = ? THEN ? ELSE ? END, "
        + "closed_at = ?, remaining_ms = NULL, warn_remaining_ms = NULL WHERE id = ? AND state IN " + OPEN_STATES,
        Timestamp.from(at), BREACHED, MET_LATE, MET, Timestamp.from(at), id) == 1;
  }

  /** Ended without being met (the case took another way): breached when its time had passed, else cancelled. */
  public void ended(long id, Instant at) {
    jdbc.update("UPDATE case_deadline SET state = CASE WHEN state = ? OR (state <> ? AND due_at <= ?) THEN ? ELSE ? "
        + "END, closed_at = ?, remaining_ms = NULL, warn_remaining_ms = NULL WHERE id = ? AND state IN "
        + OPEN_STATES, BREACHED, PAUSED, Timestamp.from(at), BREACHED, CANCELLED, Timestamp.from(at), id);
  }

  /**
   * The case ended: deadlines of the kinds in {@code metKinds} are met (or met late), the others that are still open
   * end (breached when their time had passed, else cancelled).
   */
  public void endAll(String number, Instant at, java.util.Set<String> metKinds) {
    for (Deadline d : openOf(number)) {
      if (metKinds.contains(d.kind())) {
        met(d.id(), at);
      } else {
        ended(d.id(), at);
      }
    }
  }

  public void paused(long id, long remainingMs, Long warnRemainingMs) {
    jdbc.update("UPDATE case_deadline SET state = ?, remaining_ms = ?, warn_remaining_ms = ? WHERE id = ?", PAUSED,
        remainingMs, warnRemainingMs, id);
  }

  public void resumed(long id, Instant due, Instant warn, String state) {
    jdbc.update("UPDATE case_deadline SET state = ?, due_at = ?, warn_at = ?, remaining_ms = NULL, "
            + "warn_remaining_ms = NULL WHERE id = ?", state, Timestamp.from(due),
        warn == null ? null : Timestamp.from(warn), id);
  }

  /** Moves an open deadline (a customer deadline re-decided when the severity was confirmed). */
  public void due(long id, Instant due) {
    jdbc.update("UPDATE case_deadline SET due_at = ? WHERE id = ?", Timestamp.from(due), id);
  }

  private static Deadline map(ResultSet rs) throws SQLException {
    return new Deadline(rs.getLong("id"), rs.getString("complaint_number"), rs.getString("kind"),
        rs.getString("label"), rs.getString("basis"), instant(rs, "started_at"), instant(rs, "due_at"),
        instant(rs, "warn_at"), rs.getString("state"), rs.getString("owner"), rs.getString("escalated_to"),
        (Long) rs.getObject("remaining_ms", Long.class), (Long) rs.getObject("warn_remaining_ms", Long.class),
        rs.getString("task_id"), instant(rs, "closed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
