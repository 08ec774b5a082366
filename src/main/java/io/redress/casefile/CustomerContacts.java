package io.redress.casefile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the customer sent us after intake, and what we told or are to tell the customer, per case. */
@Repository
public class CustomerContacts {

  /** The customer wrote to us. */
  public static final String INBOUND = "inbound";
  /** A message to the customer: its text as queued in the outbox (io.redress.notification) for delivery. */
  public static final String OUTBOUND = "outbound";

  private final JdbcTemplate jdbc;

  CustomerContacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Contact(long id, Instant at, String direction, String channel, String recordedBy, String messageId,
      String content) {
  }

  public Contact add(String number, Instant at, String direction, String channel, String recordedBy, String messageId,
      String content) {
    jdbc.update("""
        INSERT INTO customer_contact (complaint_number, occurred_at, direction, channel, recorded_by, message_id,
          content) VALUES (?, ?, ?, ?, ?, ?, ?)""", number, Timestamp.from(at), direction, channel, recordedBy,
        messageId, content);
    Long id = jdbc.queryForObject("SELECT MAX(id) FROM customer_contact WHERE complaint_number = ?", Long.class,
        number);
    return new Contact(id, at, direction, channel, recordedBy, messageId, content);
  }

  public Optional<Contact> byMessageId(String number, String messageId) {
    if (messageId == null) {
      return Optional.empty();
    }
    return jdbc.query("SELECT * FROM customer_contact WHERE complaint_number = ? AND message_id = ?",
        (rs, i) -> map(rs), number, messageId).stream().findFirst();
  }

  public List<Contact> of(String number) {
    return jdbc.query("SELECT * FROM customer_contact WHERE complaint_number = ? ORDER BY occurred_at, id",
        (rs, i) -> map(rs), number);
  }

  /** What the customer sent us on this case, oldest first. */
  public List<Contact> inboundOf(String number) {
    return jdbc.query("SELECT * FROM customer_contact WHERE complaint_number = ? AND direction = ? "
        + "ORDER BY occurred_at, id", (rs, i) -> map(rs), number, INBOUND);
  }

  /**
   * Whether a contact in this direction ({@link #INBOUND}, {@link #OUTBOUND}) was recorded on the case after the given
   * moment (at any time when it is null), asked of the database without reading the messages.
   */
  public boolean anyAfter(String number, String direction, Instant after) {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM customer_contact "
        + "WHERE complaint_number = ? AND direction = ? AND occurred_at > ?)", Boolean.class, number, direction,
        Timestamp.from(after == null ? Instant.EPOCH : after)));
  }

  private static Contact map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Contact(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("direction"),
        rs.getString("channel"), rs.getString("recorded_by"), rs.getString("message_id"), rs.getString("content"));
  }

  /** Erases what the customer said and the message ids of every contact of the customer's cases. */
  public void eraseOfCustomer(String customerId) {
    jdbc.update("""
        UPDATE customer_contact SET content = ?, message_id = NULL
        WHERE complaint_number IN (SELECT complaint_number FROM complaint WHERE customer_id = ?)""",
        PersonalData.ERASED, customerId);
  }
}
