package io.redress.bench;

import static io.redress.bench.Client.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.redress.postgres.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The soak (issue 16, part 6): mixed load for a long time on PostgreSQL, to show the application stays stable: no
 * error, heap and connection pool flat, nothing acknowledged lost. Not a CI test and not a speed measurement: run
 * it on purpose with {@code mvn -B -ntp -Pbench verify -Dit.test=Soak} (30 minutes; {@code -Dsoak.minutes=N} for
 * another duration). Its name matches neither surefire's nor failsafe's patterns nor the bench profile's
 * {@code *Benchmark}, so neither {@code mvn verify} nor the benchmark suite runs it.
 *
 * <p>The application runs as in {@link RedressBenchmark}: the packaged jar in a JVM of its own with the README's
 * production options, profiles {@code postgres,demo}, a fresh database on the PostgreSQL at {@code POSTGRES_URL}, and
 * e-mail to a GreenMail SMTP server in this JVM (SMS go to the logging gateway). {@code soak.clients} clients (8)
 * act as the demo users over HTTP with HTTP Basic, each pausing {@code soak.thinkMillis} after every action: they
 * take complaints in ({@code POST /api/complaints}) and work the tasks the way Tasklist does it over
 * {@code /engine-rest} (list, claim, submit the form), downstream stages first. Deadlines: the working-day SLA
 * (hours and days) would fire none in half an hour, so a "clock" moves {@code soak.deadlinesPerTick} (2) armed timers
 * of random open cases to now every 10 s (as the benchmark's deadline figure does); the job executor, as the
 * {@code postgres} profile configures it, fires them: stage reminders, escalations (the clients handle the escalation
 * tasks), customer deadlines, contact cycles, with their notifications. Every 10 s it samples heap, connection pool,
 * RSS, CPU, threads, outbox and jobs; every minute it asks for a full GC ({@code jcmd GC.run}) and reads the heap
 * after it. At the end: every complaint answered 201 is in the database with its process, every task completion
 * answered 204 is completed in the history, the outbox drained, no error. Prints a report, writes it to
 * {@code target/soak/} and into {@code BENCHMARKS.md} (section "Soak").
 */
class Soak {

  static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "30"));
  static final int CLIENTS = Integer.getInteger("soak.clients", 8);
  static final long THINK_MILLIS = Long.getLong("soak.thinkMillis", 1000);
  static final int DEADLINES_PER_TICK = Integer.getInteger("soak.deadlinesPerTick", 2);
  static final int SAMPLE_SECONDS = Integer.getInteger("soak.sampleSeconds", 10);
  /** One action in this many is an intake (the rest work tasks; an intake too when no task is waiting). */
  static final int INTAKE_EVERY = Integer.getInteger("soak.intakeEvery", 8);
  static final String JVM = System.getProperty("soak.jvm", RedressBenchmark.JVM);
  static final String NOTE = System.getProperty("soak.note", "");

  /** Stages in the order the clients look for work: downstream first, so cases flow through. */
  static final List<String> STAGES = List.of("handleEscalation", "collectFeedback", "executeResolution",
      "approveResolution", "investigateComplaint", "assignComplaint", "classifyComplaint");
  static final Map<String, List<String>> WORKERS = Map.of(
      "handleEscalation", List.of("tom", "maria", "diego"),
      "collectFeedback", List.of("fiona", "tom"),
      "executeResolution", List.of("hank", "helen"),
      "approveResolution", List.of("sam", "maria", "diego"),
      "investigateComplaint", List.of("hank", "helen"),
      "assignComplaint", List.of("sam", "maria"),
      "classifyComplaint", List.of("fiona", "tom"));
  static final Set<String> ASSIGNED = Set.of("investigateComplaint", "executeResolution");

  BenchNode node;
  String url;
  final Map<String, Client> clients = new ConcurrentHashMap<>();
  final HttpClient metricsHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final AtomicBoolean running = new AtomicBoolean(true);
  final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> completedTasks = new ConcurrentLinkedQueue<>();
  final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
  final LongAdder requests = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder conflicts = new LongAdder();
  final LongAdder gone = new LongAdder();
  final AtomicLong deadlinesMoved = new AtomicLong();
  final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
  GreenMail smtp;

  record Sample(double t, double heapMb, double heapAfterGcMb, double hikariActive, double hikariIdle,
      double hikariPending, double hikariTotal, long rssMb, double cpuPct, double threads, long requests,
      long errors, long intakes, long completions, long outboxPending, long outboxSent, long outboxFailed,
      long jobs, long dueJobs, long failedJobs, long incidents, long openTasks, long openCases, long mails) {
  }

  @Test
  void soak() throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    Instant started = Instant.now();
    int smtpPort;
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    smtp.start();
    url = TestPostgres.newDatabase();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("spring.mail.host", "127.0.0.1");
    props.put("spring.mail.port", String.valueOf(smtpPort));
    props.put("management.endpoints.web.exposure.include", "health,metrics");
    List<String> jvm = JVM.isBlank() ? List.of() : Arrays.asList(JVM.trim().split("\\s+"));
    log("starting the application on %s (%s, %s)", url, BenchNode.DEPLOYMENT, JVM);
    Files.createDirectories(Path.of("target", "bench"));
    node = BenchNode.start("soak", jvm, List.of("postgres", "demo"), url, TestPostgres.server().user(),
        TestPostgres.server().password(), props);
    String report;
    try (Connection db = TestPostgres.connect(url)) {
      long upMs = node.awaitUp();
      log("up in %d ms; %d clients, think %d ms, %.1f min", upMs, CLIENTS, THINK_MILLIS, MINUTES);
      for (String user : List.of("fiona", "tom", "sam", "maria", "diego", "hank", "helen")) {
        clients.put(user, Client.basic(node, user));
      }
      long t0 = System.nanoTime();
      long end = t0 + (long) (MINUTES * 60e9);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int n = i;
        Thread t = new Thread(() -> clientLoop(n, end), "soak-client-" + i);
        t.start();
        threads.add(t);
      }
      Thread clock = new Thread(() -> clockLoop(end), "soak-clock");
      clock.start();
      sampleLoop(db, t0, end);
      running.set(false);
      for (Thread t : threads) {
        t.join(Duration.ofMinutes(3).toMillis());
      }
      clock.join(Duration.ofMinutes(1).toMillis());
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      log("load stopped after %.0f s; waiting for the outbox to drain", loadSeconds);
      long drainStart = System.nanoTime();
      while (System.nanoTime() - drainStart < Duration.ofMinutes(3).toNanos()
          && count(db, "SELECT COUNT(*) FROM outbound_message WHERE state IN ('pending', 'sending') "
              + "AND next_attempt_at <= now()") > 0) {
        Thread.sleep(2000);
      }
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      samples.add(sample(db, t0, true));
      report = report(db, started, loadSeconds, drainSeconds, upMs, loadBefore,
          Files.readString(Path.of("/proc/loadavg")).trim());
    } finally {
      running.set(false);
      node.stop();
      smtp.stop();
    }
    Path dir = Path.of("target", "soak");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("soak-report.md"), report);
    writeSamplesCsv(dir.resolve("soak-samples.csv"));
    updateBenchmarks(report);
    System.out.println(report);
    log("report: %s; samples: %s; application log: %s", dir.resolve("soak-report.md").toAbsolutePath(),
        dir.resolve("soak-samples.csv").toAbsolutePath(), node.log.toAbsolutePath());
  }

  // ---------------------------------------------------------------- the clients

  private void clientLoop(int n, long end) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // spread the starts over the first think time
    sleep(random.nextLong(THINK_MILLIS + 1));
    while (running.get() && System.nanoTime() < end) {
      try {
        boolean worked = false;
        if (random.nextInt(INTAKE_EVERY) != 0) {
          worked = work(random);
        }
        if (!worked) {
          intake(random);
        }
      } catch (IOException e) {
        error("io " + e.getClass().getSimpleName() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        error("client " + e);
      }
      sleep(THINK_MILLIS);
    }
  }

  private void intake(ThreadLocalRandom random) throws IOException, InterruptedException {
    String[] channels = {"phone", "chat", "email", "web", "social", "letter", "visit"};
    String[] tiers = {"standard", "standard", "standard", "premium", "vip"};
    long seq = counter("intake-attempt");
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", "Soak Customer " + seq);
    customer.put("phone", String.format("139%08d", seq % 100_000_000));
    customer.put("email", "soak." + seq + "@example.org");
    customer.put("tier", tiers[random.nextInt(tiers.length)]);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("channel", channels[random.nextInt(channels.length)]);
    body.put("description", "Soak complaint " + seq + ": the hotel charged the first night twice.");
    body.put("desiredOutcome", "refund");
    body.put("amountClaimed", random.nextInt(0, 3000));
    if (random.nextInt(20) == 0) {
      body.put("resolvedAtIntake", true);
      body.put("resolution", "Refund of the double charge confirmed while on the phone.");
    }
    HttpResponse<String> r = call("intake", random.nextBoolean() ? "fiona" : "tom", "POST", "/api/complaints", body);
    if (r.statusCode() == 201) {
      acknowledged.add(JSON.readTree(r.body()).get("id").asText());
    } else {
      error("intake " + r.statusCode() + " " + abbreviate(r.body()));
    }
  }

  /** Looks for a task downstream first, as the stage's users; works one. False when nothing waits. */
  private boolean work(ThreadLocalRandom random) throws IOException, InterruptedException {
    for (String stage : STAGES) {
      List<String> users = new ArrayList<>(WORKERS.get(stage));
      Collections.shuffle(users, random);
      for (String user : users) {
        String query = "/engine-rest/task?taskDefinitionKey=" + stage
            + (ASSIGNED.contains(stage) ? "&assignee=" + user : "&unassigned=true")
            + "&sortBy=created&sortOrder=asc&firstResult=0&maxResults=10";
        HttpResponse<String> list = call("list", user, "GET", query, null);
        if (list.statusCode() != 200) {
          error("list " + stage + " " + list.statusCode() + " " + abbreviate(list.body()));
          return true;
        }
        JsonNode tasks = JSON.readTree(list.body());
        if (tasks.isEmpty()) {
          continue;
        }
        String task = tasks.get(random.nextInt(tasks.size())).get("id").asText();
        if (ASSIGNED.contains(stage) && !inFlight.add(task)) {
          // the handler is working on this one already (at another desk of the same user): look further
          continue;
        }
        try {
          return work(stage, user, task, random);
        } finally {
          inFlight.remove(task);
        }
      }
    }
    return false;
  }

  /** Claims (a group's task) and completes one task with its form's values, as Tasklist does. */
  private boolean work(String stage, String user, String task, ThreadLocalRandom random)
      throws IOException, InterruptedException {
    if (!ASSIGNED.contains(stage)) {
      HttpResponse<String> claim = call("claim", user, "POST", "/engine-rest/task/" + task + "/claim",
          Map.of("userId", user));
      if (claim.statusCode() == 409) {
        conflicts.increment();
        return true;
      }
      if (claim.statusCode() == 404) {
        // completed by another client between the list and the claim
        gone.increment();
        return true;
      }
      if (claim.statusCode() != 204) {
        error("claim " + stage + " " + claim.statusCode() + " " + abbreviate(claim.body()));
        return true;
      }
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    values(stage, user, random).forEach((k, v) -> variables.put(k, Map.of("value", v)));
    HttpResponse<String> done = call("complete " + stage, user, "POST",
        "/engine-rest/task/" + task + "/submit-form", Map.of("variables", variables));
    if (done.statusCode() == 204) {
      completedTasks.add(task);
    } else if (done.statusCode() == 409) {
      conflicts.increment();
    } else {
      error("complete " + stage + " " + done.statusCode() + " " + abbreviate(done.body()));
    }
    return true;
  }

  private static Map<String, Object> values(String stage, String user, ThreadLocalRandom random) {
    String[] categories = {"facilities-product", "service-attitude", "service-quality", "billing-refund",
        "logistics-delivery", "technical-fault", "transaction-dispute"};
    String[] resolutions = {"explanation", "apology", "refund", "credit", "replacement", "compensation"};
    String[] satisfied = {"very_satisfied", "satisfied", "basically_satisfied"};
    return switch (stage) {
      case "classifyComplaint" -> {
        int s = random.nextInt(20);
        yield Map.of("category", categories[random.nextInt(categories.length)], "nature", "valid",
            "severity", s == 0 ? "urgent" : s < 5 ? "important" : "general", "major", random.nextInt(20) == 0);
      }
      case "assignComplaint" -> Map.of("handler", random.nextBoolean() ? "hank" : "helen");
      case "investigateComplaint" -> Map.of("findings", "Charged twice by the hotel",
          "rootCause", "Payment retry", "rootCauseCategory", "billing-error", "resolutionType", resolutions[random.nextInt(resolutions.length)],
          "compensationAmount", random.nextInt(0, 2000));
      case "approveResolution" -> Map.of("approved", random.nextInt(20) != 0,
          "approvalComment", "Checked by " + user);
      case "executeResolution" -> Map.of("executionNote", "Refunded to the customer's card");
      case "collectFeedback" -> Map.of("customerReached", true,
          "satisfaction", random.nextInt(30) == 0 ? "dissatisfied" : satisfied[random.nextInt(satisfied.length)]);
      case "handleEscalation" -> Map.of("escalationNote", "Spoke to the team; the case is moving again");
      default -> throw new IllegalArgumentException(stage);
    };
  }

  private HttpResponse<String> call(String what, String user, String method, String path, Object body)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    HttpResponse<String> r = clients.get(user).send(method, path, body);
    long ms = (System.nanoTime() - t) / 1_000_000;
    requests.increment();
    statuses.computeIfAbsent(what + " " + r.statusCode(), k -> new LongAdder()).increment();
    List<Long> l = latencies.computeIfAbsent(what, k -> Collections.synchronizedList(new ArrayList<>()));
    l.add(ms);
    if (what.startsWith("complete ")) {
      counter("completions");
    } else if (what.equals("intake") && r.statusCode() == 201) {
      counter("intakes");
    }
    return r;
  }

  private long counter(String name) {
    LongAdder a = counts.computeIfAbsent(name, k -> new LongAdder());
    a.increment();
    return a.sum();
  }

  private long get(String name) {
    LongAdder a = counts.get(name);
    return a == null ? 0 : a.sum();
  }

  private void error(String what) {
    errors.increment();
    if (errorSamples.size() < 50) {
      errorSamples.add(Instant.now() + " " + what);
    }
    log("ERROR %s", what);
  }

  // ---------------------------------------------------------------- the clock

  /** Every 10 s: a few armed timers of open cases made due now, as if their time had come. */
  private void clockLoop(long end) {
    try (Connection c = TestPostgres.connect(url)) {
      while (running.get() && System.nanoTime() < end) {
        sleep(10_000);
        try (Statement s = c.createStatement()) {
          int moved = s.executeUpdate("UPDATE act_ru_job SET duedate_ = now() - interval '1 second' WHERE id_ IN ("
              + "SELECT id_ FROM act_ru_job WHERE type_ = 'timer' AND duedate_ > now() AND lock_owner_ IS NULL "
              + "ORDER BY random() LIMIT " + DEADLINES_PER_TICK + ")");
          deadlinesMoved.addAndGet(moved);
        } catch (SQLException e) {
          log("clock: %s", e.getMessage());
        }
      }
    } catch (SQLException e) {
      log("clock: no connection: %s", e.getMessage());
    }
  }

  // ---------------------------------------------------------------- sampling

  private void sampleLoop(Connection db, long t0, long end) throws Exception {
    int i = 0;
    long next = t0;
    while (System.nanoTime() < end) {
      next += SAMPLE_SECONDS * 1_000_000_000L;
      long wait = (next - System.nanoTime()) / 1_000_000;
      if (wait > 0) {
        Thread.sleep(wait);
      }
      i++;
      Sample s = sample(db, t0, i % Math.max(1, 60 / SAMPLE_SECONDS) == 0);
      samples.add(s);
      log("t=%4.0fs heap %.0f MB%s | pool active %.0f idle %.0f pending %.0f | RSS %d MB | cpu %.0f%% | threads %.0f"
              + " | req %d err %d | intake %d done %d | outbox pending %d sent %d failed %d | jobs %d due %d | "
              + "tasks %d cases %d",
          s.t, s.heapMb, Double.isNaN(s.heapAfterGcMb) ? "" : String.format(" (after GC %.0f)", s.heapAfterGcMb),
          s.hikariActive, s.hikariIdle, s.hikariPending, s.rssMb, s.cpuPct, s.threads, s.requests, s.errors,
          s.intakes, s.completions, s.outboxPending, s.outboxSent, s.outboxFailed, s.jobs, s.dueJobs,
          s.openTasks, s.openCases);
    }
  }

  private long lastCpuTicks = -1;
  private long lastCpuNanos;

  private Sample sample(Connection db, long t0, boolean fullGc) throws Exception {
    double t = (System.nanoTime() - t0) / 1e9;
    double heap = metric("jvm.memory.used", "area:heap") / 1048576.0;
    double afterGc = Double.NaN;
    if (fullGc) {
      jcmd("GC.run");
      afterGc = metric("jvm.memory.used", "area:heap") / 1048576.0;
    }
    long ticks = cpuTicks();
    long now = System.nanoTime();
    double cpu = lastCpuTicks < 0 ? Double.NaN : (ticks - lastCpuTicks) / 100.0 / ((now - lastCpuNanos) / 1e9) * 100;
    lastCpuTicks = ticks;
    lastCpuNanos = now;
    Map<String, Long> outbox = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM outbound_message GROUP BY state")) {
      while (rs.next()) {
        outbox.put(rs.getString(1), rs.getLong(2));
      }
    }
    return new Sample(t, heap, afterGc,
        metric("hikaricp.connections.active", null), metric("hikaricp.connections.idle", null),
        metric("hikaricp.connections.pending", null), metric("hikaricp.connections", null),
        node.rssMb()[0], cpu, metric("jvm.threads.live", null), requests.sum(), errors.sum(),
        get("intakes"), get("completions"),
        outbox.getOrDefault("pending", 0L) + outbox.getOrDefault("sending", 0L),
        outbox.getOrDefault("sent", 0L), outbox.getOrDefault("failed", 0L),
        count(db, "SELECT COUNT(*) FROM act_ru_job"),
        count(db, "SELECT COUNT(*) FROM act_ru_job WHERE duedate_ <= now() AND retries_ > 0"),
        count(db, "SELECT COUNT(*) FROM act_ru_job WHERE exception_msg_ IS NOT NULL"),
        count(db, "SELECT COUNT(*) FROM act_ru_incident"),
        count(db, "SELECT COUNT(*) FROM act_ru_task"),
        count(db, "SELECT COUNT(*) FROM complaint WHERE status = 'open'"),
        smtp.getReceivedMessages().length);
  }

  private double metric(String name, String tag) {
    try {
      HttpResponse<String> r = metricsHttp.send(HttpRequest.newBuilder(node.uri("/actuator/metrics/" + name
          + (tag == null ? "" : "?tag=" + tag))).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Double.NaN;
      }
      for (JsonNode m : JSON.readTree(r.body()).get("measurements")) {
        if (m.get("statistic").asText().equals("VALUE")) {
          return m.get("value").asDouble();
        }
      }
    } catch (Exception e) {
      // counted as missing
    }
    return Double.NaN;
  }

  private long cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(node.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  private void jcmd(String command) {
    try {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Process p = new ProcessBuilder(Files.exists(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(node.pid()),
          command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log("jcmd %s: %s", command, e.getMessage());
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- the checks and the report

  private String report(Connection db, Instant started, double loadSeconds, double drainSeconds, long upMs,
      String loadBefore, String loadAfter) throws Exception {
    // every complaint answered 201: its case record, its process (running while open, ended when closed)
    Set<String> acked = new HashSet<>(acknowledged);
    Map<String, String[]> found = new HashMap<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT c.complaint_number, c.status, c.process_instance_id, h.id_, h.end_time_, "
            + "(SELECT COUNT(*) FROM act_ru_execution e WHERE e.id_ = c.process_instance_id) "
            + "FROM complaint c LEFT JOIN act_hi_procinst h ON h.id_ = c.process_instance_id")) {
      while (rs.next()) {
        found.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), String.valueOf(rs.getLong(6))});
      }
    }
    List<String> lost = new ArrayList<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    for (String id : acked) {
      String[] f = found.get(id);
      if (f == null) {
        lost.add(id + " (no case record)");
        continue;
      }
      byStatus.merge(f[0], 1, Integer::sum);
      if (f[2] == null) {
        lost.add(id + " (no process)");
      } else if (f[0].equals("open") && (f[3] != null || f[4].equals("0"))) {
        lost.add(id + " (open, but its process is not running)");
      } else if (f[0].equals("closed") && f[3] == null) {
        lost.add(id + " (closed, but its process has not ended)");
      }
    }
    // every task completion answered 204: completed in the history
    Set<String> done = new HashSet<>(completedTasks);
    Set<String> completedInHistory = new HashSet<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT id_ FROM act_hi_taskinst WHERE end_time_ IS NOT NULL")) {
      while (rs.next()) {
        completedInHistory.add(rs.getString(1));
      }
    }
    List<String> lostCompletions = done.stream().filter(t -> !completedInHistory.contains(t)).toList();
    long mailsSent = count(db, "SELECT COUNT(*) FROM outbound_message WHERE state = 'sent' AND channel = 'email'");
    long smsSent = count(db, "SELECT COUNT(*) FROM outbound_message WHERE state = 'sent' AND channel = 'sms'");
    long outboxWaiting = count(db, "SELECT COUNT(*) FROM outbound_message WHERE state IN ('pending', 'sending')");
    long outboxFailed = count(db, "SELECT COUNT(*) FROM outbound_message WHERE state = 'failed'");
    long outboxRetried = count(db, "SELECT COUNT(*) FROM outbound_message WHERE attempts > 1");
    int mailsReceived = smtp.getReceivedMessages().length;
    long escalations = count(db, "SELECT COUNT(*) FROM complaint_event WHERE event_type = 'deadline-escalated'");
    Map<String, Long> events = new TreeMap<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT event_type, COUNT(*) FROM complaint_event GROUP BY event_type")) {
      while (rs.next()) {
        events.put(rs.getString(1), rs.getLong(2));
      }
    }
    long failedJobs = count(db, "SELECT COUNT(*) FROM act_ru_job WHERE exception_msg_ IS NOT NULL");
    long jobFailures = count(db, "SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1");
    long incidents = count(db, "SELECT COUNT(*) FROM act_hi_incident");
    String appLog = Files.readString(node.log);
    long logErrors = appLog.lines().filter(l -> l.contains(" ERROR ")).count();
    long logWarnings = appLog.lines().filter(l -> l.contains(" WARN ")).count();
    // the log's ERROR and WARN lines by message, with ids, numbers and times taken out
    Map<String, Integer> logKinds = new TreeMap<>();
    appLog.lines().filter(l -> l.contains(" ERROR ") || l.contains(" WARN ")).forEach(l -> {
      int msg = l.indexOf(" : ");
      String level = l.contains(" ERROR ") ? "ERROR" : "WARN";
      String text = (msg < 0 ? l : l.substring(msg + 3))
          .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{0,12}", "<id>")
          .replaceAll("CMP-\\d{4}-\\d+", "<case>").replaceAll("\\d+", "N");
      logKinds.merge(level + " " + abbreviate(text).substring(0, Math.min(200, abbreviate(text).length())), 1,
          Integer::sum);
    });
    List<String> errorLines = appLog.lines().filter(l -> l.contains(" ERROR ")).limit(3).toList();

    List<Sample> all = new ArrayList<>(samples);
    double window = Math.min(300, loadSeconds / 4);
    List<Sample> first = all.stream().filter(s -> s.t <= window).toList();
    List<Sample> last = all.stream().filter(s -> s.t >= loadSeconds - window && s.t <= loadSeconds + 1).toList();
    List<Sample> gcFirst = first.stream().filter(s -> !Double.isNaN(s.heapAfterGcMb)).toList();
    List<Sample> gcLast = last.stream().filter(s -> !Double.isNaN(s.heapAfterGcMb)).toList();
    List<Sample> gcAll = all.stream().filter(s -> !Double.isNaN(s.heapAfterGcMb) && s.t <= loadSeconds + 1).toList();
    List<Sample> load = all.stream().filter(s -> s.t <= loadSeconds + 1).toList();

    long intakes = get("intakes");
    long completions = get("completions");
    StringBuilder md = new StringBuilder();
    String title = String.format("Soak (%s min, PostgreSQL, %d clients)", fmtMinutes(loadSeconds / 60), CLIENTS);
    md.append("## ").append(title).append("\n\n");
    md.append("Written by `mvn -B -ntp -Pbench verify -Dit.test=Soak -Dsoak.minutes=")
        .append(fmtMinutes(MINUTES)).append("` (`src/test/java/io/redress/bench/Soak.java`; not part of ")
        .append("`mvn verify` nor of the benchmark suite). The packaged jar in its own JVM as above (profiles ")
        .append("`postgres,demo`, a fresh database), e-mail to a GreenMail SMTP server in the soak's JVM, SMS to the ")
        .append("logging gateway. ").append(CLIENTS).append(" clients as the demo users over HTTP Basic, each ")
        .append("pausing ").append(THINK_MILLIS).append(" ms after every action: one action in ").append(INTAKE_EVERY)
        .append(" an intake (`POST /api/complaints`), the others work a task as Tasklist does (list, claim, ")
        .append("submit the form over `/engine-rest`), downstream stages first, escalations included (an intake when ")
        .append("no task waits). Deadlines: every 10 s ").append(DEADLINES_PER_TICK).append(" armed timers of open ")
        .append("cases, picked at random, are made due now (the working-day SLA would fire none in the run); the job ")
        .append("executor (the `postgres` profile's settings) fires them: stage reminders and escalations, customer ")
        .append("deadlines, contact cycles, and their notifications. Sampled every ").append(SAMPLE_SECONDS)
        .append(" s (heap, Hikari pool, RSS, CPU, threads from `/actuator/metrics` and `/proc`); every minute a full ")
        .append("GC (`jcmd GC.run`) and the heap after it. *First* and *last* = the first and last ")
        .append(fmtMinutes(window / 60)).append(" min of the load.\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| run | ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC)
        .withNano(0))).append(" UTC; load ").append(String.format("%.1f", loadSeconds / 60)).append(" min |\n");
    md.append("| machine | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(RedressBenchmark.cpuModel()).append(", ").append(RedressBenchmark.memTotal())
        .append("; PostgreSQL on the same machine; other work ran beside it (load average before ").append(loadBefore)
        .append("; after ").append(loadAfter).append(") |\n");
    md.append("| application | `").append(JVM).append("`, `MALLOC_ARENA_MAX=").append(BenchNode.MALLOC_ARENAS)
        .append("`, ").append(BenchNode.DEPLOYMENT.equals("cds") ? "extracted jar with CDS archive" : "java -jar")
        .append("; up in ").append(upMs).append(" ms; Hikari pool `maximum-pool-size` 10 |\n");
    if (!NOTE.isBlank()) {
      md.append("| note | ").append(NOTE).append(" |\n");
    }
    md.append("\n| what | figure |\n|---|---|\n");
    md.append(String.format("| complaints taken in (201) | %,d (%.2f/s) |%n", intakes, intakes / loadSeconds));
    md.append(String.format("| tasks completed (204) | %,d (%.2f/s) |%n", completions, completions / loadSeconds));
    md.append(String.format("| HTTP requests | %,d (%.1f/s) |%n", requests.sum(), requests.sum() / loadSeconds));
    md.append(String.format("| cases by status at the end (of those taken in) | %s |%n", byStatus));
    md.append(String.format("| deadlines made due by the clock / escalations (`deadline-escalated`) | %,d / %,d |%n",
        deadlinesMoved.get(), escalations));
    md.append(String.format("| timeline events | %s |%n", events));
    md.append(String.format("| notifications sent: e-mail / SMS (GreenMail received) | %,d / %,d (%,d) |%n",
        mailsSent, smsSent, mailsReceived));
    md.append(String.format("| outbox at the end: waiting / failed / needed a retry (drained %.0f s after the load) "
        + "| %d / %d / %d |%n", drainSeconds, outboxWaiting, outboxFailed, outboxRetried));
    md.append(String.format("| **lost**: complaints answered 201 not there with their process / completions "
        + "answered 204 not completed | **%d** / **%d** |%n", lost.size(), lostCompletions.size()));
    md.append(String.format("| **errors**: non-2xx other than 409 races, and I/O errors | **%d** |%n", errors.sum()));
    md.append(String.format("| races: claim or complete answered 409 / task gone before the claim (404) | %d / %d |%n",
        conflicts.sum(), gone.sum()));
    md.append(String.format("| job failures (history) / jobs with an exception / incidents | %d / %d / %d |%n",
        jobFailures, failedJobs, incidents));
    md.append(String.format("| application log: ERROR / WARN lines | %d / %d |%n", logErrors, logWarnings));
    md.append("\nFirst against last, and the least-squares slope over the whole load:\n\n");
    md.append("| | first | last | slope per 10 min | max |\n|---|---|---|---|---|\n");
    row(md, "heap after full GC (MB)", gcFirst, gcLast, gcAll, Sample::heapAfterGcMb);
    row(md, "heap used, sampled (MB)", first, last, load, Sample::heapMb);
    row(md, "RSS (MB)", first, last, load, s -> (double) s.rssMb);
    row(md, "Hikari active connections", first, last, load, Sample::hikariActive);
    row(md, "Hikari idle connections", first, last, load, Sample::hikariIdle);
    row(md, "Hikari threads waiting (pending)", first, last, load, Sample::hikariPending);
    row(md, "Hikari connections (total)", first, last, load, Sample::hikariTotal);
    row(md, "live threads", first, last, load, Sample::threads);
    row(md, "application CPU (% of one core)", first, last, load, Sample::cpuPct);
    row(md, "outbox waiting", first, last, load, s -> (double) s.outboxPending);
    row(md, "jobs", first, last, load, s -> (double) s.jobs);
    row(md, "jobs due, not yet run", first, last, load, s -> (double) s.dueJobs);
    row(md, "open tasks", first, last, load, s -> (double) s.openTasks);
    row(md, "open cases", first, last, load, s -> (double) s.openCases);
    md.append("\nLatency per request (ms):\n\n| request | n | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Long>> e : new TreeMap<>(latencies).entrySet()) {
      List<Long> l;
      synchronized (e.getValue()) {
        l = new ArrayList<>(e.getValue());
      }
      Collections.sort(l);
      md.append(String.format("| %s | %,d | %d | %d | %d | %d |%n", e.getKey(), l.size(), pct(l, 50), pct(l, 95),
          pct(l, 99), l.isEmpty() ? 0 : l.get(l.size() - 1)));
    }
    md.append("\nAnswers: ").append(new TreeMap<>(statuses).entrySet().stream()
        .map(e -> "`" + e.getKey() + "` " + e.getValue().sum()).reduce((a, b) -> a + ", " + b).orElse(""))
        .append(".\n");
    if (!logKinds.isEmpty()) {
      md.append("\nApplication log, ERROR and WARN lines by message (ids and numbers as `<id>`, `N`):\n\n")
          .append("| lines | message |\n|---|---|\n");
      logKinds.forEach((k, v) -> md.append("| ").append(v).append(" | `").append(k.replace("`", "'")
          .replace("|", "/")).append("` |\n"));
    }
    if (!lost.isEmpty() || !lostCompletions.isEmpty() || !errorSamples.isEmpty() || !errorLines.isEmpty()) {
      md.append("\nFirst problems seen:\n\n");
      lost.stream().limit(10).forEach(l -> md.append("- lost: ").append(l).append('\n'));
      lostCompletions.stream().limit(10).forEach(l -> md.append("- completion lost: task ").append(l).append('\n'));
      errorSamples.stream().limit(10).forEach(l -> md.append("- ").append(abbreviate(l)).append('\n'));
      errorLines.forEach(l -> md.append("- log: `").append(abbreviate(l).replace("`", "'")).append("`\n"));
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String what, List<Sample> first, List<Sample> last, List<Sample> all,
      java.util.function.ToDoubleFunction<Sample> f) {
    md.append(String.format("| %s | %s | %s | %s | %s |%n", what, num(avg(first, f)), num(avg(last, f)),
        num(slope(all, f) * 600), num(all.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).max()
            .orElse(Double.NaN))));
  }

  static double avg(List<Sample> l, java.util.function.ToDoubleFunction<Sample> f) {
    return l.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
  }

  /** Least-squares slope per second. */
  static double slope(List<Sample> l, java.util.function.ToDoubleFunction<Sample> f) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Sample s : l) {
      double y = f.applyAsDouble(s);
      if (Double.isNaN(y)) {
        continue;
      }
      n++;
      sx += s.t;
      sy += y;
      sxx += s.t * s.t;
      sxy += s.t * y;
    }
    double d = n * sxx - sx * sx;
    return n < 2 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
  }

  static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static String fmtMinutes(double m) {
    return Math.abs(m - Math.round(m)) < 0.05 ? String.valueOf(Math.round(m)) : String.format("%.1f", m);
  }

  static String abbreviate(String s) {
    String one = s == null ? "" : s.replace('\n', ' ');
    return one.length() > 300 ? one.substring(0, 300) + "..." : one;
  }

  private void writeSamplesCsv(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("t_s,heap_mb,heap_after_gc_mb,hikari_active,hikari_idle,hikari_pending,"
        + "hikari_total,rss_mb,cpu_pct,threads,requests,errors,intakes,completions,outbox_waiting,outbox_sent,"
        + "outbox_failed,jobs,due_jobs,failed_jobs,incidents,open_tasks,open_cases,mails_received\n");
    for (Sample s : samples) {
      csv.append(String.format("%.0f,%.1f,%s,%s,%s,%s,%s,%d,%.1f,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n",
          s.t, s.heapMb, num(s.heapAfterGcMb), num(s.hikariActive), num(s.hikariIdle), num(s.hikariPending),
          num(s.hikariTotal), s.rssMb, s.cpuPct, num(s.threads), s.requests, s.errors, s.intakes, s.completions,
          s.outboxPending, s.outboxSent, s.outboxFailed, s.jobs, s.dueJobs, s.failedJobs, s.incidents, s.openTasks,
          s.openCases, s.mails));
    }
    Files.writeString(file, csv.toString());
  }

  /** Replaces the "## Soak" section of BENCHMARKS.md (or adds it before the notes). */
  static void updateBenchmarks(String section) throws IOException {
    Path file = Path.of("BENCHMARKS.md");
    String md = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    Files.writeString(file, withSoakSection(md, section));
  }

  static String withSoakSection(String md, String section) {
    String body = section.endsWith("\n") ? section : section + "\n";
    int start = md.indexOf("\n## Soak");
    if (start >= 0) {
      int end = md.indexOf("\n## ", start + 1);
      return md.substring(0, start + 1) + body + (end < 0 ? "" : "\n" + md.substring(end + 1));
    }
    int notes = md.indexOf("\n## Notes");
    if (notes >= 0) {
      return md.substring(0, notes + 1) + body + "\n" + md.substring(notes + 1);
    }
    return md + (md.endsWith("\n") ? "\n" : "\n\n") + body;
  }

  /** The "## Soak" section of BENCHMARKS.md, or empty (the benchmark suite keeps it when it rewrites the file). */
  static String soakSection(String md) {
    int start = md.indexOf("\n## Soak");
    if (start < 0) {
      return "";
    }
    int end = md.indexOf("\n## ", start + 1);
    return md.substring(start + 1, end < 0 ? md.length() : end + 1);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[soak] " + format + "%n", args);
  }
}
