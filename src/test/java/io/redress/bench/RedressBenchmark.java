package io.redress.bench;

import static io.redress.bench.Client.JSON;

import io.redress.postgres.TestPostgres;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite: intake against plain Camunda's start, Tasklist load, deadlines, memory and
 * start-up, and growth with history, on H2 and PostgreSQL. Not part of {@code mvn verify}: run with
 * {@code mvn -B -ntp -Pbench verify} (see docs/benchmarks.md). It prints {@code [bench]} lines and writes
 * {@code BENCHMARKS.md}; it asserts nothing about speed (it fails only when the application misbehaves).
 */
class RedressBenchmark {

  // ---- settings (system properties) ----
  static final List<String> DBS = list("bench.db", "h2,postgres");
  static final List<Integer> CLIENTS = ints("bench.clients", "1,8,32");
  static final int REQUESTS = Integer.getInteger("bench.requests", 100);
  /** Requests of each kind before the intake is measured, on each side (JIT, pools, caches). */
  static final int WARMUP = Integer.getInteger("bench.warmup", 40);
  static final String OPEN_DEFAULT = "10000";
  static final String CLOSED_DEFAULT = "10000";
  static final String DEADLINES_DEFAULT = "2000";
  static final int QUERIES = Integer.getInteger("bench.queries", 40);
  static final int CLAIMS = Integer.getInteger("bench.claims", 160);
  /**
   * Tasks claimed and completed (8 clients) before the measured ones: the first claims and completions since the node
   * started run cold (JIT, caches), and their p99 was that start, not the steady state.
   */
  static final int CLAIM_WARMUP = Integer.getInteger("bench.claimWarmup", 40);
  /**
   * The application's JVM options: {@code bench.jvm} when given, else the pom's {@code redress.jvm}, which the bench
   * profile passes (the README's run command and docs/operations.md's *Production start* use the same).
   */
  static final String JVM = jvmOptions(System.getProperty("bench.jvm"), System.getProperty("redress.jvm"));

  static String jvmOptions(String given, String pom) {
    if (given != null) {
      return given;
    }
    if (pom == null || pom.isBlank()) {
      throw new IllegalStateException("no JVM options: run with -Pbench (the pom's redress.jvm) or -Dbench.jvm=...");
    }
    return pom;
  }
  static final String ITERATIONS = System.getProperty("bench.passwordIterations", "");
  static final String NOTE = System.getProperty("bench.note", "");
  /**
   * PostgreSQL: a database by this name that outlives the run (created when missing), so that a later run with the
   * same sizes reuses its seeded cases instead of seeding them again (seeding 100,000 open cases takes a quarter of
   * an hour); it also stays for {@code EXPLAIN ANALYZE} in psql. Blank: a fresh database, dropped at the end.
   */
  static final String KEEP_DATABASE = System.getProperty("bench.keepDatabase", "");

  static final String BASELINE_KEY = "bench-baseline";
  /** Whether to start the separate plain Camunda application (issue 20) and measure the intake against it first. */
  static final boolean PLAIN = Boolean.parseBoolean(System.getProperty("bench.plain", "true"));
  /**
   * The Redress node's H2 URL options, those of application.yaml (WRITE_DELAY=500 with the node's group commit: each
   * commit on disk before it returns, written together with the commits beside it; QUERY_CACHE_SIZE=64: 64 parsed
   * statements kept per connection; RETENTION_TIME=5000: emptied file space reused after 5 s) but
   * DB_CLOSE_ON_EXIT=FALSE, which H2 refuses beside AUTO_SERVER (the benchmark's seeding connection).
   */
  static final String H2_OPTIONS =
      System.getProperty("bench.h2.options", ";WRITE_DELAY=500;QUERY_CACHE_SIZE=64;RETENTION_TIME=5000") + ";AUTO_SERVER=TRUE";
  /**
   * The plain Camunda application's: each commit on disk before it returns as well, which for plain H2 is
   * WRITE_DELAY=0 (H2 writes each commit itself); the other options as the node's.
   */
  static final String PLAIN_H2_OPTIONS =
      System.getProperty("bench.plain.h2.options", ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64;RETENTION_TIME=5000")
      + ";AUTO_SERVER=TRUE";

  final StringBuilder md = new StringBuilder();
  final List<String[]> targets = new ArrayList<>();

  /** The machine's speed at moments of the run ({@link #cpuMarker}): before it and after each database. */
  final Map<String, Long> markers = new LinkedHashMap<>();

  /**
   * A fixed piece of work on one core, timed: PBKDF2 (HMAC-SHA256, 100,000 rounds) in this JVM, the fastest of 36
   * after 4 to warm up, in ms. The fastest, because the JIT compiles this loop more than once and the times of one
   * JVM jump between two levels (26 to 30 and 41 to 50 ms on the same machine in the same minute). Runs on the same
   * machine scatter by hours (a shared host), and figures without a ratio (deadlines, task queries, CPU per
   * escalation) move with it; the marker says how fast the machine was then.
   */
  static long cpuMarker() throws Exception {
    javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec("marker".toCharArray(), new byte[16],
        100_000, 256);
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < 40; i++) {
      long t0 = System.nanoTime();
      f.generateSecret(spec).getEncoded();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (i >= 4) {
        fastest = Math.min(fastest, ms);
      }
    }
    return fastest;
  }

