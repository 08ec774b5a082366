package io.redress.notification;

import io.redress.database.DatabaseProduct;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.PersonalData;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.language.WorkingLanguage;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Notifications} as a transactional outbox: each call inserts a row into {@code outbound_message} through the
 * application's {@link JdbcTemplate}, so it commits or rolls back with the caller's transaction (the engine's, in a
 * delegate: Camunda runs in Spring-managed transactions here). {@link OutboxSender} delivers committed rows.
 *
 * <p>A key that is already queued inserts nothing and leaves the caller's transaction intact: on PostgreSQL the
 * insert is {@code ON CONFLICT (message_key) DO NOTHING} (a failed statement would abort the whole transaction
 * there), elsewhere an insert guarded by {@code NOT EXISTS}. Times are the engine's clock
 * (the engine's clock).
 */
@Service
public class OutboxNotifications implements Notifications {

  public static final String SYSTEM = "system";
  static final String CUSTOMER = "customer";
  static final String STAFF = "staff";

  private final JdbcTemplate jdbc;
  private final CaseRecords records;
  private final CustomerContacts contacts;
  private final Timeline timeline;
  private final ProcessEngineConfigurationImpl engine;
  private final String insertSql;
  private final boolean postgres;
  private final WorkingLanguage language;
  private final org.springframework.beans.factory.ObjectProvider<CaseLinks> links;

  private final Clock clock;

  OutboxNotifications(JdbcTemplate jdbc, CaseRecords records, CustomerContacts contacts, Timeline timeline,
      ProcessEngineConfigurationImpl engine, WorkingLanguage language, Clock clock,
      org.springframework.beans.factory.ObjectProvider<CaseLinks> links) {
    this.clock = clock;
    this.links = links;
    this.language = language;
    this.jdbc = jdbc;
    this.records = records;
    this.contacts = contacts;
    this.timeline = timeline;
    this.engine = engine;
    this.postgres = DatabaseProduct.isPostgres(jdbc);
    String columns = "(message_key, complaint_number, template, recipient_kind, recipient_user, channel, address, "
        + "subject, body, state, attempts, next_attempt_at, created_at)";
    this.insertSql = postgres
        ? "INSERT INTO outbound_message " + columns + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) "
            + "ON CONFLICT (message_key) DO NOTHING"
        : "INSERT INTO outbound_message " + columns + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? "
            + "FROM (VALUES (1)) AS one(x) WHERE NOT EXISTS (SELECT 1 FROM outbound_message WHERE message_key = ?)";
  }

  @Override
  @Transactional
  public boolean toCustomer(String number, Channel channel, String template, Map<String, String> values, String key) {
    requireKey(key);
    MessageTemplates.Template t = MessageTemplates.get(template);
    if (!t.toCustomer()) {
      throw new IllegalArgumentException("Message template '" + template + "' is not for customers");
    }
    CaseRecord complaint = records.find(number)
        .orElseThrow(() -> new IllegalArgumentException("No complaint " + number));
    Channel how = channel != null ? channel : usualChannel(complaint);
    String address = complaint.erased() ? null
        : how == Channel.SMS ? blankToNull(complaint.customerPhone()) : blankToNull(complaint.customerEmail());
    String name = complaint.erased() ? null : complaint.customerName();
    values = withStatusLink(t, number, values);
    MessageTemplates.Rendered message = MessageTemplates.render(template, number, name, values, language);
    Instant now = clock.instant();
    String channelName = channelName(how);
    if (address == null) {
      if (queued(key)) {
        return false;
      }
      timeline.record(number, now, TimelineEvent.CUSTOMER_NOTIFIED, complaint.stage(), SYSTEM,
          TimelineFacts.say(how == Channel.SMS ? "customer-notified.no-phone" : "customer-notified.no-email")
              .with("template", template).with("via", channelName));
      return false;
    }
    if (!insert(key, number, template, CUSTOMER, null, how, address, message, now)) {
      return false;
    }
    contacts.add(number, now, CustomerContacts.OUTBOUND, channelName, SYSTEM, null, message.text());
    boolean note = values != null && values.get(MessageTemplates.NOTE) != null
        && !values.get(MessageTemplates.NOTE).isBlank();
    timeline.record(number, now, TimelineEvent.CUSTOMER_NOTIFIED, complaint.stage(), SYSTEM,
        TimelineFacts.say(TimelineEvent.CUSTOMER_NOTIFIED).with("template", template).with("via", channelName)
            .when(note, "note"));
    return true;
  }

  @Override
  @Transactional
  public boolean toUser(String userId, String number, String template, Map<String, String> values, String key) {
    requireKey(key);
    MessageTemplates.Template t = MessageTemplates.get(template);
    if (t.toCustomer()) {
      throw new IllegalArgumentException("Message template '" + template + "' is for customers, not staff");
    }
    String email = blankToNull(email(userId));
    if (email == null) {
      return false;
    }
    MessageTemplates.Rendered message = MessageTemplates.render(template, number, null, values, language);
    return insert(key, number, template, STAFF, userId, Channel.EMAIL, email, message,
        clock.instant());
  }

  @Override
  @Transactional
  public int toGroup(String groupId, String number, String template, Map<String, String> values, String key) {
    requireKey(key);
    int queued = 0;
    for (String userId : members(groupId)) {
      if (toUser(userId, number, template, values, key + ":" + userId)) {
        queued++;
      }
    }
    return queued;
  }

  @Override
  @Transactional
  public int toGroups(List<String> groupIds, String number, String template, Map<String, String> values, String key,
      List<Attachment> attachments) {
    requireKey(key);
    if (MessageTemplates.get(template).toCustomer()) {
      throw new IllegalArgumentException("Message template '" + template + "' is for customers, not staff");
    }
    java.util.Set<String> users = new java.util.LinkedHashSet<>();
    groupIds.forEach(g -> users.addAll(members(g)));
    MessageTemplates.Rendered message = MessageTemplates.render(template, number, null, values, language);
    Instant now = clock.instant();
    int queued = 0;
    for (String userId : users) {
      String email = blankToNull(email(userId));
      String userKey = key + ":" + userId;
      requireKey(userKey);
      if (email != null && insert(userKey, number, template, STAFF, userId, Channel.EMAIL, email, message, now)) {
        for (Attachment a : attachments == null ? List.<Attachment>of() : attachments) {
          jdbc.update("INSERT INTO outbound_attachment (message_key, file_name, content_type, content) "
              + "VALUES (?, ?, ?, ?)", userKey, a.fileName(), a.contentType(), a.content());
        }
        queued++;
      }
    }
    return queued;
  }

  /** Adds the status page's link when the template has a sentence for it and the caller gave none. */
  private Map<String, String> withStatusLink(MessageTemplates.Template t, String number, Map<String, String> values) {
    boolean wanted = t.zhIf().containsKey(CaseLinks.VALUE) || t.enIf().containsKey(CaseLinks.VALUE);
    if (!wanted || values != null && values.get(CaseLinks.VALUE) != null) {
      return values;
    }
    CaseLinks caseLinks = links.getIfAvailable();
    if (caseLinks == null) {
      return values;
    }
    Map<String, String> with = new java.util.HashMap<>();
    if (values != null) {
      values.forEach((k, v) -> {
        if (v != null) {
          with.put(k, v);
        }
      });
    }
    caseLinks.statusLink(number).ifPresent(link -> with.put(CaseLinks.VALUE, link));
    return with;
  }

  /** E-mail cases, and customers without a phone number, by e-mail; everyone else by SMS. */
  static Channel usualChannel(CaseRecord complaint) {
    return "email".equals(complaint.channel()) || blankToNull(complaint.customerPhone()) == null
        ? Channel.EMAIL : Channel.SMS;
  }

  static String channelName(Channel channel) {
    return channel == Channel.SMS ? "sms" : "email";
  }

  private boolean insert(String key, String number, String template, String kind, String user, Channel channel,
      String address, MessageTemplates.Rendered message, Instant now) {
    Timestamp at = Timestamp.from(now);
    Object[] args = {key, number, template, kind, user, channelName(channel), address, message.subject(),
        message.text(), at, at};
    if (postgres) {
      return jdbc.update(insertSql, args) == 1;
    }
    Object[] guarded = java.util.Arrays.copyOf(args, args.length + 1);
    guarded[args.length] = key;
    try {
      return jdbc.update(insertSql, guarded) == 1;
    } catch (DuplicateKeyException raced) {
      // H2: a concurrent transaction inserted the key between the check and the insert; a failed statement does
      // not end an H2 transaction, so the caller's goes on
      return false;
    }
  }

  private boolean queued(String key) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE message_key = ?", Integer.class, key);
    return n != null && n > 0;
  }

  /** The user's e-mail address from Camunda's identity service, whoever is logged in. */
  private String email(String userId) {
    return withoutAuthorization(ctx -> {
      User user = ctx.getReadOnlyIdentityProvider().findUserById(userId);
      return user == null ? null : user.getEmail();
    });
  }

  private List<String> members(String groupId) {
    return withoutAuthorization(ctx -> ctx.getReadOnlyIdentityProvider().createUserQuery(ctx).memberOfGroup(groupId)
        .orderByUserId().asc().listPage(0, 1000).stream().map(User::getId).toList());
  }

  private <T> T withoutAuthorization(Command<T> command) {
    // notification cannot use io.redress.workflow.EngineAccess: workflow depends on notification
    return engine.getCommandExecutorTxRequired()
        .execute((CommandContext ctx) -> ctx.runWithoutAuthorization(() -> command.execute(ctx)));
  }

  private static void requireKey(String key) {
    if (key == null || key.isBlank() || key.length() > 200) {
      throw new IllegalArgumentException("A message needs a key of 1 to 200 characters");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public java.util.Optional<String> complaintOfMessageId(String messageId) {
    if (messageId == null) {
      return java.util.Optional.empty();
    }
    return jdbc.queryForList("SELECT complaint_number FROM outbound_message WHERE smtp_message_id = ? "
        + "AND complaint_number IS NOT NULL", String.class, messageId).stream().findFirst();
  }

  @Override
  public void eraseCustomerMessages(List<String> complaintNumbers) {
    String erased = PersonalData.ERASED;
    for (String number : complaintNumbers) {
      jdbc.update("""
          UPDATE outbound_message SET address = ?, subject = CASE WHEN subject IS NULL THEN NULL ELSE ? END, body = ?,
            state = CASE WHEN state IN ('pending', 'sending') THEN 'cancelled' ELSE state END
          WHERE recipient_kind = 'customer' AND complaint_number = ?""", erased, erased, erased, number);
    }
  }
}
