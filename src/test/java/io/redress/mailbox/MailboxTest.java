package io.redress.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import io.redress.notification.OutboxSender;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Complaints by e-mail against a real IMAP server (GreenMail, in the test JVM; its SMTP side receives the outbox's
 * acknowledgements): the whole application reads the mailbox as a client, takes the mail in and answers for it
 * through the complaint API. The background poll is off; each test polls itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-mailbox-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=mailbox-test",
    "redress.mailbox.host=127.0.0.1",
    "redress.mailbox.protocol=imap",
    "redress.mailbox.username=complaints",
    "redress.mailbox.password=secret",
    "redress.mailbox.enabled=false",
    "redress.mailbox.max-attachment-size=4KB",
    // GreenMail (the test's server, not the application) logs the addresses of the mailboxes it creates
    "logging.level.com.icegreen=warn"})
@ActiveProfiles({"test", "demo"})
@ExtendWith(OutputCaptureExtension.class)
class MailboxTest {

  static final int SMTP_PORT = freePort();
  static final int IMAP_PORT = freePort();

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
      new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"), new ServerSetup(IMAP_PORT, "127.0.0.1", "imap")});

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("redress.mailbox.port", () -> IMAP_PORT);
  }

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired Mailbox mailbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired OutboxSender sender;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.FormService formService;
  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;

  GreenMailUser user;

  @BeforeEach
  void mailbox() {
    user = MAIL.setUser("complaints@redress.example", "complaints", "secret");
    ClockUtil.reset();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------------------------ a new mail, read twice

  @Test
  void aNewMailBecomesAnEmailComplaintReceivedWhenTheServerReceivedIt(CapturedOutput output) throws Exception {
    String from = unique("wang.fang");
    Instant arrived = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    MimeMessage m = mail(from, "王芳", "Hotel charged the first night twice",
        "Flight MU5301 was cancelled; the hotel charged 680 yuan anyway. Call me on 13800138000.");
    String id = m.getMessageID();
    deliver(m, Date.from(arrived));

    Mailbox.Poll poll = mailbox.poll();
    assertThat(poll.complaints()).isEqualTo(1);
    String number = caseOf(id);
    JsonNode c = get(number);
    assertThat(c.get("channel").asText()).isEqualTo("email");
    assertThat(c.at("/customer/name").asText()).isEqualTo("王芳");
    assertThat(c.at("/customer/email").asText()).as("masked").startsWith("w***@");
    assertThat(c.get("description").asText()).isEqualTo("Hotel charged the first night twice\n\n"
        + "Flight MU5301 was cancelled; the hotel charged 680 yuan anyway. Call me on 13800138000.");
    assertThat(Instant.parse(c.get("receivedAt").asText())).as("the server's received date, not the poll")
        .isEqualTo(arrived);
    // the SLA policy's acknowledgement of an e-mail (24 h for a general one) counts from the arrival
    JsonNode ack = deadline(c, "acknowledge");
    assertThat(Instant.parse(ack.get("startedAt").asText())).isEqualTo(arrived);
    assertThat(Instant.parse(ack.get("dueAt").asText())).isEqualTo(arrived.plus(Duration.ofHours(24)));
    assertThat(seen(id)).as("marked after the commit").isTrue();
    assertThat(output.getAll()).doesNotContain(from, "13800138000", "王芳");
  }

  @Test
  void aMailReadTwiceIsOneComplaint() throws Exception {
    MimeMessage m = mail(unique("twice"), "Li Na", "Tour guide left us", "Three hours at the pier.");
    String id = m.getMessageID();
    deliver(m, new Date());
    deliver(m, new Date()); // the same mail twice in the folder, as after a copy, or a second node's read
    Mailbox.Poll first = mailbox.poll();
    assertThat(first.complaints()).isEqualTo(1);
    assertThat(first.skipped()).isEqualTo(1);
    markUnseen();
    Mailbox.Poll again = mailbox.poll();
    assertThat(again.complaints()).isZero();
    assertThat(again.skipped()).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint WHERE idempotency_key = ?", Integer.class,
        "email:" + id)).isEqualTo(1);
  }

  @Test
  void twoNodesPollingOneMailboxAtOnceMakeOneComplaint() throws Exception {
    MimeMessage m = mail(unique("race"), "Zhao Lei", "Double charge", "Charged twice for one ticket.");
    String id = m.getMessageID();
    deliver(m, new Date());
    // two pollers at once, each with its own IMAP connection, as two nodes would be
    java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Mailbox.Poll>> polls = List.of(
          nodes.submit(() -> { start.await(); return mailbox.poll(); }),
          nodes.submit(() -> { start.await(); return mailbox.poll(); }));
      start.countDown();
      int complaints = 0;
      for (var poll : polls) {
        complaints += poll.get(60, java.util.concurrent.TimeUnit.SECONDS).complaints();
      }
      assertThat(complaints).isEqualTo(1);
    } finally {
      nodes.shutdownNow();
    }
    mailbox.poll(); // whatever a loser of the race left unmarked
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint WHERE idempotency_key = ?", Integer.class,
        "email:" + id)).isEqualTo(1);
    assertThat(seen(id)).isTrue();
  }

  @Test
  void aMailThatCannotBeTakenInNowIsLeftForTheNextPoll(CapturedOutput output) throws Exception {
    String from = unique("later");
    MimeMessage m = mail(from, "Sun Li", "Broken seat", "Seat 12A was broken for the whole flight.");
    String id = m.getMessageID();
    deliver(m, new Date());
    // no complaint process can start meanwhile: the intake fails and its transaction rolls back
    repositoryService.suspendProcessDefinitionByKey("complaint-handling");
    try {
      Mailbox.Poll poll = mailbox.poll();
      assertThat(poll.failed()).isEqualTo(1);
      assertThat(poll.complaints()).isZero();
      assertThat(seen(id)).as("not marked").isFalse();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mailbox_message WHERE message_key = ?", Integer.class,
          id)).as("nothing stored").isZero();
    } finally {
      repositoryService.activateProcessDefinitionByKey("complaint-handling");
    }
    assertThat(mailbox.poll().complaints()).isEqualTo(1);
    assertThat(seen(id)).isTrue();
    assertThat(output.getAll()).doesNotContain(from, "Sun Li");
  }

  // ------------------------------------------------------------------------------------------------ replies

  @Test
  void repliesInTheThreadOrNamingTheNumberAreCustomerMessagesOnTheCase() throws Exception {
    String from = unique("chen");
    MimeMessage first = mail(from, "Chen Zhiqiang", "Lost luggage", "My suitcase never arrived.");
    deliver(first, new Date());
    mailbox.poll();
    String number = caseOf(first.getMessageID());
    assertThat(api("fiona", "POST", "/api/complaints/" + number + "/pause",
        "{\"reason\":\"Waiting for the baggage tag\"}").statusCode()).isEqualTo(200);
    assertThat(paused(get(number))).isTrue();

    // a reply to the mail we received
    MimeMessage reply = mail(from, "Chen Zhiqiang", "Re: Lost luggage", "The tag number is SHA123456.");
    reply.setHeader("In-Reply-To", first.getMessageID());
    reply.saveChanges();
    String replyId = reply.getMessageID();
    reply.setHeader("Message-ID", replyId);
    deliver(reply, new Date());
    assertThat(mailbox.poll().messages()).isEqualTo(1);
    JsonNode c = get(number);
    assertThat(c.get("messages").findValuesAsText("text"))
        .containsExactly("Re: Lost luggage\n\nThe tag number is SHA123456.");
    assertThat(paused(c)).as("the customer's answer resumes the case").isFalse();

    // the complaint number in the subject
    deliver(mail(from, "Chen Zhiqiang", "About " + number, "Any news?"), new Date());
    assertThat(mailbox.poll().messages()).isEqualTo(1);

    // a reply to the acknowledgement we sent (its Message-ID is the outbox row's)
    sender.poll();
    String ackId = jdbc.queryForObject("SELECT smtp_message_id FROM outbound_message WHERE message_key = ?",
        String.class, "ack:" + number);
    assertThat(ackId).startsWith("<outbound-");
    MimeMessage toAck = mail(from, "Chen Zhiqiang", "Re: We have received your complaint", "Thanks.");
    toAck.setHeader("References", "<unknown@example.org> " + ackId);
    String toAckId = toAck.getMessageID();
    toAck.saveChanges();
    toAck.setHeader("Message-ID", toAckId);
    deliver(toAck, new Date());
    assertThat(mailbox.poll().messages()).isEqualTo(1);
    assertThat(get(number).get("messages")).hasSize(3);

    // someone else naming the number starts a complaint of their own
    deliver(mail(unique("stranger"), "Stranger", "Re: " + number, "I have a problem too."), new Date());
    Mailbox.Poll other = mailbox.poll();
    assertThat(other.complaints()).isEqualTo(1);
    assertThat(other.messages()).isZero();
    assertThat(get(number).get("messages")).hasSize(3);
  }

  // -------------------------------------------------------------------------------------- auto-replies, bounces

  @Test
  void autoRepliesAndBouncesAreKeptOut(CapturedOutput output) throws Exception {
    int before = complaints();
    String from = unique("away");
    MimeMessage away = mail(from, "Away", "Out of office", "I am away until Monday.");
    away.setHeader("Auto-Submitted", "auto-replied");
    String awayId = away.getMessageID();
    away.saveChanges();
    away.setHeader("Message-ID", awayId);
    deliver(away, new Date());

    MimeMessage vacation = mail(unique("holiday"), "Holiday", "Re: your mail", "On holiday.");
    vacation.setHeader("X-Autoreply", "yes");
    String vacationId = vacation.getMessageID();
    vacation.saveChanges();
    vacation.setHeader("Message-ID", vacationId);
    deliver(vacation, new Date());

    MimeMessage bounce = new MimeMessage(Session.getInstance(new Properties()));
    bounce.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.org"));
    bounce.setRecipients(Message.RecipientType.TO, "complaints@redress.example");
    bounce.setSubject("Undelivered Mail Returned to Sender");
    MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
    MimeBodyPart human = new MimeBodyPart();
    human.setText("Delivery to " + from + " failed.", "UTF-8");
    MimeBodyPart status = new MimeBodyPart();
    status.setContent("Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; " + from
        + "\r\nAction: failed\r\nStatus: 5.1.1\r\n", "message/delivery-status");
    report.addBodyPart(human);
    report.addBodyPart(status);
    bounce.setContent(report);
    bounce.saveChanges();
    String bounceId = bounce.getMessageID();
    deliver(bounce, new Date());

    Mailbox.Poll poll = mailbox.poll();
    assertThat(poll.keptOut()).isEqualTo(3);
    assertThat(poll.complaints()).isZero();
    assertThat(complaints()).isEqualTo(before);
    assertThat(outcome(awayId)).isEqualTo("auto-reply");
    assertThat(outcome(vacationId)).isEqualTo("auto-reply");
    assertThat(outcome(bounceId)).isEqualTo("bounce");
    assertThat(flagged(awayId)).isTrue();
    assertThat(flagged(bounceId)).isTrue();
    assertThat(output.getAll()).doesNotContain(from);
  }

  // ------------------------------------------------------------------------------------------ HTML, evidence

  @Test
  void anHtmlOnlyMailIsTakenInAsText() throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(unique("html"), "Zhang Wei", "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, "complaints@redress.example");
    m.setSubject("Ticket", "UTF-8");
    m.setContent("<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>My e-ticket"
        + " &amp; receipt<br>never <b>arrived</b>.</p><img src=x onerror=alert(2)></body></html>",
        "text/html; charset=UTF-8");
    m.saveChanges();
    deliver(m, new Date());
    mailbox.poll();
    String description = get(caseOf(m.getMessageID())).get("description").asText();
    assertThat(description).isEqualTo("Ticket\n\nMy e-ticket & receipt\nnever arrived.");
  }

  @Test
  void attachmentsWithinTheLimitsAreTheCasesEvidenceDownloadableByStaffOnly() throws Exception {
    String from = unique("evidence");
    byte[] pdf = "%PDF-1.4 receipt of 680 yuan".getBytes(StandardCharsets.US_ASCII);
    byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, 3};
    byte[] large = new byte[5000];
    Arrays.fill(large, (byte) 'x');
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(from, "Liu Yang", "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, "complaints@redress.example");
    m.setSubject("Refused refund", "UTF-8");
    MimeMultipart parts = new MimeMultipart();
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Receipt and photo attached.", "UTF-8");
    parts.addBodyPart(text);
    parts.addBodyPart(attachment("receipt.pdf", "application/pdf", pdf));
    parts.addBodyPart(attachment("photo.png", "image/png", png));
    parts.addBodyPart(attachment("scan.jpg", "image/jpeg", large));
    parts.addBodyPart(attachment("invoice.exe", "application/x-msdownload", png));
    m.setContent(parts);
    m.saveChanges();
    deliver(m, new Date());

    assertThat(mailbox.poll().complaints()).as("the mail is taken in, refused attachments or not").isEqualTo(1);
    String number = caseOf(m.getMessageID());
    HttpResponse<String> list = api("fiona", "GET", "/api/complaints/" + number + "/evidence", null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode evidence = JSON.readTree(list.body());
    assertThat(evidence.findValuesAsText("fileName")).containsExactly("receipt.pdf", "photo.png", "scan.jpg",
        "invoice.exe");
    assertThat(evidence.get(0).get("size").asLong()).isEqualTo(pdf.length);
    assertThat(evidence.get(0).has("refused") && !evidence.get(0).get("refused").isNull()).isFalse();
    assertThat(evidence.get(2).get("refused").asText()).isEqualTo("too-large");
    assertThat(evidence.get(3).get("refused").asText()).isEqualTo("type");

    HttpResponse<byte[]> file = download("fiona", number, 1);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(pdf);
    assertThat(file.headers().firstValue("Content-Disposition")).get().asString()
        .startsWith("attachment").contains("receipt.pdf");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(file.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(download("fiona", number, 2).body()).isEqualTo(png);
    assertThat(download("fiona", number, 3).statusCode()).as("refused: no content").isEqualTo(404);
    assertThat(download("fiona", number, 9).statusCode()).isEqualTo(404);
    assertThat(download(null, number, 1).statusCode()).as("never to the unauthenticated").isEqualTo(401);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_evidence WHERE complaint_number = ? AND content IS NULL",
        Integer.class, number)).isEqualTo(2);

    // staff see the list in the open task's form
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    String sheet = formService.getTaskFormVariables(task.getId()).getValue("caseEvidence", String.class);
    assertThat(sheet).contains("1  ").contains("receipt.pdf  application/pdf").contains("photo.png  image/png")
        .contains("scan.jpg  image/jpeg").contains("refused (too-large)").contains("invoice.exe");

    // erased with the customer
    String customer = get(number).at("/customer/id").asText();
    assertThat(api("maria", "POST", "/api/customers/" + customer + "/erasure", "{\"reason\":\"asked by mail\"}")
        .statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(api("fiona", "GET", "/api/complaints/" + number + "/evidence", null).body())).isEmpty();
    assertThat(download("fiona", number, 1).statusCode()).isEqualTo(404);
    assertThat(formService.getTaskFormVariables(task.getId()).getValue("caseEvidence", String.class))
        .doesNotContain("receipt.pdf").doesNotContain("invoice.exe").isEqualTo("(none yet)");
    assertThat(taskService.getVariablesLocal(task.getId())).as("the sheet is no variable of the task")
        .doesNotContainKeys("caseEvidence", "caseTimeline", "caseDeadlines");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static MimeBodyPart attachment(String name, String type, byte[] content) throws Exception {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    part.setFileName(name);
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    return part;
  }

  private static MimeMessage mail(String from, String name, String subject, String text) throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(from, name, "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, "complaints@redress.example");
    m.setSubject(subject, "UTF-8");
    m.setText(text, "UTF-8");
    m.saveChanges();
    return m;
  }

  /** Into the mailbox's inbox with this received date (IMAP's INTERNALDATE), as the server's delivery would. */
  private void deliver(MimeMessage m, Date received) throws Exception {
    MailFolder inbox = MAIL.getManagers().getImapHostManager().getInbox(user);
    inbox.appendMessage(m, new Flags(), received);
  }

  private String caseOf(String messageId) {
    return jdbc.queryForObject("SELECT complaint_number FROM mailbox_message WHERE message_key = ?", String.class,
        messageId);
  }

  private String outcome(String messageId) {
    return jdbc.queryForObject("SELECT outcome FROM mailbox_message WHERE message_key = ?", String.class, messageId);
  }

  private int complaints() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Integer.class);
  }

  private static boolean paused(JsonNode c) {
    return !c.path("pausedAt").isMissingNode() && !c.path("pausedAt").isNull();
  }

  private static JsonNode deadline(JsonNode c, String kind) {
    for (JsonNode d : c.get("deadlines")) {
      if (kind.equals(d.get("kind").asText())) {
        return d;
      }
    }
    throw new AssertionError("no deadline " + kind);
  }

  /** The mail's flags as an IMAP client sees them. */
  private Flags flags(String messageId) throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", IMAP_PORT, "complaints", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        for (Message m : inbox.getMessages()) {
          String[] id = m.getHeader("Message-ID");
          if (id != null && id[0].equals(messageId)) {
            return m.getFlags();
          }
        }
      } finally {
        inbox.close(false);
      }
    }
    throw new AssertionError("no mail " + messageId);
  }

  private boolean seen(String messageId) throws Exception {
    return flags(messageId).contains(Flags.Flag.SEEN);
  }

  private boolean flagged(String messageId) throws Exception {
    Flags f = flags(messageId);
    return f.contains(Flags.Flag.SEEN) && f.contains(Flags.Flag.FLAGGED);
  }

  private void markUnseen() throws Exception {
    try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", IMAP_PORT, "complaints", "secret");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.SEEN), false);
      inbox.close(false);
    }
  }

  private JsonNode get(String number) throws Exception {
    HttpResponse<String> r = api("fiona", "GET", "/api/complaints/" + number, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> api(String user, String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json")
        .header("Authorization", basic(user));
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> download(String user, String number, int n) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/complaints/" + number + "/evidence/" + n)).GET();
    if (user != null) {
      b.header("Authorization", basic(user));
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private static String unique(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