  @Test
  void run() throws Exception {
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    Instant started = Instant.now();
    markers.put("before", cpuMarker());
    for (String db : DBS) {
      runOn(db.trim());
      markers.put("after " + db.trim(), cpuMarker());
      // written after each database, so that an interrupted run keeps what it measured
      writeReport(started, loadBefore, Files.readString(Path.of("/proc/loadavg")).trim());
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    writeReport(started, loadBefore, loadAfter);
  }

  // =====================================================================================================

  /** {@code bench.<db>.<name>} where set, else {@code bench.<name>}, else the default. */
  static String sized(String db, String name, String def) {
    return System.getProperty("bench." + db + "." + name, System.getProperty("bench." + name, def));
  }

  final Map<String, String> sizes = new LinkedHashMap<>();

  private void runOn(String db) throws Exception {
    // 0 leaves the section out: open 0 = no Tasklist, deadlines and growth figures; closed 0 = no growth
    List<Integer> OPEN = ints(sized(db, "open", OPEN_DEFAULT)).stream().filter(n -> n > 0).toList();
    List<Integer> CLOSED = ints(sized(db, "closed", CLOSED_DEFAULT)).stream().filter(n -> n > 0).toList();
    int DEADLINES = Integer.parseInt(sized(db, "deadlines", DEADLINES_DEFAULT).trim());
    sizes.put(db, "open " + OPEN + ", closed " + CLOSED + ", deadlines " + DEADLINES);
    String url;
    String user;
    String password;
    List<String> profiles;
    if (db.equals("h2")) {
      Path dir = Path.of("target", "bench", "h2-" + System.currentTimeMillis()).toAbsolutePath();
      Files.createDirectories(dir);
      url = "jdbc:h2:file:" + dir + "/redress" + H2_OPTIONS;
      user = "sa";
      password = "";
      profiles = List.of("demo");
    } else if (db.equals("postgres")) {
      url = KEEP_DATABASE.isBlank() ? TestPostgres.newDatabase() : keptDatabase(KEEP_DATABASE);
      user = TestPostgres.server().user();
      password = TestPostgres.server().password();
      profiles = List.of("postgres", "demo");
    } else {
      throw new IllegalArgumentException("bench.db: h2 or postgres, not " + db);
    }
    Map<String, String> props = new LinkedHashMap<>();
    // due jobs are looked for every second (Camunda's idle back-off would otherwise add up to a minute)
    props.put("camunda.bpm.job-execution.wait-time-in-millis", "1000");
    props.put("camunda.bpm.job-execution.max-wait", "1000");
    // -Dbench.app.<property>=<value>: an application property of the measured node(s), e.g. the job executor's
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.app.")).sorted()
        .forEach(k -> props.put(k.substring("bench.app.".length()), System.getProperty(k)));
    if (!ITERATIONS.isBlank()) {
      props.put("redress.security.password-iterations", ITERATIONS);
    }
    List<String> jvm = JVM.isBlank() ? List.of() : Arrays.asList(JVM.trim().split("\\s+"));
    Long plainJarUpMs = null;
    if (!BenchNode.DEPLOYMENT.equals("jar")) {
      // for comparison: the same first start (empty database) as plain `java -jar`
      Path plainDir = Path.of("target", "bench", db + "-plain-" + System.currentTimeMillis()).toAbsolutePath();
      String plainUrl = db.equals("h2") ? "jdbc:h2:file:" + plainDir + "/redress" : TestPostgres.newDatabase();
      BenchNode plain = BenchNode.start("bench-" + db + "-plain-jar", "jar", jvm, profiles, plainUrl, user, password,
          props);
      try {
        plainJarUpMs = plain.awaitUp();
        log("%s: java -jar up in %d ms", db, plainJarUpMs);
      } finally {
        plain.stop();
      }
      BenchNode.extracted(jvm);
    }
    log("%s: starting the application (%s, %s)", db, BenchNode.DEPLOYMENT, String.join(" ", jvm));
    BenchNode node = BenchNode.start("bench-" + db, jvm, profiles, url, user, password, props);
    Sampler sampler = null;
    try {
      long upMs = node.awaitUp();
      Double spring = node.springStartedSeconds();
      log("%s: up in %d ms (Spring: %s s)", db, upMs, spring);
      Thread.sleep(5000);
      long[] idleRss = node.rssMb();
      long[] idleHeap = node.heapMb();
      section(db, "Start-up and memory");
      table("what", "figure");
      row("start-up: process start to /actuator/health UP (empty database: schema, deployment, users)",
          upMs + " ms");
      row("start-up: Spring's \"Started ... in\"", spring + " s");
      if (plainJarUpMs != null) {
        row("start-up as plain `java -jar` (packaged jar, no CDS archive), same options, empty database",
            plainJarUpMs + " ms");
      }
      row("idle, 5 s after start: RSS", idleRss[0] + " MB");
      row("idle: heap used / committed", idleHeap[0] + " / " + idleHeap[1] + " MB");
      target(db, "start-up under 15 s", upMs / 1000.0 + " s", upMs < 15_000);

      Connection jdbc = db.equals("h2") ? DriverManager.getConnection(url, user, password)
          : TestPostgres.connect(url);
      Seeder seeder = new Seeder(jdbc);
      Client fionaBasic = Client.basic(node, "fiona");
      Client fionaSession = Client.session(node, "fiona");
      deployBaseline(node);
      // the plain Camunda application outside the node (issue 20): its own JVM and database, same options
      PlainNode plain = PLAIN ? startPlain(db, jvm, user, password, props) : null;
      Client plainBasic = PLAIN ? Client.basic(plain.node, PlainNode.USER) : null;
      if (PLAIN) {
        load(8, WARMUP, i -> baseline(plainBasic, i));
      }

      // warm-up: JIT, pools, caches
      load(8, WARMUP, i -> intake(fionaBasic, "warm-up " + i));
      load(8, WARMUP, i -> baseline(fionaBasic, i));
      load(8, WARMUP, i -> intake(fionaSession, "warm-up s " + i));
      load(8, WARMUP, i -> baseline(fionaSession, i));

      sampler = new Sampler(node);
      sampler.start();
      if (PLAIN) {
        try {
          intakeAgainstPlainOutside(db, plain, fionaBasic, plainBasic);
        } finally {
          plain.stop();
        }
      }
      section(db, "Intake: POST /api/complaints against plain Camunda's start, same node, same database");
      md.append("Each line: the two alternated A B B A in halves (").append(REQUESTS)
          .append(" requests each; half as many at 1 client). *Basic* = HTTP Basic on every request (what API ")
          .append("clients do: each request checks the password, PBKDF2); *session* = the Camunda webapps' session ")
          .append("(what Tasklist does; the complaint API accepts it too). Plain Camunda: `POST ")
          .append("/engine-rest/process-definition/key/" + BASELINE_KEY + "/start` (Basic) or the webapps' engine ")
          .append("API (session), a one-user-task process with a due date and a timer boundary event, 3 ")
          .append("variables.\n\n");
      table("clients", "auth", "Redress complaints/s", "p50", "p95", "p99", "plain Camunda starts/s", "p50",
          "p95", "p99", "ratio", "errors (Redress / plain)");
      Map<String, Stats[]> intakeFigures = new LinkedHashMap<>();
      for (int clients : CLIENTS) {
        int n = clients == 1 ? Math.max(10, REQUESTS / 2) : REQUESTS;
        for (Client c : List.of(fionaBasic, fionaSession)) {
          Stats[] ab = alternate(clients, n, i -> intake(c, "bench " + clients + " " + i), i -> baseline(c, i));
          String auth = c.session ? "session" : "Basic";
          intakeFigures.put(clients + auth, ab);
          double ratio = ab[0].perSecond / ab[1].perSecond;
          row(clients, auth, f1(ab[0].perSecond), ms(ab[0].p50), ms(ab[0].p95), ms(ab[0].p99),
              f1(ab[1].perSecond), ms(ab[1].p50), ms(ab[1].p95), ms(ab[1].p99), String.format("%.2f", ratio),
              ab[0].errors + " / " + ab[1].errors);
          log("%s intake %d clients %s: %s | plain Camunda %s | ratio %.2f", db, clients, auth, ab[0], ab[1], ratio);
        }
      }
      for (String auth : List.of("Basic", "session")) {
        for (int clients : CLIENTS) {
          Stats[] ab = intakeFigures.get(clients + auth);
          double ratio = ab[0].perSecond / ab[1].perSecond;
          target(db, "intake ≥ plain Camunda's start, " + clients + " clients, " + auth,
              String.format("ratio %.2f", ratio), ratio >= 1.0);
        }
      }
      if (db.equals("h2") && intakeFigures.containsKey("8Basic")) {
        target(db, "intake p99 < 100 ms at 8 clients (Basic)", ms(intakeFigures.get("8Basic")[0].p99),
            intakeFigures.get("8Basic")[0].p99 < 100);
        target(db, "intake p99 < 100 ms at 8 clients (session)", ms(intakeFigures.get("8session")[0].p99),
            intakeFigures.get("8session")[0].p99 < 100);
      }
      if (db.equals("postgres")) {
        writesPerRequest(seeder, url, fionaBasic);
      }
      if (db.equals("h2")) {
        h2FileSize(url, jdbc);
      }
      long[] loadRss = sampler.maxRss();
      long[] loadHeap = sampler.maxHeap();
      sampler.active.set(false);

      // ---- Tasklist load with open cases; deadlines on the first level; growth with closed cases ----
      boolean first = true;
      List<String[]> growth = new ArrayList<>();
      for (int open : OPEN) {
        seedOpen(db, seeder, open);
        section(db, "Tasklist with " + String.format("%,d", open) + " open cases");
        TaskFigures tf = taskFigures(node, seeder, fionaSession);
        tf.print();
        if (db.equals("h2")) {
          target(db, "claim p99 < 100 ms at 8 clients, " + String.format("%,d", open) + " open",
              ms(tf.claim.p99), tf.claim.p99 < 100);
          target(db, "complete p99 < 100 ms at 8 clients, " + String.format("%,d", open) + " open",
              ms(tf.complete.p99), tf.complete.p99 < 100);
        }
        if (open >= 100_000) {
          target(db, "group task query p95 < 50 ms at " + String.format("%,d", open) + " open",
              ms(tf.filterList.p95) + " (Tasklist filter list), " + ms(tf.groupQuery.p95) + " (plain query)",
              tf.filterList.p95 < 50 && tf.groupQuery.p95 < 50);
        } else {
          target(db, "(at 100,000 open) group task query p95 < 50 ms — measured at " + String.format("%,d", open),
              ms(tf.filterList.p95) + " / " + ms(tf.groupQuery.p95), tf.filterList.p95 < 50 && tf.groupQuery.p95 < 50);
        }
        if (first) {
          first = false;
          // more nodes on the same database for the deadlines only (-Dbench.nodes=2): they share the due jobs
          List<BenchNode> more = new ArrayList<>();
          try {
            for (int i = 2; i <= NODES && db.equals("postgres"); i++) {
              more.add(BenchNode.start("bench-" + db + "-node" + i, jvm, profiles, url, user, password, props));
            }
            for (BenchNode m : more) {
              log("%s: node %s up in %d ms", db, m.name, m.awaitUp());
            }
            sampler.active.set(true);
            List<BenchNode> all = new ArrayList<>(List.of(node));
            all.addAll(more);
            deadlines(db, seeder, DEADLINES, all);
            sampler.active.set(false);
          } finally {
            for (BenchNode m : more) {
              m.stop();
            }
          }
          loadRss = max(loadRss, sampler.maxRss());
          loadHeap = max(loadHeap, sampler.maxHeap());
          growth.add(growthRow("0 (only the open cases)", seeder, intakeFigures.get("8Basic"),
              intakeFigures.get("8session"), tf));
          for (int closed : CLOSED) {
            seedClosed(db, seeder, fionaBasic, closed);
            Stats[] basic = alternate(8, REQUESTS, i -> intake(fionaBasic, "growth " + i),
                i -> baseline(fionaBasic, i));
            Stats[] session = alternate(8, REQUESTS, i -> intake(fionaSession, "growth s " + i),
                i -> baseline(fionaSession, i));
            TaskFigures g = taskFigures(node, seeder, fionaSession);
            growth.add(growthRow(String.format("%,d", closed), seeder, basic, session, g));
          }
          section(db, "Growth: the same figures with closed cases in the tables (8 clients; "
              + String.format("%,d", open) + " open)");
          table("closed cases", "history rows (act_hi_*)", "intake/s Basic", "ratio to plain Camunda",
              "intake p99 session", "filter list p95", "group query p95", "claim p95", "complete p95");
          for (String[] r : growth) {
            row((Object[]) r);
          }
        }
      }
      long[] rssEnd = node.rssMb();
      loadRss = max(loadRss, sampler.maxRss());
      loadHeap = max(loadHeap, sampler.maxHeap());
      section(db, "Memory under load");
      table("what", "figure");
      row("RSS, highest sampled during intake (up to 32 clients) and deadlines", loadRss[0] + " MB");
      row("RSS high-water mark of the process (VmHWM, whole run, including the bulk seeding"
          + (db.equals("h2") ? ", which H2 does inside the application" : "") + ")", rssEnd[1] + " MB");
      row("heap used, highest sampled under load (jcmd GC.heap_info) / committed", loadHeap[0] + " / "
          + loadHeap[1] + " MB");
      row("JVM options", "`" + String.join(" ", jvm) + "`");
      target(db, "RSS under 768 MB under load", loadRss[0] + " MB (process high-water " + rssEnd[1] + " MB)",
          loadRss[0] < 768);
      jdbc.close();
    } finally {
      if (sampler != null) {
        sampler.stop();
      }
      node.stop();
    }
  }

  // ---- intake and plain Camunda ----

  static final String BASELINE_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="BenchBaselineDefinitions"
          targetNamespace="http://redress.io/bench">
        <bpmn:process id="bench-baseline" name="Bench baseline" isExecutable="true" camunda:historyTimeToLive="180">
          <bpmn:startEvent id="BaselineStart"/>
          <bpmn:sequenceFlow id="FlowToTask" sourceRef="BaselineStart" targetRef="baselineTask"/>
          <bpmn:userTask id="baselineTask" name="Baseline task" camunda:candidateGroups="analysts"
              camunda:formRef="classify-complaint" camunda:formRefBinding="latest" camunda:dueDate="P2D"/>
          <bpmn:sequenceFlow id="FlowToEnd" sourceRef="baselineTask" targetRef="BaselineEnd"/>
          <bpmn:endEvent id="BaselineEnd"/>
          <bpmn:boundaryEvent id="BaselineDeadline" cancelActivity="false" attachedToRef="baselineTask">
            <bpmn:timerEventDefinition id="BaselineDeadlineTimer">
              <bpmn:timeDuration>P2D</bpmn:timeDuration>
            </bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:sequenceFlow id="FlowToOverdue" sourceRef="BaselineDeadline" targetRef="BaselineOverdue"/>
          <bpmn:endEvent id="BaselineOverdue"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private void deployBaseline(BenchNode node) throws Exception {
    HttpResponse<String> r = Client.basic(node, "ana").multipart("/engine-rest/deployment/create",
        "bench-baseline.bpmn", BASELINE_BPMN);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("baseline deployment: " + r.statusCode() + " " + r.body());
    }
    // fiona starts it, as she takes complaints in: the same user, the same authorization checks (a kept database,
    // -Dbench.keepDatabase, has the grant from its first run)
    Client admin = Client.basic(node, "admin");
    HttpResponse<String> granted = admin.expect(200, "GET", "/engine-rest/authorization/count?type=1&groupIdIn="
        + "frontline&resourceType=6&resourceId=" + BASELINE_KEY, null);
    if (JSON.readTree(granted.body()).get("count").asLong() == 0) {
      admin.expect(200, "POST", "/engine-rest/authorization/create", Map.of("type", 1,
          "permissions", List.of("READ", "CREATE_INSTANCE"), "groupId", "frontline", "resourceType", 6,
          "resourceId", BASELINE_KEY));
    }
  }

