package io.redress.casefile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The complaint table: creates, reads and updates case records. */
@Repository
public class CaseRecords {

  private static final RowMapper<CaseRecord> ROW = CaseRecords::map;

  private final JdbcTemplate jdbc;
  private final String prefix;
  private final ZoneId zone;
  private final String nextValueSql;

  CaseRecords(JdbcTemplate jdbc,
      @Value("${redress.complaint-number-prefix:CMP}") String prefix,
      @Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.prefix = prefix;
    this.zone = ZoneId.of(zone);
    String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    this.nextValueSql = "PostgreSQL".equalsIgnoreCase(product)
        ? "SELECT nextval('complaint_number_seq')"
        : "SELECT NEXT VALUE FOR complaint_number_seq";
  }

  /** The next complaint number, e.g. {@code CMP-2026-000042}: the year of receipt and a running number. */
  public String nextNumber(Instant receivedAt) {
    Long n = jdbc.queryForObject(nextValueSql, Long.class);
    return String.format("%s-%d-%06d", prefix, receivedAt.atZone(zone).getYear(), n);
  }

  /** Stores a new case, open, and returns it. */
  public CaseRecord create(String number, NewCase c, Instant receivedAt, String receivedBy, String idempotencyKey) {
    jdbc.update("""
        INSERT INTO complaint (complaint_number, status, stage, channel, customer_name, customer_phone,
          customer_email, customer_tier, order_ref, description, desired_outcome, amount_claimed, currency,
          safety_risk, resolved_at_intake, resolution, second_complaint, received_at, received_by, idempotency_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        number, CaseRecord.OPEN, "intake", c.channelOrDefault(), c.customer().name(), blankToNull(c.customer().phone()),
        blankToNull(c.customer().email()), c.customer().tierOrDefault(), blankToNull(c.orderRef()), c.description(),
        blankToNull(c.desiredOutcome()), c.amountClaimed(), c.currencyOrDefault(), c.isSafetyRisk(),
        c.isResolvedAtIntake(), blankToNull(c.resolution()), false, Timestamp.from(receivedAt), receivedBy,
        idempotencyKey);
    return find(number).orElseThrow();
  }

  public Optional<CaseRecord> find(String number) {
    return jdbc.query("SELECT * FROM complaint WHERE complaint_number = ?", ROW, number).stream().findFirst();
  }

  public Optional<CaseRecord> findByIdempotencyKey(String key) {
    return jdbc.query("SELECT * FROM complaint WHERE idempotency_key = ?", ROW, key).stream().findFirst();
  }

  public void linkProcessInstance(String number, String processInstanceId) {
    jdbc.update("UPDATE complaint SET process_instance_id = ? WHERE complaint_number = ?", processInstanceId, number);
  }

  public void updateStage(String number, String stage) {
    jdbc.update("UPDATE complaint SET stage = ? WHERE complaint_number = ?", stage, number);
  }

  /** Writes the classification the frontline rep confirmed. */
  public void classify(String number, String category, String nature, String severity, boolean major) {
    jdbc.update("UPDATE complaint SET category = ?, nature = ?, severity = ?, major = ? WHERE complaint_number = ?",
        category, nature, severity, major, number);
  }

  public void assign(String number, String handler) {
    jdbc.update("UPDATE complaint SET handler = ? WHERE complaint_number = ?", handler, number);
  }

  public void markSecondComplaint(String number) {
    jdbc.update("UPDATE complaint SET second_complaint = ?, status = ? WHERE complaint_number = ?",
        true, CaseRecord.OPEN, number);
  }

  /** Ends the case: closed, closed - no response, or withdrawn. */
  public void close(String number, String status, String satisfaction, Instant at) {
    jdbc.update("UPDATE complaint SET status = ?, stage = ?, satisfaction = ?, closed_at = ? WHERE complaint_number = ?",
        status, status, satisfaction, Timestamp.from(at), number);
  }


  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static CaseRecord map(ResultSet rs, int i) throws SQLException {
    Object major = rs.getObject("major");
    return new CaseRecord(
        rs.getString("complaint_number"), rs.getString("process_instance_id"), rs.getString("status"),
        rs.getString("stage"), rs.getString("channel"), rs.getString("customer_name"), rs.getString("customer_phone"),
        rs.getString("customer_email"), rs.getString("customer_tier"), rs.getString("order_ref"),
        rs.getString("description"), rs.getString("desired_outcome"), rs.getBigDecimal("amount_claimed"),
        rs.getString("currency"), rs.getBoolean("safety_risk"), rs.getBoolean("resolved_at_intake"),
        rs.getString("resolution"), rs.getString("severity"), rs.getString("category"), rs.getString("nature"),
        major == null ? null : rs.getBoolean("major"), rs.getString("handler"), rs.getBoolean("second_complaint"),
        rs.getString("satisfaction"), instant(rs.getTimestamp("received_at")), rs.getString("received_by"),
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
