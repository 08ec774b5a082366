package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.redress.postgres.TestPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two application nodes (the packaged jar, two JVMs, both job executors on) on one fresh PostgreSQL database,
 * started at the same moment on the empty database: each deadline fires once, claims from the two nodes conflict
 * with 409, each notification leaves once though both nodes' outbox senders poll (to a GreenMail SMTP server in this
 * JVM), and a node killed in the middle of work loses no accepted complaint while the other takes over the jobs it
 * held once their locks expire.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  /** Short for the test (production: 5 minutes): a dead node's jobs are free again after this. */
  static final int LOCK_MILLIS = 6000;
  static final Map<String, String> NODE_PROPERTIES = Map.of(
      "camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_MILLIS),
      // an idle node looks for due jobs every quarter second: the other node's run of a batch of deadlines lasts
      // longer than that, so both take part (with a second, a node could drain forty deadlines before the other woke)
      "camunda.bpm.job-execution.wait-time-in-millis", "100",
      "camunda.bpm.job-execution.max-wait", "250",
      "logging.level.org.camunda.bpm.engine.jobexecutor", "info");
  /** Both nodes send their notifications to one SMTP server in this JVM, polling the outbox often. */
  static final int SMTP_PORT = freePort();
  static final int POLL_MILLIS = 500;
  static final Map<String, String> MAIL_PROPERTIES = Map.of(
      "spring.mail.host", "127.0.0.1",
      "spring.mail.port", String.valueOf(SMTP_PORT),
      "redress.notifications.poll-interval", POLL_MILLIS + "ms");

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static String database;
  static AppNode a;
  static AppNode b;
  static Connection connection;
  static JdbcTemplate db;
  static GreenMail smtp;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    database = TestPostgres.newDatabase();
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    smtp.start();
    long started = System.nanoTime();
    // both at once on the empty database: the start-up lock makes them take turns creating the schemas
    // node A is the busier one: it takes ten due jobs at a time into its queue for one thread, so it holds locks on
    // jobs it has not run yet for a while, which is what a node killed in the middle of work leaves behind
    Map<String, String> busy = new HashMap<>(NODE_PROPERTIES);
    busy.putAll(MAIL_PROPERTIES);
    Map<String, String> other = new HashMap<>(NODE_PROPERTIES);
    other.putAll(MAIL_PROPERTIES);
    busy.putAll(Map.of("camunda.bpm.job-execution.core-pool-size", "1",
        "camunda.bpm.job-execution.max-pool-size", "1", "camunda.bpm.job-execution.queue-capacity", "10",
        "camunda.bpm.job-execution.max-jobs-per-acquisition", "10"));
    a = AppNode.start("node-a", database, busy);
    b = AppNode.start("node-b", database, other);
    a.awaitUp();
    b.awaitUp();
    System.out.printf("[cluster] two nodes up on one database in %d ms%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    connection = TestPostgres.connect(database);
    db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (AppNode n : new AppNode[] {a, b}) {
      if (n != null) {
        n.stop();
      }
    }
    if (connection != null) {
      connection.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  void bothNodesServeTheSameCasesAndModelsAreDeployedOnce() throws Exception {
    String id = create(a, "Same case on both nodes");
    HttpResponse<String> fromB = send(b, "fiona", "GET", "/api/complaints/" + id, null);
    assertThat(fromB.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(fromB.body()).get("stage").asText()).isEqualTo("classifyComplaint");
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_re_procdef WHERE key_ = 'complaint-handling'",
        Integer.class)).isOne();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM act_id_user WHERE id_ = 'fiona'", Integer.class)).isOne();
  }

  @Test
  @Order(2)
  void eachDeadlineFiresOnceWithTwoJobExecutors() throws Exception {
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      cases.add(create(i % 2 == 0 ? a : b, "Deadline case " + i));
    }
    List<String> timers = makeDeadlinesDueAtOnce(cases);
    awaitEscalated(cases, timers, Duration.ofSeconds(120));

    assertEscalatedExactlyOnce(cases);
    Map<String, Integer> byNode = successfulRunsByNode(timers);
    System.out.printf("[cluster] %d deadlines fired, by node: %s%n", timers.size(), byNode);
    assertThat(byNode.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(timers.size());
    assertThat(byNode).containsOnlyKeys("node-a", "node-b");
  }

  @Test
  @Order(3)
  void claimsFromTheTwoNodesConflictWith409() throws Exception {
    String id = create(a, "Claimed from two nodes");
    String task = classifyTask(id);
    assertThat(send(a, "fiona", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
    HttpResponse<String> second = send(b, "tom", "POST", "/engine-rest/task/" + task + "/claim",
        Map.of("userId", "tom"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).get("type").asText()).isEqualTo("TaskAlreadyClaimedException");
    assertThat(assignee(b, task)).isEqualTo("fiona");

    // the same claim at the same moment on both nodes, ten times: one wins, the other gets 409, never a 500
    int conflicts = 0;
    for (int i = 0; i < 10; i++) {
      String t = classifyTask(create(i % 2 == 0 ? a : b, "Race " + i));
      CompletableFuture<HttpResponse<String>> fiona = CompletableFuture.supplyAsync(() ->
          sendUnchecked(a, "fiona", "POST", "/engine-rest/task/" + t + "/claim", Map.of("userId", "fiona")));
      CompletableFuture<HttpResponse<String>> tom = CompletableFuture.supplyAsync(() ->
          sendUnchecked(b, "tom", "POST", "/engine-rest/task/" + t + "/claim", Map.of("userId", "tom")));
      List<Integer> codes = List.of(fiona.get().statusCode(), tom.get().statusCode());
      assertThat(codes).as("claims of task %s: %s %s", t, fiona.get().body(), tom.get().body())
          .containsExactlyInAnyOrder(204, 409);
      String winner = fiona.get().statusCode() == 204 ? "fiona" : "tom";
      assertThat(assignee(a, t)).isEqualTo(winner);
      assertThat(assignee(b, t)).isEqualTo(winner);
      conflicts++;
    }
    assertThat(conflicts).isEqualTo(10);
  }

  @Test
  @Order(3)
  void theStatusPageCountsFailedLookUpsOfOneAddressOnAllNodes() throws Exception {
    String id = create(a, "Looked up on two nodes");
    // ten wrong look-ups from this address, alternately on each node: the node a request reaches does not matter
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> wrong = lookup(i % 2 == 0 ? a : b, id, "1390000000" + i);
      assertThat(wrong.statusCode()).as("failure %d: %s", i + 1, wrong.body()).isEqualTo(404);
    }
    for (AppNode node : List.of(a, b)) {
      HttpResponse<String> blocked = lookup(node, id, "13800000123");
      assertThat(blocked.statusCode()).as(node.name + ": " + blocked.body()).isEqualTo(429);
      assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
    }
    // the address is kept as a keyed hash, never as it is
    assertThat(db.queryForList("SELECT source_key FROM source_limit", String.class))
        .isNotEmpty().noneMatch(k -> k.contains("127.0.0.1"));
  }

  private static HttpResponse<String> lookup(AppNode node, String number, String contact) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/api/track/lookup"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("number", number,
            "contact", contact)))).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(4)
  void eachNotificationLeavesOnceWithTwoSenders() throws Exception {
    int n = 20;
    Map<String, String> addressOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String address = "cluster-" + i + "@example.cn";
      HttpResponse<String> r = send(i % 2 == 0 ? a : b, "fiona", "POST", "/api/complaints", Map.of(
          "customer", Map.of("name", "Li Wei", "email", address, "tier", "standard"), "channel", "email",
          "description", "Notified from two nodes " + i, "amountClaimed", 20));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      addressOf.put(JSON.readTree(r.body()).get("id").asText(), address);
    }
    // the earlier tests' escalations e-mail the team leads as well: wait for these n acknowledgements
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (toThese(smtp.getReceivedMessages(), addressOf).size() < n && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    Thread.sleep(6L * POLL_MILLIS); // a few more polls on both nodes: nothing more may leave
    jakarta.mail.internet.MimeMessage[] all = smtp.getReceivedMessages();
    List<String> allIds = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : all) {
      allIds.add(m.getHeader("Message-ID")[0]);
    }
    assertThat(allIds).as("no message of the run left twice (escalation e-mails included)").doesNotHaveDuplicates();
    List<jakarta.mail.internet.MimeMessage> received = toThese(all, addressOf);
    assertThat(received).hasSize(n);
    Map<String, String> subjectTo = new HashMap<>();
    List<String> messageIds = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : received) {
      String to = m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
      assertThat(subjectTo.put(to, m.getSubject())).as("a second e-mail to %s", to).isNull();
      messageIds.add(m.getHeader("Message-ID")[0]);
    }
    assertThat(messageIds).doesNotHaveDuplicates();
    addressOf.forEach((number, address) -> assertThat(subjectTo.get(address)).as(number).contains(number));
    List<Map<String, Object>> rows = db.queryForList("SELECT complaint_number, state, attempts, claimed_by "
        + "FROM outbound_message WHERE template = 'acknowledgement' AND channel = 'email'");
    assertThat(rows).hasSize(n).allSatisfy(row -> {
      assertThat(row.get("state")).isEqualTo("sent");
      assertThat(addressOf).containsKey((String) row.get("complaint_number"));
    });
    Map<Object, Long> byNode = rows.stream().collect(java.util.stream.Collectors.groupingBy(
        row -> row.get("claimed_by"), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    System.out.printf("[cluster] %d acknowledgements sent once each, by node: %s%n", n, byNode);
    assertThat(byNode.keySet()).isSubsetOf("node-a", "node-b");
  }

  @Test
  @Order(5)
  void aNodeKilledInTheMiddleOfWorkLosesNoAcceptedComplaintAndTheOtherTakesOverItsJobs() throws Exception {
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      cases.add(create(b, "Takeover case " + i));
    }
    // complaints keep coming in on node A while it works on deadlines
    List<String> accepted = new CopyOnWriteArrayList<>();
    AtomicInteger refused = new AtomicInteger();
    AtomicBoolean intake = new AtomicBoolean(true);
    Thread client = new Thread(() -> {
      for (int i = 0; intake.get() && i < 2000; i++) {
        try {
          HttpResponse<String> r = send(a, "fiona", "POST", "/api/complaints", complaint("Arrives at A " + i));
          if (r.statusCode() == 201) {
            accepted.add(JSON.readTree(r.body()).get("id").asText());
          } else {
            refused.incrementAndGet();
          }
        } catch (Exception e) {
          refused.incrementAndGet(); // node A died under this request: it was never accepted
          if (!a.isAlive()) {
            return;
          }
        }
      }
    }, "intake-at-node-a");
    client.start();
    Thread.sleep(1000);

    List<String> timers = makeDeadlinesDueAtOnce(cases);
    // kill node A at a moment it holds jobs it has not finished
    List<Map<String, Object>> held = List.of();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (held.isEmpty() && System.nanoTime() < until) {
      held = db.queryForList("SELECT id_, lock_exp_time_ FROM act_ru_job WHERE type_ = 'timer' "
          + "AND lock_owner_ = 'node-a' AND lock_exp_time_ IS NOT NULL");
      if (held.isEmpty()) {
        Thread.sleep(5);
      }
    }
    a.kill();
    Timestamp killedAt = new Timestamp(System.currentTimeMillis());
    intake.set(false);
    client.join(30_000);
    Map<String, Timestamp> orphans = new HashMap<>();
    db.query("SELECT id_, lock_exp_time_ FROM act_ru_job WHERE type_ = 'timer' AND lock_owner_ = 'node-a' "
        + "AND lock_exp_time_ IS NOT NULL", rs -> {
          orphans.put(rs.getString(1), rs.getTimestamp(2));
        });
    System.out.printf("[cluster] node-a killed holding %d jobs (%d still locked after the kill); %d complaints "
        + "accepted by node-a during the run, %d requests cut off%n", held.size(), orphans.size(), accepted.size(),
        refused.get());
    assertThat(orphans).as("node-a died with jobs in hand").isNotEmpty();
    assertThat(accepted).as("node-a took complaints in while it worked").isNotEmpty();

    awaitEscalated(cases, timers, Duration.ofSeconds(120));
    assertEscalatedExactlyOnce(cases);
    // the jobs node A held ran once, on node B, after their locks expired
    long firstTakeover = Long.MAX_VALUE;
    for (var orphan : orphans.entrySet()) {
      List<Map<String, Object>> runs = db.queryForList("SELECT hostname_, timestamp_ FROM act_hi_job_log "
          + "WHERE job_id_ = ? AND job_state_ = 2", orphan.getKey());
      assertThat(runs).as("successful runs of job %s", orphan.getKey()).hasSize(1);
      assertThat(runs.get(0).get("hostname_")).isEqualTo("node-b");
      Timestamp ran = (Timestamp) runs.get(0).get("timestamp_");
      assertThat(ran).as("node-b ran %s after node-a's lock expired", orphan.getKey())
          .isAfterOrEqualTo(orphan.getValue());
      firstTakeover = Math.min(firstTakeover, ran.getTime());
    }
    System.out.printf("[cluster] node-b took over node-a's jobs %d ms after the kill%n",
        firstTakeover - killedAt.getTime());
    assertThat(successfulRunsByNode(timers).values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(timers.size());

    // every complaint node A acknowledged is there, on node B, with its process waiting at classification
    for (String id : accepted) {
      HttpResponse<String> r = send(b, "fiona", "GET", "/api/complaints/" + id, null);
      assertThat(r.statusCode()).as(id).isEqualTo(200);
      JsonNode c = JSON.readTree(r.body());
      assertThat(c.get("status").asText()).isEqualTo("open");
      assertThat(c.get("openTasks").findValuesAsText("taskKey")).as(id).contains("classifyComplaint");
    }
    // and nothing half-stored: every case record has its process instance
    assertThat(db.queryForObject("SELECT COUNT(*) FROM complaint c WHERE NOT EXISTS (SELECT 1 FROM "
        + "act_hi_procinst p WHERE p.business_key_ = c.complaint_number)", Integer.class)).isZero();
  }

  // ---------------------------------------------------------------- helpers

  /** The messages addressed to one of these addresses. */
  private static List<jakarta.mail.internet.MimeMessage> toThese(jakarta.mail.internet.MimeMessage[] messages,
      Map<String, String> addressOf) throws jakarta.mail.MessagingException {
    List<jakarta.mail.internet.MimeMessage> these = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : messages) {
      if (addressOf.containsValue(m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString())) {
        these.add(m);
      }
    }
    return these;
  }

  /**
   * Sets the classification deadline of these cases to now, all at the same moment (as an admin would over the
   * engine REST API: suspend their timers, move each due date, activate them together), and returns the timers.
   */
  private List<String> makeDeadlinesDueAtOnce(List<String> cases) throws Exception {
    List<String> timers = new ArrayList<>();
    for (String id : cases) {
      // the classification deadline (its boundary timer), not the case's other timers (reminder, SLA policy)
      timers.add(db.queryForObject("SELECT j.id_ FROM act_ru_job j JOIN act_ru_execution e "
          + "ON e.id_ = j.process_instance_id_ JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ "
          + "WHERE e.business_key_ = ? AND j.type_ = 'timer' AND d.act_id_ = 'Timer_ClassifyOverdue'", String.class,
          id));
    }
    AppNode admin = b;
    Map<String, Object> all = Map.of("processDefinitionKey", "complaint-handling", "suspended", true);
    assertThat(send(admin, "admin", "PUT", "/engine-rest/job/suspended", all).statusCode()).isEqualTo(204);
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    String now = format.format(new Date(System.currentTimeMillis() - 60_000));
    for (String timer : timers) {
      HttpResponse<String> r = send(admin, "admin", "PUT", "/engine-rest/job/" + timer + "/duedate",
          Map.of("duedate", now));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }
    HttpResponse<String> activated = send(admin, "admin", "PUT", "/engine-rest/job/suspended",
        Map.of("processDefinitionKey", "complaint-handling", "suspended", false));
    assertThat(activated.statusCode()).as(activated.body()).isEqualTo(204);
    return timers;
  }

  /** Waits until every case has its escalation and every one of the deadline timers made due is gone. */
  private void awaitEscalated(List<String> cases, List<String> timers, Duration timeout)
      throws InterruptedException {
    String in = String.join(",", cases.stream().map(c -> "'" + c + "'").toList());
    String jobs = String.join(",", timers.stream().map(t -> "'" + t + "'").toList());
    long until = System.nanoTime() + timeout.toNanos();
    int done = 0;
    int left = timers.size();
    while (System.nanoTime() < until) {
      done = db.queryForObject("SELECT COUNT(DISTINCT complaint_number) FROM complaint_event WHERE event_type = "
          + "'deadline-escalated' AND complaint_number IN (" + in + ")", Integer.class);
      left = db.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE id_ IN (" + jobs + ")", Integer.class);
      if (done == cases.size() && left == 0) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(done + " of " + cases.size() + " deadlines escalated, " + left + " of their timers "
        + "still there after " + timeout);
  }

  /** One escalation task and one "deadline-escalated" timeline entry per case, and the stage task untouched. */
  private void assertEscalatedExactlyOnce(List<String> cases) {
    for (String id : cases) {
      assertThat(db.queryForObject("SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e ON "
          + "e.id_ = t.proc_inst_id_ WHERE e.business_key_ = ? AND t.task_def_key_ = 'handleEscalation'",
          Integer.class, id)).as("escalation tasks of %s", id).isOne();
      assertThat(db.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE complaint_number = ? AND "
          + "event_type = 'deadline-escalated'", Integer.class, id)).as("deadline-escalated of %s", id).isOne();
      assertThat(db.queryForObject("SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e ON "
          + "e.id_ = t.proc_inst_id_ WHERE e.business_key_ = ? AND t.task_def_key_ = 'classifyComplaint'",
          Integer.class, id)).isOne();
    }
  }

  /** Successful executions of these jobs per node, from the job log (each job must have exactly one). */
  private Map<String, Integer> successfulRunsByNode(List<String> jobs) {
    Map<String, Integer> byNode = new HashMap<>();
    for (String job : jobs) {
      List<String> hosts = db.queryForList("SELECT hostname_ FROM act_hi_job_log WHERE job_id_ = ? "
          + "AND job_state_ = 2", String.class, job);
      assertThat(hosts).as("successful runs of timer %s", job).hasSize(1);
      byNode.merge(hosts.get(0), 1, Integer::sum);
    }
    return byNode;
  }

  private static String create(AppNode node, String description) throws Exception {
    HttpResponse<String> r = send(node, "fiona", "POST", "/api/complaints", complaint(description));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private static Map<String, Object> complaint(String description) {
    return Map.of("customer", Map.of("name", "Li Wei", "tier", "standard"), "channel", "web",
        "description", description, "amountClaimed", 20);
  }

  private String classifyTask(String id) {
    return db.queryForObject("SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ "
        + "WHERE e.business_key_ = ? AND t.task_def_key_ = 'classifyComplaint'", String.class, id);
  }

  private static String assignee(AppNode node, String task) throws Exception {
    return JSON.readTree(send(node, "admin", "GET", "/engine-rest/task/" + task, null).body()).get("assignee")
        .asText();
  }

  private static HttpResponse<String> sendUnchecked(AppNode node, String user, String method, String path,
      Object body) {
    try {
      return send(node, user, method, path, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(AppNode node, String user, String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      r.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