  /**
   * The plain Camunda application (issue 20, part 1) beside the node: same JVM options and database kind and URL
   * options, a fresh database of its own, the node's Camunda settings (job executor), none of Redress's.
   */
  private PlainNode startPlain(String db, List<String> jvm, String user, String password, Map<String, String> props)
      throws Exception {
    String url;
    if (db.equals("h2")) {
      Path dir = Path.of("target", "bench", "h2-plain-camunda-" + System.currentTimeMillis()).toAbsolutePath();
      Files.createDirectories(dir);
      url = "jdbc:h2:file:" + dir + "/plain" + PLAIN_H2_OPTIONS;
    } else {
      url = TestPostgres.newDatabase();
    }
    Map<String, String> camunda = new LinkedHashMap<>();
    props.forEach((k, v) -> {
      if (k.startsWith("camunda.")) {
        camunda.put(k, v);
      }
    });
    PlainNode plain = PlainNode.start("bench-" + db + "-plain-camunda", jvm, url, user, password, camunda);
    try {
      long up = plain.awaitUp();
      log("%s: plain Camunda application up in %d ms; %s", db, up, String.join(" | ", plain.describe()));
    } catch (Exception e) {
      plain.stop();
      throw e;
    }
    return plain;
  }

  /** Intake against the plain Camunda application's start, HTTP Basic, alternated A B B A: the first figures. */
  /** The H2 file's size after the intake sections, per complaint in it (H2FileHousekeeping, RETENTION_TIME). */
  private void h2FileSize(String url, Connection jdbc) throws Exception {
    Path file = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')) + ".mv.db");
    long complaints;
    try (java.sql.Statement s = jdbc.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM complaint")) {
      r.next();
      complaints = r.getLong(1);
    }
    long bytes = Files.size(file);
    md.append("\nThe H2 file after the intake: ").append(String.format("%,d MB for %,d complaints (%,d KB each)",
        bytes >> 20, complaints, bytes / 1024 / Math.max(1, complaints))).append(".\n\n");
    log("h2 file %,d MB for %,d complaints", bytes >> 20, complaints);
  }

