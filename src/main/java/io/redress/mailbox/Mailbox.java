package io.redress.mailbox;

import io.redress.casefile.CaseEvidence;
import io.redress.casefile.CaseFiling;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Channel;
import io.redress.casefile.NewCase;
import io.redress.intake.ChannelIntake;
import io.redress.notification.Notifications;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the complaints mailbox over IMAP and takes each new (unseen) mail in, once:
 * <ul>
 *   <li>a reply on an open case (In-Reply-To or References naming a mail we received or sent about it, or its
 *       complaint number in the subject), from the case's customer's own address: a customer message on that case
 *       ({@link ChannelIntake#message}), which resumes a case waiting on the customer;
 *   <li>any other mail from a person: a new complaint with channel {@code email} received when the server received the
 *       mail, its Message-ID as the channel's message id;
 *   <li>an auto-reply or a bounce: kept out (only its outcome is recorded; moved to {@code kept-out-folder} or left
 *       flagged).
 * </ul>
 * The attachments become the case's evidence, within the limits; a refused one (too large, a type not allowed, too
 * many) is listed without content, and the rest of the mail is taken in all the same. A mail whose sender or text
 * the intake's validation refuses is recorded as refused and flagged, nothing else stored.
 *
 * <p>Everything of one mail commits in one transaction with its row in {@code mailbox_message}, whose key (the
 * Message-ID) is unique: a mail read twice, or by two nodes at once, is taken in once (the second insert fails and
 * the second reader only marks the mail). The mail is marked seen (or moved) only after the commit; a failure
 * leaves it unseen for the next poll. Bodies are fetched with IMAP's PEEK so reading alone marks nothing. The log
 * names a mail by a hash of its key, never by address, subject or text.
 */
@Component
class Mailbox {

  private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

  /** Who receives the complaints and records the messages that came by mail. */
  static final String MAILBOX_USER = "mailbox";

  static final String REFUSED = "refused";
  static final String MESSAGE = "message";

  private final MailboxProperties properties;
  private final ChannelIntake intake;
  private final CaseRecords records;
  private final CaseEvidence evidence;
  private final Notifications notifications;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Pattern complaintNumber;

  Mailbox(MailboxProperties properties, ChannelIntake intake, CaseRecords records, CaseEvidence evidence,
      Notifications notifications, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
      @Value("${redress.complaint-number-prefix:CMP}") String prefix) {
    this.properties = properties;
    this.intake = intake;
    this.records = records;
    this.evidence = evidence;
    this.notifications = notifications;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.complaintNumber = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(prefix) + "-\\d{4}-\\d{6}(?![0-9])");
  }

  /** What one poll did, by outcome. */
  record Poll(int complaints, int messages, int keptOut, int refused, int skipped, int failed) {
  }

  /** Reads the folder's unseen mail, a batch at most, and takes each in. */
  Poll poll() throws MessagingException {
    int[] counts = new int[6];
    Session session = Session.getInstance(sessionProperties());
    try (Store store = session.getStore(properties.protocol())) {
      store.connect(properties.host(), properties.portOrDefault(), properties.username(), properties.password());
      Folder folder = store.getFolder(properties.folder());
      folder.open(Folder.READ_WRITE);
      boolean expunge = false;
      try {
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, properties.batchSize()));
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(batch, profile);
        for (Message m : batch) {
          String outcome = take(folder, m);
          switch (outcome) {
            case "complaint" -> counts[0]++;
            case MESSAGE -> counts[1]++;
            case "auto-reply", "bounce" -> counts[2]++;
            case REFUSED -> counts[3]++;
            case "skipped" -> counts[4]++;
            default -> counts[5]++;
          }
          expunge |= moved(outcome);
        }
      } finally {
        folder.close(expunge);
      }
    }
    Poll poll = new Poll(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    if (batchWasNotEmpty(counts)) {
      LOG.info("Mailbox poll: {}", poll);
    }
    return poll;
  }

  private static boolean batchWasNotEmpty(int[] counts) {
    return Arrays.stream(counts).anyMatch(c -> c > 0);
  }

  /** Takes one mail in and marks it; its outcome, {@code skipped} when it was taken before, {@code failed}. */
  private String take(Folder folder, Message m) {
    Mail mail;
    try {
      String fallbackKey = "uid:" + ((UIDFolder) folder).getUIDValidity() + "-" + ((UIDFolder) folder).getUID(m);
      mail = Mail.read(m, fallbackKey, limits());
    } catch (MessagingException | IOException | RuntimeException e) {
      LOG.warn("A mail could not be read; left for the next poll: {}", describe(e));
      return "failed";
    }
    String name = Mail.logName(mail.key());
    Instant now = clock.instant();
    Instant received = receivedDate(m).filter(r -> r.isBefore(now)).orElse(now);
    String outcome;
    try {
      outcome = tx.execute(s -> takeIn(mail, received, now));
    } catch (DuplicateKeyException taken) {
      // another poll or node holds or took this mail (the key is unique): it is marked, not taken again
      LOG.info("Mail {} was taken in before", name);
      return mark(folder, m, "skipped") ? "skipped" : "failed";
    } catch (ChannelIntake.Invalid invalid) {
      try {
        tx.executeWithoutResult(s -> record(mail.key(), REFUSED, null, received, now));
      } catch (DuplicateKeyException taken) {
        return mark(folder, m, "skipped") ? "skipped" : "failed";
      }
      LOG.warn("Mail {} refused by the intake's validation (fields: {})", name, String.join(", ", invalid.fields()));
      outcome = REFUSED;
    } catch (RuntimeException e) {
      LOG.warn("Mail {} could not be taken in; left for the next poll: {}", name, describe(e));
      return "failed";
    }
    if (!mail.kind().equals(Mail.Kind.MAIL)) {
      LOG.info("Mail {} kept out: {}", name, outcome);
    }
    return mark(folder, m, outcome) ? outcome : "failed";
  }

  /** One transaction: the mail's row (claims it), then the complaint or message, then its evidence. */
  private String takeIn(Mail mail, Instant received, Instant now) {
    if (mail.kind() != Mail.Kind.MAIL) {
      record(mail.key(), mail.kind().outcome, null, received, now);
      return mail.kind().outcome;
    }
    record(mail.key(), "pending", null, received, now);
    String number = thread(mail).orElse(null);
    String outcome;
    if (number != null) {
      intake.message(number, mail.description(4000), Channel.EMAIL.wire(), mail.key(), MAILBOX_USER);
      outcome = MESSAGE;
    } else {
      NewCase complaint = new NewCase(new NewCase.Customer(mail.fromName(), null, mail.fromAddress(), null),
          Channel.EMAIL.wire(), null, mail.description(4000), null, null, null, null, null, null, null, mail.key());
      number = intake.complaint(complaint, received, MAILBOX_USER, CaseFiling.FROM_MAILBOX).number();
      outcome = "complaint";
    }
    for (Mail.Attachment a : mail.attachments()) {
      evidence.add(number, a.fileName(), a.contentType(), a.size(), a.content(), a.refused(), mail.key(), received);
    }
    jdbc.update("UPDATE mailbox_message SET outcome = ?, complaint_number = ? WHERE message_key = ?", outcome, number,
        mail.key());
    LOG.info("Mail {} taken in: {} on {} ({} attachment(s), {} refused)", Mail.logName(mail.key()), outcome, number,
        mail.attachments().size(), mail.attachments().stream().filter(a -> a.refused() != null).count());
    return outcome;
  }

  /**
   * The open case the mail answers: a Message-ID of its thread that we received or sent about the case, else a
   * complaint number in its subject; only when the sender is the case's customer (their address on the case), since
   * ids and numbers can be guessed. Otherwise the mail is a complaint of its own.
   */
  Optional<String> thread(Mail mail) {
    List<String> candidates = new ArrayList<>();
    for (String id : mail.thread()) {
      jdbc.queryForList("SELECT complaint_number FROM mailbox_message WHERE message_key = ? "
          + "AND complaint_number IS NOT NULL", String.class, Mail.key(id)).forEach(candidates::add);
      notifications.complaintOfMessageId(id).ifPresent(candidates::add);
    }
    Matcher number = complaintNumber.matcher(mail.subject());
    while (number.find()) {
      candidates.add(number.group());
    }
    return candidates.stream().distinct().filter(n -> fromCustomer(n, mail) && intake.isOpen(n)).findFirst();
  }

  private boolean fromCustomer(String number, Mail mail) {
    return records.find(number).map(CaseRecord::customerEmail)
        .map(e -> mail.fromAddress() != null && e.strip().toLowerCase(Locale.ROOT)
            .equals(mail.fromAddress().strip().toLowerCase(Locale.ROOT)))
        .orElse(false);
  }

  private void record(String key, String outcome, String number, Instant received, Instant now) {
    jdbc.update("INSERT INTO mailbox_message (message_key, outcome, complaint_number, received_at, processed_at) "
        + "VALUES (?, ?, ?, ?, ?)", key, outcome, number, Timestamp.from(received), Timestamp.from(now));
  }

  /** After the commit: seen; kept out and refused mail also flagged, or moved to the kept-out folder. */
  private boolean mark(Folder folder, Message m, String outcome) {
    try {
      if (moved(outcome)) {
        Folder keptOut = folder.getStore().getFolder(properties.keptOutFolder());
        if (!keptOut.exists()) {
          keptOut.create(Folder.HOLDS_MESSAGES);
        }
        m.setFlag(Flags.Flag.SEEN, true);
        folder.copyMessages(new Message[] {m}, keptOut);
        m.setFlag(Flags.Flag.DELETED, true);
        return true;
      }
      m.setFlag(Flags.Flag.SEEN, true);
      if (keptOut(outcome)) {
        m.setFlag(Flags.Flag.FLAGGED, true);
      }
      return true;
    } catch (MessagingException | RuntimeException e) {
      // taken in and committed, not marked: the next poll finds its row and only marks it
      LOG.warn("A mail taken in could not be marked; the next poll marks it: {}", describe(e));
      return false;
    }
  }

  private static boolean keptOut(String outcome) {
    return List.of("auto-reply", "bounce", REFUSED).contains(outcome);
  }

  private boolean moved(String outcome) {
    return keptOut(outcome) && properties.keptOutFolder() != null && !properties.keptOutFolder().isBlank();
  }

  private static Optional<Instant> receivedDate(Message m) {
    try {
      return Optional.ofNullable(m.getReceivedDate()).map(java.util.Date::toInstant);
    } catch (MessagingException e) {
      return Optional.empty();
    }
  }

  private Mail.Limits limits() {
    return new Mail.Limits() {
      @Override
      public long maxSize() {
        return properties.maxAttachmentSize().toBytes();
      }

      @Override
      public int maxCount() {
        return properties.maxAttachments();
      }

      @Override
      public boolean allows(String type) {
        return properties.allows(type);
      }
    };
  }

  private Properties sessionProperties() {
    Properties p = new Properties();
    String protocol = properties.protocol();
    // PEEK: fetching a body does not set \Seen; the mailbox sets it after the commit
    p.setProperty("mail." + protocol + ".peek", "true");
    p.setProperty("mail." + protocol + ".connectiontimeout", "10000");
    p.setProperty("mail." + protocol + ".timeout", "30000");
    p.setProperty("mail." + protocol + ".writetimeout", "30000");
    p.putAll(properties.properties());
    return p;
  }

  /** The kind of failure: exception classes down the cause chain, never their messages (they may hold addresses). */
  static String describe(Throwable e) {
    List<String> kinds = new ArrayList<>();
    for (Throwable t = e; t != null && kinds.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
      kinds.add(t.getClass().getSimpleName());
    }
    return String.join(" < ", kinds);
  }
}
