package io.redress.casefile;

import io.redress.database.DatabaseProduct;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The complaint table: creates, reads and updates case records. */
@Repository
public class CaseRecords {

  /**
   * A row onto {@link CaseRecord}'s components by name (the columns in snake case; {@code complaint_number} read as
   * {@code number} by {@link #SELECT}); times and the status read as the columns hold them.
   */
  private static final RowMapper<CaseRecord> ROW = new DataClassRowMapper<>(CaseRecord.class) {
    /**
     * The column asked for first: Spring's mapper asks for the component's lower-case name ({@code receivedby}) and
     * for the snake-case column only after that fails, and H2 answers each miss with an exception written to its
     * trace file (about 27 kB each, 20 a row read). The columns are the snake-case names, so they are asked for
     * first.
     */
    @Override
    protected String lowerCaseName(String name) {
      return underscoreName(name);
    }

    @Override
    protected Object getColumnValue(ResultSet rs, int index, Class<?> type) throws SQLException {
      if (type == Instant.class) {
        return instant(rs.getTimestamp(index));
      }
      if (type == CaseStatus.class) {
        return CaseStatus.of(rs.getString(index)).orElseThrow();
      }
      return super.getColumnValue(rs, index, type);
    }
  };
  private static final String SELECT = "SELECT c.*, c.complaint_number AS number FROM complaint c";

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
    this.nextValueSql = DatabaseProduct.isPostgres(jdbc)
        ? "SELECT nextval('complaint_number_seq')"
        : "SELECT NEXT VALUE FOR complaint_number_seq";
  }

  /** The next complaint number, e.g. {@code CMP-2026-000042}: the year of receipt and a running number. */
  public String nextNumber(Instant receivedAt) {
    Long n = jdbc.queryForObject(nextValueSql, Long.class);
    return String.format("%s-%d-%06d", prefix, receivedAt.atZone(zone).getYear(), n);
  }

  /** Stores a new case, open, and returns it. */
  public CaseRecord create(String number, NewCase c, Instant receivedAt, String receivedBy, String idempotencyKey,
      String customerId, String earlierComplaint) {
    NewCase.IdentityCheck identity = c.identityCheck();
    update("""
        INSERT INTO complaint (complaint_number, status, stage, channel, customer_name, customer_phone,
          customer_email, customer_tier, order_ref, description, desired_outcome, amount_claimed, currency,
          safety_risk, resolved_at_intake, resolution, second_complaint, received_at, received_by, idempotency_key,
          customer_id, earlier_complaint, identity_check, identity_relationship)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        number, CaseStatus.OPEN.wire(), "intake", c.channelOrDefault(), c.customer().name().strip(),
        blankToNull(c.customer().phone()), blankToNull(c.customer().email()), c.customer().tierOrDefault(),
        blankToNull(c.orderRef()), c.description(), blankToNull(c.desiredOutcome()), c.amountClaimed(),
        c.currencyOrDefault(), c.isSafetyRisk(), c.isResolvedAtIntake(), blankToNull(c.resolution()),
        earlierComplaint != null, Timestamp.from(receivedAt), receivedBy, idempotencyKey, customerId,
        earlierComplaint, identity == null ? null : identity.result(),
        identity == null ? null : blankToNull(identity.relationship()));
    return find(number).orElseThrow();
  }

  /**
   * The latest complaint of this customer about this order received since {@code since}: a new one about the
   * same matter is a second complaint.
   */
  public Optional<String> earlierAboutSameOrder(String customerId, String orderRef, Instant since) {
    if (customerId == null || orderRef == null || orderRef.isBlank()) {
      return Optional.empty();
    }
    return jdbc.queryForList("""
        SELECT complaint_number FROM complaint WHERE customer_id = ? AND order_ref = ? AND received_at >= ?
        ORDER BY received_at DESC, complaint_number DESC""", String.class, customerId, orderRef.strip(),
        Timestamp.from(since)).stream().findFirst();
  }

  /** The nearest open deadline and who holds the open task, as the task listeners see them. */
  public void updateOpenWork(String number, Instant dueAt, String assignee) {
    update("UPDATE complaint SET due_at = ?, assignee = ? WHERE complaint_number = ?",
        dueAt == null ? null : Timestamp.from(dueAt), assignee, number);
  }

  public void withdrawalReason(String number, String reason) {
    update("UPDATE complaint SET withdrawal_reason = ? WHERE complaint_number = ?", reason, number);
  }

  public List<CaseRecord> ofCustomer(String customerId) {
    return jdbc.query(SELECT + " WHERE customer_id = ? ORDER BY received_at", ROW, customerId);
  }

  /** One page of the case search, and how many cases match in all. */
  public record Page(List<CaseRecord> items, long total) {
  }

  public Page search(CaseQuery q, Instant now) {
    List<Object> args = new ArrayList<>();
    String where = where(q, now, args);
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM complaint" + where, Long.class, args.toArray());
    String order = order(q);
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(q.size());
    pageArgs.add((long) q.page() * q.size());
    List<CaseRecord> items = jdbc.query(SELECT + where + order + " LIMIT ? OFFSET ?", ROW,
        pageArgs.toArray());
    return new Page(items, total == null ? 0 : total);
  }

  /**
   * Every case the search matches, in its order, one row at a time: the driver fetches {@code fetchSize} rows at a
   * time (PostgreSQL only inside a transaction, hence read-only here), so a million rows never sit in memory.
   * The query's page and size are ignored.
   */
  @Transactional(readOnly = true)
  public void each(CaseQuery q, Instant now, int fetchSize, Consumer<CaseRecord> each) {
    List<Object> args = new ArrayList<>();
    String sql = SELECT + where(q, now, args) + order(q);
    jdbc.query(connection -> {
      PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(fetchSize);
      for (int i = 0; i < args.size(); i++) {
        statement.setObject(i + 1, args.get(i));
      }
      return statement;
    }, (RowCallbackHandler) rs -> each.accept(ROW.mapRow(rs, rs.getRow())));
  }

  private static String order(CaseQuery q) {
    return " ORDER BY " + q.sort().column + (q.ascending() ? " ASC" : " DESC")
        + (q.sort() == CaseQuery.Sort.RECEIVED ? "" : ", received_at DESC") + ", complaint_number"
        + (q.ascending() ? " ASC" : " DESC");
  }

  private static String where(CaseQuery q, Instant now, List<Object> args) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    eq(where, args, "status", q.status());
    eq(where, args, "stage", q.stage());
    eq(where, args, "severity", q.severity());
    eq(where, args, "category", q.category());
    eq(where, args, "channel", q.channel());
    eq(where, args, "customer_id", q.customer());
    if (q.assignee() != null) {
      where.append(" AND (assignee = ? OR (assignee IS NULL AND handler = ?))");
      args.add(q.assignee());
      args.add(q.assignee());
    }
    if (q.overdue() != null) {
      where.append(q.overdue() ? " AND status = ? AND due_at < ?"
          : " AND NOT (status = ? AND due_at IS NOT NULL AND due_at < ?)");
      args.add(CaseStatus.OPEN.wire());
      args.add(Timestamp.from(now));
    }
    if (q.receivedFrom() != null) {
      where.append(" AND received_at >= ?");
      args.add(Timestamp.from(q.receivedFrom()));
    }
    if (q.receivedTo() != null) {
      where.append(" AND received_at < ?");
      args.add(Timestamp.from(q.receivedTo()));
    }
    return where.toString();
  }

  private static void eq(StringBuilder where, List<Object> args, String column, String value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  /**
   * The case, its row locked until the transaction ends: changes from outside its tasks (a message, a withdrawal)
   * take turns, so the second of two sees what the first did.
   */
  public Optional<CaseRecord> findForUpdate(String number) {
    RecordReads.forget();
    return jdbc.query(SELECT + " WHERE complaint_number = ? FOR UPDATE", ROW, number).stream()
        .findFirst();
  }

  /** When the case began to wait on the customer; empty when it does not. */
  public Optional<Instant> pausedAt(String number) {
    return jdbc.query("SELECT paused_at FROM complaint WHERE complaint_number = ? AND paused_at IS NOT NULL",
        (rs, i) -> rs.getTimestamp(1).toInstant(), number).stream().findFirst();
  }

  /** The case waits on the customer from {@code at} (null: no longer). */
  public void paused(String number, Instant at, String reason) {
    update("UPDATE complaint SET paused_at = ?, pause_reason = ? WHERE complaint_number = ?",
        at == null ? null : java.sql.Timestamp.from(at), reason, number);
  }

  /** The case; read once per transaction until the transaction writes to the complaint table ({@link RecordReads}). */
  public Optional<CaseRecord> find(String number) {
    return RecordReads.find(number,
        n -> jdbc.query(SELECT + " WHERE complaint_number = ?", ROW, n).stream().findFirst());
  }

  /** Every statement that changes the complaint table goes through here: the transaction's reads are read again. */
  private int update(String sql, Object... args) {
    return RecordReads.update(jdbc, sql, args);
  }

  public Optional<CaseRecord> findByIdempotencyKey(String key) {
    return jdbc.query(SELECT + " WHERE idempotency_key = ?", ROW, key).stream().findFirst();
  }

  /**
   * The process of the case: one per complaint number, held by the primary key of {@code complaint_process}. A second
   * process for a number that has one fails here and its start is rolled back.
   */
  public void linkProcessInstance(String number, String processInstanceId, Instant at) {
    try {
      update("INSERT INTO complaint_process (complaint_number, process_instance_id, started_at) VALUES (?, ?, ?)",
          number, processInstanceId, Timestamp.from(at));
    } catch (org.springframework.dao.DuplicateKeyException e) {
      throw new org.camunda.bpm.engine.BadUserRequestException("Complaint " + number + " already has its process; "
          + "a complaint is never started twice.");
    }
    update("UPDATE complaint SET process_instance_id = ? WHERE complaint_number = ?", processInstanceId, number);
  }

  /** The resolution was approved: its amount, as the server recorded it at the investigation, is frozen here. */
  public void approve(String number, java.math.BigDecimal amount, String by, Instant at) {
    update("UPDATE complaint SET approved_amount = ?, approved_by = ?, approved_at = ? WHERE complaint_number = ?",
        amount, by, Timestamp.from(at), number);
  }

  /** The resolution went back to the investigation: nothing is approved until the next approval. */
  public void clearApproval(String number) {
    update("UPDATE complaint SET approved_amount = NULL, approved_by = NULL, approved_at = NULL "
        + "WHERE complaint_number = ?", number);
  }

  /** The amount approved for the case, if its resolution is approved. */
  public Optional<java.math.BigDecimal> approvedAmount(String number) {
    return jdbc.query("SELECT approved_amount FROM complaint WHERE complaint_number = ? AND approved_amount IS NOT NULL",
        (rs, i) -> rs.getBigDecimal(1), number).stream().findFirst();
  }

  /** A stage's task was made: the case is in that stage, with that task's due date and assignee (one statement). */
  public void enterStage(String number, String stage, Instant dueAt, String assignee) {
    update("UPDATE complaint SET stage = ?, due_at = ?, assignee = ? WHERE complaint_number = ?", stage,
        dueAt == null ? null : Timestamp.from(dueAt), assignee, number);
  }

  /** Writes the classification the frontline rep confirmed. */
  public void classify(String number, String category, String nature, String severity, boolean major) {
    update("UPDATE complaint SET category = ?, nature = ?, severity = ?, major = ? WHERE complaint_number = ?",
        category, nature, severity, major, number);
  }

  public void assign(String number, String handler) {
    update("UPDATE complaint SET handler = ? WHERE complaint_number = ?", handler, number);
  }

  public void markSecondComplaint(String number) {
    update("UPDATE complaint SET second_complaint = ?, status = ? WHERE complaint_number = ?",
        true, CaseStatus.OPEN.wire(), number);
  }

  /** Ends the case: closed, closed - no response, or withdrawn. */
  public void close(String number, CaseStatus status, String satisfaction, Instant at) {
    update("UPDATE complaint SET status = ?, stage = ?, satisfaction = ?, closed_at = ? WHERE complaint_number = ?",
        status.wire(), status.wire(), satisfaction, Timestamp.from(at), number);
  }


  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /**
   * Erases the personal data of the customer's cases: name, contact details, order, description, resolution,
   * identity relationship and withdrawal reason; what the KPIs need stays. The cases are marked erased.
   */
  public void eraseCustomer(String customerId) {
    String erased = PersonalData.ERASED;
    update("""
        UPDATE complaint SET customer_name = ?, customer_phone = NULL, customer_email = NULL, order_ref = NULL,
          description = ?, resolution = CASE WHEN resolution IS NULL THEN NULL ELSE ? END,
          identity_relationship = NULL, withdrawal_reason = CASE WHEN withdrawal_reason IS NULL THEN NULL ELSE ? END,
          idempotency_key = NULL, erased = TRUE
        WHERE customer_id = ?""", erased, erased, erased, erased, customerId);
  }
}
