package io.redress.notification;

import io.redress.cluster.NodeName;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Delivers what {@link OutboxNotifications} queued, after its transaction committed; on any number of nodes at once.
 *
 * <p><b>Claiming.</b> A poll reads due rows (pending and due, or sending with an expired lease) and claims each with
 * one conditional {@code UPDATE ... SET state = 'sending', claimed_by = <node>, lease_until = now + lease WHERE id = ?
 * AND (state = 'pending' AND next_attempt_at <= now OR state = 'sending' AND lease_until < now)}: on H2 and PostgreSQL
 * alike only one of several nodes (or pollers) gets an update count of 1 for a row, and only that one sends it.
 * Each statement commits on its own (no transaction spans a send). A claim counts as an attempt.
 *
 * <p><b>Outcome.</b> Delivered: {@code sent} with {@code sent_at}. Failed: back to {@code pending} with the next
 * attempt after {@link NotificationProperties#backoff} (30 s, 1 min, 2 min, ... at most 1 h by default), or
 * {@code failed} after the last attempt. The log and {@code last_error} name the row, template, channel and the kind
 * of error only, never the address or the text.
 *
 * <p><b>What is guaranteed, honestly.</b> At least once, and nearly always exactly once. A node that dies while it
 * holds a row (before or during the send) leaves it {@code sending}; once its lease expires another node sends it
 * again. If the death (or a lost database connection) falls between the SMTP server's acceptance and the
 * {@code sent} update, the customer receives the e-mail twice. Both copies carry the same {@code Message-ID}
 * ({@code <outbound-<id>@redress>}, derived from the row), so a mail client or server that de-duplicates by
 * Message-ID recognises the second one; SMS gateways get the row id as the client reference for the same purpose.
 * A lease shorter than a slow send would let a second node send while the first still is: keep
 * {@code redress.notifications.lease} well above the SMTP timeouts ({@code spring.mail.properties.mail.smtp.*}).
 *
 * <p>E-mail needs {@code spring.mail.host}: without it, e-mail rows stay pending (a warning at start says so) and
 * SMS still go out.
 */
@Component
public class OutboxSender {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final int ERROR_MAX = 500;

  private final JdbcTemplate jdbc;
  private final JavaMailSender mail;
  private final SmsGateway sms;
  private final NotificationProperties properties;
  private final String node;

  @Autowired
  OutboxSender(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mail, SmsGateway sms,
      NotificationProperties properties, NodeName node) {
    this(jdbc, mail.getIfAvailable(), sms, properties, node.name());
  }

  /** A sender of its own (tests: several senders on one database, as several nodes would be). */
  public OutboxSender(JdbcTemplate jdbc, JavaMailSender mail, SmsGateway sms, NotificationProperties properties,
      String node) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.sms = sms;
    this.properties = properties;
    this.node = node;
    if (mail == null) {
      LOG.warn("E-mail is not configured (spring.mail.host is not set): e-mail notifications stay queued in the "
          + "outbox until it is; text messages are sent");
    }
  }

  /** One row as the sender needs it. */
  private record Row(long id, String key, String template, String complaintNumber, String channel,
      String address, String subject, String body, int attempts) {
  }

  /**
   * Claims and sends due messages, a batch at a time, until none is due or ten batches were taken.
   *
   * @return how many were delivered
   */
  public int poll() {
    int delivered = 0;
    for (int batch = 0; batch < 10; batch++) {
      List<Long> due = due();
      for (long id : due) {
        delivered += claimAndSend(id) ? 1 : 0;
      }
      if (due.size() < properties.batchSize()) {
        break;
      }
    }
    return delivered;
  }

  /** The due rows: pending and due, or claimed by a node whose lease expired; e-mail only when it is configured. */
  List<Long> due() {
    Timestamp now = now();
    return jdbc.queryForList("SELECT id FROM outbound_message WHERE ((state = 'pending' AND next_attempt_at <= ?) "
            + "OR (state = 'sending' AND lease_until < ?))" + (mail == null ? " AND channel <> 'email'" : "")
            + " ORDER BY next_attempt_at, id LIMIT ?", Long.class, now, now, properties.batchSize());
  }

  /** Claims the row and, when this sender won it, sends it; true when it was delivered. */
  boolean claimAndSend(long id) {
    Timestamp now = now();
    Timestamp lease = Timestamp.from(now.toInstant().plus(properties.lease()));
    int won = jdbc.update("UPDATE outbound_message SET state = 'sending', claimed_by = ?, lease_until = ?, "
        + "attempts = attempts + 1 WHERE id = ? AND ((state = 'pending' AND next_attempt_at <= ?) "
        + "OR (state = 'sending' AND lease_until < ?))", node, lease, id, now, now);
    if (won != 1) {
      return false; // another node or poller has it, or it is no longer due
    }
    Row row = jdbc.query("SELECT id, message_key, template, complaint_number, channel, address, subject, body, "
            + "attempts FROM outbound_message WHERE id = ?",
        (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9)), id).stream().findFirst().orElse(null);
    if (row == null) {
      return false;
    }
    String previous = MDC.get("businessKey");
    if (row.complaintNumber() != null) {
      MDC.put("businessKey", row.complaintNumber());
    }
    try {
      String messageId = deliver(row);
      int marked = jdbc.update("UPDATE outbound_message SET state = 'sent', sent_at = ?, lease_until = NULL, "
          + "last_error = NULL, smtp_message_id = ? WHERE id = ? AND state = 'sending' AND claimed_by = ? "
          + "AND lease_until = ?", now(), messageId, id, node, lease);
      if (marked != 1) {
        LOG.warn("Outbound message {} ({} by {}) was delivered after this node's lease ran out or the message was "
            + "cancelled; it may go out twice with the same message id", id, row.template(), row.channel());
      } else {
        LOG.info("Outbound message {} ({} by {}) delivered, attempt {}", id, row.template(), row.channel(),
            row.attempts());
      }
      return true;
    } catch (RuntimeException | MessagingException e) {
      failed(row, lease, e);
      return false;
    } finally {
      if (previous == null) {
        MDC.remove("businessKey");
      } else {
        MDC.put("businessKey", previous);
      }
    }
  }

  private String deliver(Row row) throws MessagingException {
    if ("sms".equals(row.channel())) {
      sms.send(row.id(), row.address(), row.body());
      return null;
    }
    if (mail == null) {
      throw new IllegalStateException("e-mail is not configured");
    }
    String messageId = messageId(row.id());
    MimeMessage message = new FixedIdMimeMessage(session(), messageId);
    List<Notifications.Attachment> files = jdbc.query("SELECT file_name, content_type, content FROM "
            + "outbound_attachment WHERE message_key = ? ORDER BY id",
        (rs, i) -> new Notifications.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)), row.key());
    MimeMessageHelper helper = new MimeMessageHelper(message, !files.isEmpty(), "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(row.address());
    helper.setSubject(row.subject() == null ? "" : row.subject());
    helper.setText(row.body(), false);
    for (Notifications.Attachment file : files) {
      helper.addAttachment(file.fileName(), new org.springframework.core.io.ByteArrayResource(file.content()),
          file.contentType());
    }
    helper.setSentDate(ClockUtil.getCurrentTime());
    mail.send(message);
    return messageId;
  }

  /** The Message-ID of an outbox row's e-mail: the same for every attempt. */
  public static String messageId(long id) {
    return "<outbound-" + id + "@redress>";
  }

  private void failed(Row row, Timestamp lease, Exception e) {
    String error = describe(e);
    boolean last = row.attempts() >= properties.maxAttempts();
    Instant next = now().toInstant().plus(properties.backoff(row.attempts()));
    jdbc.update("UPDATE outbound_message SET state = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? "
            + "WHERE id = ? AND state = 'sending' AND claimed_by = ? AND lease_until = ?",
        last ? "failed" : "pending", Timestamp.from(next), error, row.id(), node, lease);
    if (last) {
      LOG.error("Outbound message {} ({} by {}) failed on attempt {} of {} and is given up: {}", row.id(),
          row.template(), row.channel(), row.attempts(), properties.maxAttempts(), error);
    } else {
      LOG.warn("Outbound message {} ({} by {}) failed on attempt {} of {}, next attempt at {}: {}", row.id(),
          row.template(), row.channel(), row.attempts(), properties.maxAttempts(), next, error);
    }
  }

  /** The kind of failure: the exception classes down the cause chain, never their messages (they hold addresses). */
  static String describe(Throwable e) {
    List<String> kinds = new ArrayList<>();
    for (Throwable t = e; t != null && kinds.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
      kinds.add(t.getClass().getSimpleName());
    }
    if (e instanceof org.springframework.mail.MailSendException send) {
      for (Exception failure : send.getFailedMessages().values()) {
        kinds.add(describe(failure));
      }
    }
    String s = String.join(" < ", kinds);
    return s.length() > ERROR_MAX ? s.substring(0, ERROR_MAX) : s;
  }

  private Session session() {
    return mail instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  /** Keeps the Message-ID it was given: Jakarta Mail would otherwise make a new one on each send. */
  private static final class FixedIdMimeMessage extends MimeMessage {

    private final String id;

    FixedIdMimeMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
