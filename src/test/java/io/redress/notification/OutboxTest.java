package io.redress.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.redress.casefile.CaseFiling;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.NewCase;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox end to end: the whole application (complaint API, engine, delegates) with a real SMTP
 * server (GreenMail) in the test JVM as the only thing outside, and a recording SMS gateway bean in place of the
 * logging one. The background sender is off (as in every test context); each test runs the sender's poll itself,
 * and moves the engine clock to make retries due.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-outbox-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=outbox-test",
    "redress.notifications.retry-initial=30s",
    "redress.notifications.retry-max=10m",
    "redress.notifications.max-attempts=4",
    "redress.notifications.lease=1m",
    // GreenMail (the test's SMTP server, not the application) logs the addresses of the mailboxes it creates
    "logging.level.com.icegreen=warn"})
@ActiveProfiles({"test", "demo"})
@ExtendWith(OutputCaptureExtension.class)
class OutboxTest {

  static final int SMTP_PORT = freePort();

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  /** The outside world's SMS provider: records what it was handed. */
  static final List<String[]> SMS = new CopyOnWriteArrayList<>();

  @TestConfiguration
  static class Gateway {
    @Bean
    SmsGateway recordingSmsGateway() {
      return (id, phone, text) -> SMS.add(new String[] {String.valueOf(id), phone, text});
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired Notifications notifications;
  @Autowired OutboxSender sender;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired CaseFiling filing;
  @Autowired CustomerContacts contacts;
  @Autowired Timeline timeline;
  @Autowired IdentityService identityService;
  @Autowired JavaMailSender mailSender;
  @Autowired SmsGateway smsGateway;
  @Autowired NotificationProperties properties;
  @Autowired ApplicationContext context;

  @BeforeEach
  void isolate() {
    // what earlier tests left queued is not this test's business
    jdbc.update("UPDATE outbound_message SET state = 'cancelled' WHERE state IN ('pending', 'sending')");
    SMS.clear();
    ClockUtil.reset();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------- (a) the acknowledgement at intake, by e-mail

  @Test
  void aComplaintPostedToTheApiIsAcknowledgedByExactlyOneBilingualEmail(CapturedOutput output) throws Exception {
    String email = "li.wei." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
    HttpResponse<String> posted = post("/api/complaints", Map.of(
        "customer", Map.of("name", "李伟", "phone", "13800000077", "email", email, "tier", "premium"),
        "channel", "email", "description", "Parcel five days late", "amountClaimed", 0));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    String number = JSON.readTree(posted.body()).get("id").asText();
    assertThat(SMTP.getReceivedMessages()).as("nothing leaves before the sender runs").isEmpty();

    assertThat(sender.poll()).isEqualTo(1);
    assertThat(sender.poll()).as("a second poll finds nothing").isZero();
    List<MimeMessage> mails = to(email);
    assertThat(mails).hasSize(1);
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    MimeMessage mail = mails.get(0);
    String body = ((String) mail.getContent()).replace("\r\n", "\n"); // SMTP's line ends
    // in the working language only (redress.locale, en by default)
    assertThat(mail.getSubject()).isEqualTo("We have received your complaint " + number);
    assertThat(body)
        .startsWith("Dear 李伟,\nWe have received your complaint " + number
            + ". We will handle it promptly and get back to you. You will have our answer by ")
        .contains("Asia/Shanghai").doesNotContain("您好");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("complaints@redress.example");

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM outbound_message WHERE message_key = ?",
        "ack:" + number);
    assertThat(row).containsEntry("STATE", "sent").containsEntry("ATTEMPTS", 1).containsEntry("CHANNEL", "email")
        .containsEntry("TEMPLATE", "acknowledgement").containsEntry("COMPLAINT_NUMBER", number);
    assertThat(row.get("SENT_AT")).isNotNull();
    String messageId = OutboxSender.messageId(((Number) row.get("ID")).longValue());
    assertThat(mail.getHeader("Message-ID")).containsExactly(messageId);
    assertThat(row).containsEntry("SMTP_MESSAGE_ID", messageId);

    // the case shows what the customer was told, the timeline only that they were
    JsonNode view = JSON.readTree(get("/api/complaints/" + number).body());
    assertThat(view.get("timeline").findValuesAsText("type")).containsSequence("received", "customer-notified");
    assertThat(contacts.of(number)).singleElement().satisfies(c -> {
      assertThat(c.direction()).isEqualTo(CustomerContacts.OUTBOUND);
      assertThat(c.channel()).isEqualTo("email");
      assertThat(c.content()).isEqualTo(body);
    });
    assertThat(timeline.of(number)).filteredOn(e -> e.type().equals(TimelineEvent.CUSTOMER_NOTIFIED))
        .singleElement().extracting(TimelineEvent::detail)
        .isEqualTo("Message 'acknowledgement' queued for sending by email");
    assertThat(output.getAll()).doesNotContain(email, "13800000077", "李伟");
  }

  // ---------------------------------------------------------------- (b) rollback

  @Test
  void aTransactionThatQueuesAndRollsBackSendsNothing() throws Exception {
    String email = unique("rollback");
    CaseRecord c = committedCase(email, null);
    tx.executeWithoutResult(status -> {
      assertThat(notifications.toCustomer(c.number(), Notifications.Channel.EMAIL, Templates.RESOLUTION, Map.of(),
          "test:rollback:" + c.number())).isTrue();
      status.setRollbackOnly();
    });
    assertThat(sender.poll()).isZero();
    assertThat(to(email)).isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE complaint_number = ?", Integer.class,
        c.number())).isZero();
    assertThat(contacts.of(c.number())).isEmpty();
    assertThat(timeline.of(c.number())).extracting(TimelineEvent::type).doesNotContain("customer-notified");