  private void intakeAgainstPlainOutside(String db, PlainNode plain, Client fiona, Client demo) throws Exception {
    section(db, "Intake: POST /api/complaints against a separate plain Camunda application");
    md.append("A plain Camunda 7 Spring Boot application (`src/test/java/io/redress/bench/plain/PlainCamunda.java`: ")
        .append("the same Spring Boot, Camunda, JVM options and database kind and URL options, a fresh database of ")
        .append("its own; HTTP Basic on the engine REST API with Camunda's `ProcessEngineAuthenticationFilter`, ")
        .append("authorization on, history `full`, the user `demo` not an administrator) in its own JVM, started ")
        .append("from the build's dependency jars without Redress's classes, configuration, Spring Security, Flyway, ")
        .append("webapps or actuator. What it says of itself:\n\n");
    for (String line : plain.describe()) {
      md.append("- ").append(line).append('\n');
    }
    md.append("\nEach line: `POST /api/complaints` as `fiona` on the node against `POST /engine-rest/process-")
        .append("definition/key/" + BASELINE_KEY + "/start` as `demo` on the plain application, both HTTP Basic, ")
        .append("alternated A B B A in halves (").append(REQUESTS).append(" requests each; half as many at 1 client).\n\n");
    table("clients", "Redress complaints/s", "p50", "p95", "p99", "plain Camunda starts/s", "p50", "p95", "p99",
        "ratio", "errors (Redress / plain)");
    for (int clients : CLIENTS) {
      int n = clients == 1 ? Math.max(10, REQUESTS / 2) : REQUESTS;
      Stats[] ab = alternate(clients, n, i -> intake(fiona, "outside " + clients + " " + i), i -> baseline(demo, i));
      double ratio = ab[0].perSecond / ab[1].perSecond;
      row(clients, f1(ab[0].perSecond), ms(ab[0].p50), ms(ab[0].p95), ms(ab[0].p99), f1(ab[1].perSecond),
          ms(ab[1].p50), ms(ab[1].p95), ms(ab[1].p99), String.format("%.2f", ratio),
          ab[0].errors + " / " + ab[1].errors);
      log("%s intake %d clients Basic: %s | plain Camunda application %s | ratio %.2f", db, clients, ab[0], ab[1],
          ratio);
      target(db, "intake ≥ a separate plain Camunda application's start, " + clients + " clients, Basic",
          String.format("ratio %.2f", ratio), ratio >= 1.0);
      if (db.equals("h2") && clients == 8) {
        target(db, "intake p99 < 100 ms at 8 clients (Basic, beside the plain application)", ms(ab[0].p99),
            ab[0].p99 < 100);
      }
    }
  }

  private static Object intake(Client c, String description) throws Exception {
    return c.expect(201, "POST", "/api/complaints", Map.of("customer", Map.of("name", "Li Wei"), "channel", "web",
        "description", description, "amountClaimed", 20));
  }

  private static Object baseline(Client c, int i) throws Exception {
    return c.expect(200, "POST", c.engine("/process-definition/key/" + BASELINE_KEY + "/start"), Map.of(
        "businessKey", "B-" + System.nanoTime(), "variables", Map.of(
            "customerName", Map.of("value", "Li Wei", "type", "String"),
            "channel", Map.of("value", "web", "type", "String"),
            "description", Map.of("value", "bench " + i, "type", "String"))));
  }

  /** A and B alternated A B B A in halves; figures per side. */
  private static Stats[] alternate(int clients, int n, Op a, Op b) throws Exception {
    int half = Math.max(1, n / 2);
    Stats a1 = load(clients, half, a);
    Stats b1 = load(clients, half, b);
    Stats b2 = load(clients, half, b);
    Stats a2 = load(clients, half, a);
    return new Stats[] {a1.plus(a2), b1.plus(b2)};
  }

  interface Op {
    Object call(int i) throws Exception;
  }

  /** {@code total} calls from {@code clients} concurrent clients; latency of each, throughput of all. */
  static Stats load(int clients, int total, Op op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    List<Long> nanos = new CopyOnWriteArrayList<>();
    AtomicInteger errors = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    long t0 = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < clients; w++) {
      workers.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < total) {
          long t = System.nanoTime();
          try {
            op.call(i);
            nanos.add(System.nanoTime() - t);
          } catch (IllegalStateException failed) {
            // an error answer (e.g. 500 when no database connection came within the pool's timeout): counted
            errors.incrementAndGet();
            firstError.compareAndSet(null, failed.getMessage());
          }
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Stats st = new Stats(new ArrayList<>(nanos), System.nanoTime() - t0);
    st.errors = errors.get();
    if (st.errors > 0) {
      log("%d of %d requests failed, the first: %s", st.errors, total, firstError.get());
    }
    return st;
  }

  /**
   * What one request costs the database (PostgreSQL's statistics of the database): transactions, rows written and
   * rows read per intake and per plain start, 40 of each, one client.
   */
  private void writesPerRequest(Seeder seeder, String url, Client fiona) throws Exception {
    String dbName = url.substring(url.lastIndexOf('/') + 1);
    String sql = "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched + tup_returned "
        + "FROM pg_stat_database WHERE datname = '" + dbName + "'";
    int n = 40;
    long[][] per = new long[2][];
    for (int side = 0; side < 2; side++) {
      Thread.sleep(11_000); // an idle backend reports its statistics within 10 s (PostgreSQL 15)
      long[] before = stats(seeder, sql);
      int s = side;
      load(1, n, i -> s == 0 ? intake(fiona, "rows " + i) : baseline(fiona, i));
      Thread.sleep(11_000);
      long[] after = stats(seeder, sql);
      per[side] = new long[before.length];
      for (int i = 0; i < before.length; i++) {
        per[side][i] = Math.round((after[i] - before[i]) / (double) n);
      }
    }
    md.append("\nWhat one request costs PostgreSQL (`pg_stat_database`, ").append(n)
        .append(" sequential requests of each; all activity of the database in that time, the job executor's ")
        .append("polling included):\n\n");
    table("per request", "transactions", "rows inserted", "rows updated", "rows deleted", "rows read");
    row("Redress intake", per[0][0], per[0][1], per[0][2], per[0][3], per[0][4]);
    row("plain Camunda start", per[1][0], per[1][1], per[1][2], per[1][3], per[1][4]);
    log("postgres per request: intake %s | plain %s", Arrays.toString(per[0]), Arrays.toString(per[1]));
  }

  private static long[] stats(Seeder seeder, String sql) throws Exception {
    Map<String, Object> r = seeder.query(sql).get(0);
    return r.values().stream().mapToLong(v -> ((Number) v).longValue()).toArray();
  }

  // ---- seeding ----