    // the key was not used up by the transaction that rolled back
    assertThat(notifications.toCustomer(c.number(), Notifications.Channel.EMAIL, Templates.RESOLUTION, Map.of(),
        "test:rollback:" + c.number())).isTrue();
    assertThat(sender.poll()).isEqualTo(1);
    assertThat(to(email)).hasSize(1);
  }

  // ---------------------------------------------------------------- (c) SMTP down, then up

  @Test
  void whileSmtpIsDownTheMessageIsRetriedWithBackOffAndDeliveredOnce(CapturedOutput output) throws Exception {
    Instant t0 = Instant.parse("2026-11-25T02:00:00Z");
    at(t0);
    String email = unique("retry");
    CaseRecord c = committedCase(email, null);
    String key = "test:retry:" + c.number();
    SMTP.stop();
    try {
      assertThat(notifications.toCustomer(c.number(), null, Templates.CLOSING, Map.of(), key)).isTrue();
      assertThat(sender.poll()).isZero();
      Map<String, Object> row = row(key);
      assertThat(row).containsEntry("STATE", "pending").containsEntry("ATTEMPTS", 1);
      assertThat(instant(row, "NEXT_ATTEMPT_AT")).isEqualTo(t0.plusSeconds(30));
      assertThat((String) row.get("LAST_ERROR")).contains("MailSendException").doesNotContain(email, "@");

      at(t0.plusSeconds(29));
      assertThat(sender.poll()).as("not due before the back-off").isZero();
      assertThat(row(key)).containsEntry("ATTEMPTS", 1);

      at(t0.plusSeconds(31));
      assertThat(sender.poll()).isZero();
      row = row(key);
      assertThat(row).containsEntry("STATE", "pending").containsEntry("ATTEMPTS", 2);
      assertThat(instant(row, "NEXT_ATTEMPT_AT")).as("the wait doubles").isEqualTo(t0.plusSeconds(31 + 60));
    } finally {
      SMTP.start();
    }
    at(t0.plusSeconds(31 + 60));
    assertThat(sender.poll()).isEqualTo(1);
    Map<String, Object> row = row(key);
    assertThat(row).containsEntry("STATE", "sent").containsEntry("ATTEMPTS", 3);
    assertThat(row.get("LAST_ERROR")).isNull();
    at(t0.plus(Duration.ofHours(2)));
    assertThat(sender.poll()).isZero();
    assertThat(to(email)).hasSize(1);
    assertThat(output.getAll()).contains("failed on attempt 1 of 4", "failed on attempt 2 of 4")
        .doesNotContain(email);
  }

  @Test
  void afterTheLastAttemptTheMessageIsGivenUp() throws Exception {
    Instant t0 = Instant.parse("2026-11-25T03:00:00Z");
    at(t0);
    String email = unique("giveup");
    CaseRecord c = committedCase(email, null);
    String key = "test:giveup:" + c.number();
    SMTP.stop();
    try {
      notifications.toCustomer(c.number(), null, Templates.CLOSING, Map.of(), key);
      Instant now = t0;
      for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
        sender.poll();
        now = now.plus(Duration.ofHours(1));
        at(now);
      }
      assertThat(row(key)).containsEntry("STATE", "failed").containsEntry("ATTEMPTS", properties.maxAttempts());
    } finally {
      SMTP.start();
    }
    at(t0.plus(Duration.ofDays(1)));
    assertThat(sender.poll()).isZero();
    assertThat(to(email)).isEmpty();
  }

  // ---------------------------------------------------------------- (d) the key

  @Test
  void aKeyQueuedBeforeQueuesNothingAndLeavesTheCallersTransactionIntact() throws Exception {
    String email = unique("dup");
    CaseRecord c = committedCase(email, null);
    String key = "test:dup:" + c.number();
    assertThat(notifications.toCustomer(c.number(), null, Templates.PROGRESS_UPDATE, Map.of(), key)).isTrue();
    // again, and inside a transaction that goes on to write and commit
    tx.executeWithoutResult(status -> {
      assertThat(notifications.toCustomer(c.number(), null, Templates.PROGRESS_UPDATE, Map.of(), key)).isFalse();
      assertThat(notifications.toCustomer(c.number(), null, Templates.PROGRESS_UPDATE, Map.of(), key + ":2"))
          .isTrue();
      assertThat(notifications.toCustomer(c.number(), null, Templates.PROGRESS_UPDATE, Map.of(), key + ":2"))
          .isFalse();
    });
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE complaint_number = ?", Integer.class,
        c.number())).isEqualTo(2);
    assertThat(contacts.of(c.number())).hasSize(2);
    assertThat(sender.poll()).isEqualTo(2);
    assertThat(to(email)).hasSize(2);
  }

  // ---------------------------------------------------------------- (e) several senders

  @Test
  void twoSendersRacingForTheSameRowsNeverSendOneTwice() throws Exception {
    String email = unique("race");
    CaseRecord c = committedCase(email, null);
    int n = 30;
    for (int i = 0; i < n; i++) {
      notifications.toCustomer(c.number(), null, Templates.PROGRESS_UPDATE, Map.of(), "test:race:" + c.number() + i);
    }
    List<Long> ids = jdbc.queryForList("SELECT id FROM outbound_message WHERE complaint_number = ? ORDER BY id",
        Long.class, c.number());
    assertThat(ids).hasSize(n);
    OutboxSender a = new OutboxSender(jdbc, mailSender, smsGateway, properties, "node-a");
    OutboxSender b = new OutboxSender(jdbc, mailSender, smsGateway, properties, "node-b");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // both go for every row in the same order at the same moment: the most contention there can be
      List<Future<Integer>> results = new ArrayList<>();
      for (OutboxSender s : List.of(a, b)) {
        results.add(pool.submit(() -> {
          go.await();
          int sent = 0;
          for (long id : ids) {
            sent += s.claimAndSend(id) ? 1 : 0;
          }
          return sent;
        }));
      }
      go.countDown();
      int byA = results.get(0).get(60, TimeUnit.SECONDS);
      int byB = results.get(1).get(60, TimeUnit.SECONDS);
      System.out.printf("[outbox] %d rows, node-a sent %d, node-b %d%n", n, byA, byB);
      assertThat(byA + byB).isEqualTo(n);
    } finally {
      pool.shutdownNow();
    }
    List<MimeMessage> mails = to(email);
    assertThat(mails).hasSize(n);
    List<String> messageIds = new ArrayList<>();
    for (MimeMessage m : mails) {
      messageIds.add(m.getHeader("Message-ID")[0]);
    }
    assertThat(messageIds).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(ids.stream().map(OutboxSender::messageId).toList());
    assertThat(jdbc.queryForList("SELECT DISTINCT state FROM outbound_message WHERE complaint_number = ?",
        String.class, c.number())).containsExactly("sent");
  }

  @Test
  void aRowHeldByADeadNodeIsSentByAnotherOnceItsLeaseExpires() throws Exception {
    Instant t0 = Instant.parse("2026-11-25T04:00:00Z");
    at(t0);
    String email = unique("lease");
    CaseRecord c = committedCase(email, null);
    String key = "test:lease:" + c.number();
    notifications.toCustomer(c.number(), null, Templates.RESOLUTION, Map.of(), key);
    // node-x claimed it and died before sending
    jdbc.update("UPDATE outbound_message SET state = 'sending', claimed_by = 'node-x', lease_until = ?, "
        + "attempts = 1 WHERE message_key = ?", Timestamp.from(t0.plus(properties.lease())), key);
    assertThat(sender.poll()).as("still node-x's").isZero();
    at(t0.plus(properties.lease()).plusSeconds(1));
    assertThat(sender.poll()).isEqualTo(1);
    assertThat(row(key)).containsEntry("STATE", "sent").containsEntry("ATTEMPTS", 2);
    assertThat(to(email)).hasSize(1);
  }

  // ---------------------------------------------------------------- (f) values are text

  @Test
  void valuesAreFilledInLiterallyNeverEvaluated() throws Exception {
    String email = unique("literal");
    CaseRecord c = committedCase(email, null);
    String text = "Refund ${7*7} and #{1+1} for {number}, see {name} $1 \\n";
    assertThat(notifications.toCustomer(c.number(), null, Templates.REPLY, Map.of("text", text),
        "test:literal:" + c.number())).isTrue();
    notifications.toCustomer(c.number(), null, Templates.CALLBACK_MISSED,
        Map.of("reason", "${execution.getVariable('x')}", "nextContact", "{due}"), "test:literal2:" + c.number());
    assertThat(sender.poll()).isEqualTo(2);
    List<String> bodies = new ArrayList<>();
    for (MimeMessage m : to(email)) {
      bodies.add(((String) m.getContent()).replace("\r\n", "\n"));
    }
    assertThat(bodies).anySatisfy(b -> assertThat(b).endsWith("\n\n" + text)
        .contains("About your complaint " + c.number() + ", here is our reply."));
    assertThat(bodies).anySatisfy(b -> assertThat(b)
        .contains("We called about: ${execution.getVariable('x')}. We will contact you again at {due}.")
        .doesNotContain("致电事由"));
  }

  // ---------------------------------------------------------------- (h) SMS and staff

  @Test
  void textMessagesGoToTheSmsGatewayBean(CapturedOutput output) throws Exception {
    assertThat(context.getBeansOfType(SmsGateway.class)).as("the application's own bean replaces the logging one")
        .hasSize(1).doesNotContainKey("loggingSmsGateway");
    HttpResponse<String> posted = post("/api/complaints", Map.of(
        "customer", Map.of("name", "Zhang Min", "phone", "13900001234", "tier", "vip"),
        "channel", "phone", "description", "Rude driver", "amountClaimed", 0));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    String number = JSON.readTree(posted.body()).get("id").asText();
    assertThat(SMS).isEmpty();
    assertThat(sender.poll()).isEqualTo(1);
    assertThat(SMS).singleElement().satisfies(sms -> {
      assertThat(sms[1]).isEqualTo("13900001234");
      assertThat(sms[2]).startsWith("Dear Zhang Min,\nWe have received your complaint " + number + ".")
          .contains("You will have our answer by");
    });
    assertThat(row("ack:" + number)).containsEntry("CHANNEL", "sms").containsEntry("STATE", "sent");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(output.getAll()).doesNotContain("13900001234", "0001234", "Zhang Min");
  }

  @Test
  void staffGetEmailFromTheirProfileAndThoseWithoutAnAddressAreSkipped() throws Exception {
    String noMail = "nomail" + UUID.randomUUID().toString().substring(0, 6);
    User user = identityService.newUser(noMail);
    user.setFirstName("No");
    user.setLastName("Mail");
    identityService.saveUser(user);
    identityService.createMembership(noMail, "supervisors");
    try {
      CaseRecord c = committedCase(unique("staff"), null);
      Map<String, String> values = Map.of("task", "Assign handler", "due", "2026-11-26 18:00 Asia/Shanghai",
          "level", "managers");
      assertThat(notifications.toUser(noMail, c.number(), Templates.ESCALATION, values, "test:esc:" + c.number()))
          .isFalse();
      int queued = notifications.toGroup("supervisors", c.number(), Templates.DEADLINE_WARNING, values,
          "test:warn:" + c.number());
      List<String> members = identityService.createUserQuery().memberOfGroup("supervisors").list().stream()
          .filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).map(User::getEmail).toList();
      assertThat(queued).isEqualTo(members.size()).isPositive();
      assertThat(notifications.toGroup("supervisors", c.number(), Templates.DEADLINE_WARNING, values,
          "test:warn:" + c.number())).as("queued before").isZero();
      assertThat(jdbc.queryForList("SELECT recipient_user FROM outbound_message WHERE message_key LIKE ?",
          String.class, "test:warn:" + c.number() + ":%")).doesNotContain(noMail).contains("sam");
      assertThat(sender.poll()).isEqualTo(queued);
      List<MimeMessage> toSam = to("sam@redress.example");
      assertThat(toSam).hasSize(1);
      assertThat(toSam.get(0).getSubject()).isEqualTo("Due soon: Assign handler of complaint " + c.number());
      assertThat((String) toSam.get(0).getContent()).contains("The task 'Assign handler' of complaint "
          + c.number() + " is due at 2026-11-26 18:00 Asia/Shanghai.");
    } finally {
      identityService.deleteUser(noMail);
    }
  }

  // ---------------------------------------------------------------- helpers

  private CaseRecord committedCase(String email, String phone) {
    NewCase complaint = new NewCase(new NewCase.Customer("王芳", phone, email, "standard"), "email", null,
        "房型与预订不符", "refund", new BigDecimal("30"), null, false, false, null, null, null);
    return tx.execute(s -> filing.open(complaint, ClockUtil.getCurrentTime().toInstant(), "fiona", null, "(test)"));
  }

  private Map<String, Object> row(String key) {
    return jdbc.queryForMap("SELECT * FROM outbound_message WHERE message_key = ?", key);
  }

  private static Instant instant(Map<String, Object> row, String column) {
    Object v = row.get(column);
    if (v instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return ((Timestamp) v).toInstant();
  }

  /** What GreenMail received for this address. */
  private static List<MimeMessage> to(String address) throws Exception {
    List<MimeMessage> mine = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
        mine.add(m);
      }
    }
    return mine;
  }

  private static String unique(String what) {
    return what + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
  }

  private static void at(Instant t) {
    ClockUtil.setCurrentTime(Date.from(t));
  }

  private HttpResponse<String> post(String path, Object body) throws Exception {
    return http(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> http(HttpRequest.Builder r) throws Exception {
    return HttpClient.newHttpClient().send(r.header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("fiona:demo".getBytes(
            StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