  private static String keptDatabase(String name) throws Exception {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bench.keepDatabase: lower-case letters, digits and _, not " + name);
    }
    TestPostgres.Server s = TestPostgres.server();
    try (Connection c = TestPostgres.connect(s.jdbcUrl(s.database()));
        var st = c.createStatement()) {
      var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
      if (!rs.next()) {
        st.execute("CREATE DATABASE " + name);
      }
    }
    log("postgres: the database %s is kept after the run (bench.keepDatabase)", name);
    return s.jdbcUrl(name);
  }

  private void seedOpen(String db, Seeder seeder, int open) throws Exception {
    long have = seeder.count("SELECT COUNT(*) FROM complaint WHERE status = 'open'");
    int add = (int) Math.max(0, open - have);
    List<Map<String, Object>> t = seeder.query("SELECT complaint_number, process_instance_id FROM complaint "
        + "WHERE stage = 'classifyComplaint' AND complaint_number LIKE 'CMP-2%' ORDER BY received_at");
    String number = (String) t.get(0).get("complaint_number");
    String pi = (String) t.get(0).get("process_instance_id");
    long t0 = System.nanoTime();
    seeder.copy(pi, number, add, 2000);
    // copies' deadlines out of the way (the deadlines benchmark makes its own due); real ones stay
    try (PreparedStatement ps = seederConnection(seeder).prepareStatement(
        "UPDATE act_ru_job SET duedate_ = ? WHERE type_ = 'timer' AND duedate_ < ?")) {
      Timestamp far = Timestamp.from(Instant.now().plus(Duration.ofDays(400)));
      ps.setTimestamp(1, far);
      ps.setTimestamp(2, far);
      ps.executeUpdate();
    }
    analyze(db, seeder);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    log("%s: seeded %d open cases (copies of %s) in %d ms", db, add, number, ms);
    seedNotes.add(String.format("%s: %,d open cases added as copies of %s in %.1f s (%,d rows in act_ru_*)", db, add,
        number, ms / 1000.0, seeder.count("SELECT (SELECT COUNT(*) FROM act_ru_execution) + (SELECT COUNT(*) FROM "
            + "act_ru_task) + (SELECT COUNT(*) FROM act_ru_variable) + (SELECT COUNT(*) FROM act_ru_job) + "
            + "(SELECT COUNT(*) FROM act_ru_identitylink)")));
  }

  final List<String> seedNotes = new ArrayList<>();

  private void seedClosed(String db, Seeder seeder, Client fiona, int closed) throws Exception {
    long have = seeder.count("SELECT COUNT(*) FROM complaint WHERE status <> 'open'");
    int add = (int) Math.max(0, closed - have);
    if (add == 0) {
      return;
    }
    List<Map<String, Object>> t = seeder.query("SELECT complaint_number, process_instance_id FROM complaint "
        + "WHERE status <> 'open' AND complaint_number LIKE 'CMP-2%'");
    String number;
    String pi;
    if (t.isEmpty()) {
      // a real closed case: one taken in and withdrawn by the customer, through the API
      HttpResponse<String> r = (HttpResponse<String>) intake(fiona, "to be withdrawn");
      number = JSON.readTree(r.body()).get("id").asText();
      HttpResponse<String> w = fiona.send("POST", "/api/complaints/" + number + "/withdrawal",
          Map.of("reason", "Settled with the shop"));
      if (w.statusCode() >= 300) {
        throw new IllegalStateException("withdrawal: " + w.statusCode() + " " + w.body());
      }
      pi = (String) seeder.query("SELECT process_instance_id FROM complaint WHERE complaint_number = '" + number
          + "'").get(0).get("process_instance_id");
    } else {
      number = (String) t.get(0).get("complaint_number");
      pi = (String) t.get(0).get("process_instance_id");
    }
    long t0 = System.nanoTime();
    seeder.copy(pi, number, add, 2000);
    analyze(db, seeder);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    log("%s: seeded %d closed cases (copies of %s) in %d ms", db, add, number, ms);
    seedNotes.add(String.format("%s: %,d closed cases added as copies of the withdrawn case %s in %.1f s", db, add,
        number, ms / 1000.0));
  }

  private static void analyze(String db, Seeder seeder) throws Exception {
    if (db.equals("postgres")) {
      seeder.update("ANALYZE");
    }
  }

  private static Connection seederConnection(Seeder s) {
    return s.connection();
  }

  // ---- Tasklist ----

  final class TaskFigures {
    Stats filterList;
    Stats filterCount;
    Stats groupQuery;
    Stats claim;
    Stats complete;
    long open;

    void print() {
      md.append("Queries as `fiona` (frontline) with the Tasklist session, one client, ").append(QUERIES)
          .append(" each after 3 to warm up; claim and complete of real classification tasks by 8 clients (")
          .append(CLAIMS).append(" tasks, after ").append(CLAIM_WARMUP)
          .append(" more to warm up). The frontline group holds ").append(String.format("%,d", open))
          .append(" open tasks.\n\n");
      table("operation", "n", "p50", "p95", "p99");
      row("Tasklist filter *My group's tasks*: first page (15, newest first)", filterList.count, ms(filterList.p50),
          ms(filterList.p95), ms(filterList.p99));
      row("Tasklist filter *My group's tasks*: count", filterCount.count, ms(filterCount.p50), ms(filterCount.p95),
          ms(filterCount.p99));
      row("task query `candidateGroup=frontline`, first page (15, newest first)", groupQuery.count,
          ms(groupQuery.p50), ms(groupQuery.p95), ms(groupQuery.p99));
      row("claim (8 clients)", claim.count, ms(claim.p50), ms(claim.p95), ms(claim.p99));
      row("complete *Classify complaint* (8 clients)", complete.count, ms(complete.p50), ms(complete.p95),
          ms(complete.p99));
    }
  }

  private TaskFigures taskFigures(BenchNode node, Seeder seeder, Client fiona) throws Exception {
    TaskFigures tf = new TaskFigures();
    tf.open = seeder.count("SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_identitylink l ON l.task_id_ = t.id_ "
        + "WHERE l.group_id_ = 'frontline' AND t.assignee_ IS NULL");
    HttpResponse<String> filters = fiona.expect(200, "GET", fiona.engine("/filter?resourceType=Task&name="
        + URLEncoder.encode("My group's tasks", StandardCharsets.UTF_8)), null);
    String filter = JSON.readTree(filters.body()).get(0).get("id").asText();
    String sorting = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    Op list = i -> fiona.expect(200, "POST", fiona.engine("/filter/" + filter + "/list?firstResult=0&maxResults=15"),
        sorting);
    Op count = i -> fiona.expect(200, "GET", fiona.engine("/filter/" + filter + "/count"), null);
    Op group = i -> fiona.expect(200, "GET", fiona.engine("/task?candidateGroup=frontline&firstResult=0"
        + "&maxResults=15&sortBy=created&sortOrder=desc"), null);
    load(1, 3, list);
    tf.filterList = load(1, QUERIES, list);
    load(1, 3, count);
    tf.filterCount = load(1, QUERIES, count);
    load(1, 3, group);
    tf.groupQuery = load(1, QUERIES, group);

    List<Map<String, Object>> tasks = seeder.query("SELECT t.id_ FROM act_ru_task t JOIN complaint c ON "
        + "c.process_instance_id = t.proc_inst_id_ WHERE t.task_def_key_ = 'classifyComplaint' AND t.assignee_ IS "
        + "NULL AND c.complaint_number LIKE 'CMP-2%' ORDER BY t.create_time_ DESC");
    if (tasks.size() < CLAIM_WARMUP + CLAIMS) {
      throw new IllegalStateException("only " + tasks.size() + " real classification tasks for claim/complete");
    }
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    tasks.subList(0, CLAIM_WARMUP + CLAIMS).forEach(r -> queue.add((String) r.get("id_")));
    List<Long> claims = new CopyOnWriteArrayList<>();
    List<Long> completes = new CopyOnWriteArrayList<>();
    Map<String, Object> vars = Map.of("variables", Map.of(
        "category", Map.of("value", "delivery"), "nature", Map.of("value", "valid"),
        "severity", Map.of("value", "general"), "major", Map.of("value", false)));
    Op claimAndComplete = i -> {
      String id = queue.poll();
      long a = System.nanoTime();
      fiona.expect(204, "POST", fiona.engine("/task/" + id + "/claim"), Map.of("userId", "fiona"));
      long b = System.nanoTime();
      HttpResponse<String> r = fiona.send("POST", fiona.engine("/task/" + id + "/complete"), vars);
      if (r.statusCode() != 204 && r.statusCode() != 200) {
        throw new IllegalStateException("complete: " + r.statusCode() + " " + r.body());
      }
      long c = System.nanoTime();
      claims.add(b - a);
      completes.add(c - b);
      return null;
    };
    load(8, CLAIM_WARMUP, claimAndComplete);
    claims.clear();
    completes.clear();
    long t0 = System.nanoTime();
    load(8, CLAIMS, claimAndComplete);
    long wall = System.nanoTime() - t0;
    tf.claim = new Stats(new ArrayList<>(claims), wall);
    tf.complete = new Stats(new ArrayList<>(completes), wall);
    log("tasks (%d open in frontline): filter list %s | count %s | group query %s | claim %s | complete %s",
        tf.open, tf.filterList, tf.filterCount, tf.groupQuery, tf.claim, tf.complete);
    return tf;
  }

  // ---- deadlines ----

  /** Nodes escalating the deadlines (PostgreSQL only): the measured node and {@code bench.nodes - 1} more. */
  static final int NODES = Integer.getInteger("bench.nodes", 1);

  /** CPU seconds the processes have used so far (utime + stime of /proc/<pid>/stat; -1 without /proc). */
  private static double cpuSeconds(List<BenchNode> nodes) {
    double ticks = 0;
    for (BenchNode n : nodes) {
      try {
        String stat = Files.readString(Path.of("/proc", String.valueOf(n.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (Exception e) {
        return -1;
      }
    }
    return ticks / 100.0;
  }

  /** Rows inserted, updated and deleted in this database so far (PostgreSQL's statistics; -1 on H2). */
  private static long rowsWritten(String db, Seeder seeder) throws Exception {
    return db.equals("postgres") ? seeder.count("SELECT tup_inserted + tup_updated + tup_deleted FROM "
        + "pg_stat_database WHERE datname = current_database()") : -1;
  }

  private void deadlines(String db, Seeder seeder, int DEADLINES, List<BenchNode> nodeList) throws Exception {
    int nodes = nodeList.size();
    long copies = seeder.count("SELECT COUNT(*) FROM complaint WHERE complaint_number LIKE 'CMP-X-%' AND status = "
        + "'open'");
    int n = (int) Math.min(DEADLINES, copies);
    String last = String.format("CMP-X-%08d", n);
    long before = seeder.count("SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'handleEscalation'");
    long t0;
    int made;
    double cpu0 = cpuSeconds(nodeList);
    long rows0 = rowsWritten(db, seeder);
    try (PreparedStatement ps = seederConnection(seeder).prepareStatement("UPDATE act_ru_job SET duedate_ = ? "
        + "WHERE type_ = 'timer' AND process_instance_id_ IN (SELECT process_instance_id FROM complaint WHERE "
        + "complaint_number >= 'CMP-X-00000001' AND complaint_number <= ? AND complaint_number LIKE 'CMP-X-%') "
        // only the classification deadline: a case also has its reminder, customer deadlines and contact cycles
        + "AND job_def_id_ IN (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = 'Timer_ClassifyOverdue')")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
      ps.setString(2, last);
      t0 = System.nanoTime();
      made = ps.executeUpdate();
    }
    log("%s: %d deadlines made due at once; waiting for their escalations", db, made);
    long escalated = 0;
    long firstAt = -1;
    Timestamp madeDueAt = Timestamp.from(Instant.now().minusSeconds(2));
    long timeout = Duration.ofMinutes(Long.getLong("bench.deadlineTimeoutMinutes", 20)).toNanos();
    long lastLog = System.nanoTime();
    while (escalated < made && System.nanoTime() - t0 < timeout) {
      Thread.sleep(250);
      escalated = seeder.count("SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'handleEscalation'") - before;
      if (escalated > 0 && firstAt < 0) {
        firstAt = System.nanoTime() - t0;
      }
      if (System.nanoTime() - lastLog > 15e9) {
        lastLog = System.nanoTime();
        log("%s: %d of %d escalated after %.0f s", db, escalated, made, (lastLog - t0) / 1e9);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = cpuSeconds(nodeList) - cpu0;
    if (db.equals("postgres")) {
      Thread.sleep(1000); // PostgreSQL's statistics arrive a moment later
    }
    long rows = rowsWritten(db, seeder) - rows0 - made;
    long failed = seeder.count("SELECT COUNT(*) FROM act_ru_job WHERE exception_msg_ IS NOT NULL");
    long events = seeder.count("SELECT COUNT(*) FROM complaint_event WHERE event_type = 'deadline-escalated' AND "
        + "complaint_number LIKE 'CMP-X-%'");
    section(db, "Deadlines: " + String.format("%,d", made) + " stage deadlines due at the same moment");
    md.append("Copies' classification timers set due in one `UPDATE act_ru_job SET duedate_` (the moment the clock "
        + "starts); ").append(nodes == 1 ? "one node" : nodes + " nodes on the same database (`-Dbench.nodes`)")
        .append(", job executor as configured (`application.yaml`, `application-postgres.yaml`), polling for due "
        + "jobs every second. Done = a *Handle escalation* task (`handleEscalation`) exists for each.\n\n");
    table("what", "figure");
    row("escalated", escalated + " of " + made);
    row("time until all escalated", String.format("%.1f s", seconds));
    row("first escalation after", String.format("%.1f s", firstAt / 1e9));
    row("escalations per second", String.format("%.1f", escalated / seconds));
    row("timeline entries `deadline-escalated` written", events);
    row("jobs with an exception left", failed);
    row("application CPU per escalation (process CPU time of the node" + (nodes > 1 ? "s" : "") + " / escalated)",
        String.format("%.1f ms", 1000 * cpu / Math.max(1, escalated)));
    if (rows >= 0) {
      row("rows written per escalation (pg_stat_database, the UPDATE making them due left out)",
          String.format("%.1f", rows / (double) Math.max(1, escalated)));
    }
    log("%s deadlines: application CPU %.1f ms per escalation, %s rows written per escalation", db,
        1000 * cpu / Math.max(1, escalated), rows < 0 ? "-" : String.format("%.1f", rows / (double) Math.max(1, escalated)));
    if (nodes > 1) {
      List<Map<String, Object>> byNode = seeder.query("SELECT hostname_ AS node, COUNT(*) AS n FROM act_hi_job_log "
          + "WHERE job_state_ = 2 AND act_id_ = 'Timer_ClassifyOverdue' AND timestamp_ >= '" + madeDueAt
          + "' GROUP BY hostname_ ORDER BY hostname_");
      row("deadline jobs done by node (`act_hi_job_log`)", byNode.stream().map(r -> r.get("node") + " " + r.get("n"))
          .collect(java.util.stream.Collectors.joining(", ")));
      log("%s deadlines by node: %s", db, byNode);
    }
    log("%s deadlines: %d of %d in %.1f s (%.1f/s), failed jobs %d", db, escalated, made, seconds,
        escalated / seconds, failed);
    double projected = made >= 10_000 ? seconds : seconds * 10_000.0 / Math.max(1, made);
    target(db, "10,000 deadlines escalated within 60 s", made >= 10_000 ? String.format("%.1f s", seconds)
        : String.format("%,d in %.1f s: about %.0f s for 10,000 at that rate", made, seconds, projected),
        projected <= 60 && escalated == made);
  }

  // ---- growth ----

  private String[] growthRow(String label, Seeder seeder, Stats[] basic, Stats[] session, TaskFigures tf)
      throws Exception {
    long hi = seeder.count("SELECT (SELECT COUNT(*) FROM act_hi_procinst) + (SELECT COUNT(*) FROM act_hi_actinst) "
        + "+ (SELECT COUNT(*) FROM act_hi_taskinst) + (SELECT COUNT(*) FROM act_hi_varinst) + (SELECT COUNT(*) "
        + "FROM act_hi_detail)");
    // without 8 clients in -Dbench.clients there are no intake figures of the first row
    return new String[] {label, String.format("%,d", hi), basic == null ? "-" : f1(basic[0].perSecond),
        basic == null ? "-" : String.format("%.2f", basic[0].perSecond / basic[1].perSecond),
        session == null ? "-" : ms(session[0].p99), ms(tf.filterList.p95),
        ms(tf.groupQuery.p95), ms(tf.claim.p95), ms(tf.complete.p95)};
  }

  // ---- memory sampling ----

  static final class Sampler {
    final BenchNode node;
    final AtomicBoolean running = new AtomicBoolean(true);
    /** sampled only while set: intake and deadlines, not the seeding (H2 runs inside the application) */
    final AtomicBoolean active = new AtomicBoolean(true);
    final AtomicLong rss = new AtomicLong();
    final AtomicLong heapUsed = new AtomicLong();
    final AtomicLong heapCommitted = new AtomicLong();
    Thread thread;

    Sampler(BenchNode node) {
      this.node = node;
    }

    void start() {
      thread = new Thread(() -> {
        long lastHeap = 0;
        while (running.get()) {
          if (!active.get()) {
            try {
              Thread.sleep(250);
            } catch (InterruptedException e) {
              return;
            }
            continue;
          }
          rss.accumulateAndGet(node.rssMb()[0], Math::max);
          if (System.nanoTime() - lastHeap > 5e9) {
            lastHeap = System.nanoTime();
            long[] h = node.heapMb();
            heapUsed.accumulateAndGet(h[0], Math::max);
            heapCommitted.accumulateAndGet(h[1], Math::max);
          }
          try {
            Thread.sleep(250);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    long[] maxRss() {
      return new long[] {rss.get()};
    }

    long[] maxHeap() {
      return new long[] {heapUsed.get(), heapCommitted.get()};
    }

    void stop() {
      running.set(false);
    }
  }

  private static long[] max(long[] a, long[] b) {
    long[] r = a.clone();
    for (int i = 0; i < r.length && i < b.length; i++) {
      r[i] = Math.max(r[i], b[i]);
    }
    return r;
  }

  // ---- statistics ----

  static final class Stats {
    final List<Long> nanos;
    final long wallNanos;
    final int count;
    final double perSecond;
    final double p50;
    final double p95;
    final double p99;
    int errors;

    Stats(List<Long> nanos, long wallNanos) {
      this.nanos = nanos;
      this.wallNanos = wallNanos;
      List<Long> s = new ArrayList<>(nanos);
      Collections.sort(s);
      this.count = s.size();
      this.perSecond = count / (wallNanos / 1e9);
      this.p50 = pct(s, 50);
      this.p95 = pct(s, 95);
      this.p99 = pct(s, 99);
    }

    Stats plus(Stats o) {
      List<Long> all = new ArrayList<>(nanos);
      all.addAll(o.nanos);
      Stats st = new Stats(all, wallNanos + o.wallNanos);
      st.errors = errors + o.errors;
      return st;
    }

    private static double pct(List<Long> sorted, int p) {
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    @Override
    public String toString() {
      return String.format("%d in %.1f s, %.1f/s, p50 %.0f p95 %.0f p99 %.0f ms%s", count, wallNanos / 1e9,
          perSecond, p50, p95, p99, errors > 0 ? ", " + errors + " errors" : "");
    }
  }

  // ---- report ----

  private void section(String db, String title) {
    md.append("\n### ").append(db.equals("h2") ? "H2" : "PostgreSQL").append(": ").append(title).append("\n\n");
  }

  private void table(String... headers) {
    md.append("| ").append(String.join(" | ", headers)).append(" |\n|");
    for (int i = 0; i < headers.length; i++) {
      md.append("---|");
    }
    md.append('\n');
  }

  private void row(Object... cells) {
    md.append("| ");
    for (int i = 0; i < cells.length; i++) {
      md.append(i == 0 ? "" : " | ").append(cells[i]);
    }
    md.append(" |\n");
  }

  private void target(String db, String what, String measured, boolean met) {
    targets.add(new String[] {db.equals("h2") ? "H2" : "PostgreSQL", what, measured, met ? "met" : "**missed**"});
    log("target %s | %s | %s | %s", db, what, measured, met ? "met" : "MISSED");
  }

  private void writeReport(Instant started, String loadBefore, String loadAfter) throws Exception {
    StringBuilder out = new StringBuilder();
    out.append("# Benchmarks\n\n");
    out.append("Written by `mvn -B -ntp -Pbench verify` (`src/test/java/io/redress/bench/RedressBenchmark.java`); ")
        .append("see `docs/benchmarks.md` for the settings. Figures of one run; the notes after the tables ")
        .append("(kept by hand in `docs/benchmark-notes.md`) say what bounds the missed targets.\n\n");
    out.append("## Machine and settings\n\n| | |\n|---|---|\n");
    out.append("| run | ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC)
        .withNano(0))).append(" UTC, ").append(Duration.between(started, Instant.now()).toMinutes())
        .append(" min |\n");
    out.append("| CPU | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(cpuModel())
        .append(" |\n");
    out.append("| RAM | ").append(memTotal()).append(" |\n");
    out.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
        .append(' ').append(osRelease()).append(" |\n");
    out.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append("; application JVM options `").append(JVM)
        .append("`, `MALLOC_ARENA_MAX=").append(BenchNode.MALLOC_ARENAS).append("`; started ")
        .append(BenchNode.DEPLOYMENT.equals("cds") ? "from the extracted jar with a CDS archive (docs/operations.md, *Production start*)"
            : "with `java -jar`").append(" |\n");
    out.append("| load average (1, 5, 15 min) | before ").append(loadBefore).append("; after ").append(loadAfter)
        .append(" |\n");
    out.append("| machine speed (PBKDF2-SHA256, 100,000 rounds, one core, fastest of 36; lower is faster) | ")
        .append(markers.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms")
            .collect(java.util.stream.Collectors.joining("; "))).append(" |\n");
    out.append("| databases | ").append(String.join(", ", DBS)).append(" (H2: file database, embedded in the ")
        .append("application, AUTO_SERVER for the benchmark's seeding connection; PostgreSQL: ")
        .append(pgVersion()).append(", fresh database on the same machine) |\n");
    out.append("| sizes | clients ").append(CLIENTS).append(", ").append(REQUESTS).append(" requests per side and ")
        .append("line, ").append(sizes).append(", queries ").append(QUERIES).append(", claims ").append(CLAIMS)
        .append(" |\n");
    out.append("| password hashing | ").append(ITERATIONS.isBlank()
        ? "as shipped (PBKDF2, 310,000 rounds; a successful check remembered for 5 minutes)"
        : ITERATIONS + " rounds (`-Dbench.passwordIterations`)").append(" |\n");
    if (!NOTE.isBlank()) {
      out.append("| note | ").append(NOTE).append(" |\n");
    }
    out.append("\n## Targets\n\n| database | target | measured | |\n|---|---|---|---|\n");
    for (String[] t : targets) {
      out.append("| ").append(String.join(" | ", t)).append(" |\n");
    }
    out.append("\n## Figures\n").append(md);
    out.append("\n## Seeding\n\n");
    for (String s : seedNotes) {
      out.append("- ").append(s).append('\n');
    }
    // the soak's section (io.redress.bench.Soak, run on its own) stays
    Path previous = Path.of("BENCHMARKS.md");
    String soak = Files.exists(previous) ? Soak.soakSection(Files.readString(previous)) : "";
    if (!soak.isEmpty()) {
      out.append('\n').append(soak);
    }
    Path notes = Path.of("docs", "benchmark-notes.md");
    if (Files.exists(notes)) {
      out.append('\n').append(Files.readString(notes));
    }
    Files.writeString(Path.of("BENCHMARKS.md"), out.toString());
    System.out.println(out);
    log("written to %s", Path.of("BENCHMARKS.md").toAbsolutePath());
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    } catch (Exception e) {
      return "?";
    }
  }

  static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB").findFirst().orElse("?");
    } catch (Exception e) {
      return "?";
    }
  }

  private static String osRelease() {
    try {
      return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
          .map(l -> "(" + l.substring(12).replace("\"", "") + ")").findFirst().orElse("");
    } catch (Exception e) {
      return "";
    }
  }

  private static String pgVersion() {
    if (!DBS.contains("postgres")) {
      return "not run";
    }
    try (Connection c = TestPostgres.connect(TestPostgres.server().jdbcUrl(TestPostgres.server().database()));
        var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1);
    } catch (Exception e) {
      return "PostgreSQL ?";
    }
  }

  // ---- helpers ----

  static void log(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }

  static String ms(double v) {
    return Double.isNaN(v) ? "-" : v < 10 ? String.format("%.1f ms", v) : String.format("%.0f ms", v);
  }

  static String f1(double v) {
    return String.format("%.1f", v);
  }

  static List<String> list(String property, String def) {
    return Arrays.stream(System.getProperty(property, def).split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  static List<Integer> ints(String property, String def) {
    return ints(System.getProperty(property, def));
  }

  static List<Integer> ints(String values) {
    return Arrays.stream(values.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> Integer.valueOf(s.replace("_", ""))).toList();
  }
}
