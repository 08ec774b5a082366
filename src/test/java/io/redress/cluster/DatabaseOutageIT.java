package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.postgres.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database goes away under intake load and comes back (issue 16, part 3): the packaged application in a JVM of
 * its own on a throwaway PostgreSQL cluster of this test's own (never the shared server), 8 clients posting
 * complaints, then {@code pg_ctl stop -m immediate} for {@link #OUTAGE} and {@code pg_ctl start}, the application
 * left running as it is.
 *
 * <p>While the database is down every answer is 201 (taken in before the stop) or 503 {@code application/problem+json}
 * of type {@code database-unavailable} with {@code Retry-After}: no 500, no other status, no request left without an
 * answer; the complaint API's lists, the engine REST API and {@code /actuator/health} (DOWN) answer 503 too. After
 * the start intake answers 201 again within {@link #RECOVERY} without a restart, health is UP, and:
 * <ul>
 * <li>every complaint acknowledged with 201 (before, during and after the outage) is there, waiting in
 * classification with its deadlines armed like a complaint taken in afterwards, and every complaint refused with 503
 * is taken in once when its client sends it again with the same Idempotency-Key;</li>
 * <li>no case is half-stored: no case record without its process, no process without its case record, and exactly
 * one case per Idempotency-Key;</li>
 * <li>the job executor resumed: a deadline that came due during the outage and one made due after it both fire.</li>
 * </ul>
 * The outage is 30 s: {@code -Doutage.seconds=30} (the default, 15 s, keeps the build short). The node polls
 * for due jobs at least every 5 s (production: 60 s, {@code camunda.bpm.job-execution.max-wait}) so that the test
 * need not wait a minute for the deadlines.
 */
class DatabaseOutageIT {

  static final int CLIENTS = 8;
  static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 15));
  static final Duration LOAD_BEFORE = Duration.ofSeconds(6);
  static final Duration LOAD_AFTER = Duration.ofSeconds(4);
  /** Intake answers 201 again at most this long after the database accepts connections again. */
  static final Duration RECOVERY = Duration.ofSeconds(30);
  static final Duration JOBS_FIRE = Duration.ofSeconds(45);
  static final String PROBLEM_TYPE = "https://redress.example/problems/database-unavailable";
  static final Map<String, String> NODE_PROPERTIES = Map.of(
      "camunda.bpm.job-execution.wait-time-in-millis", "1000",
      "camunda.bpm.job-execution.max-wait", "5000");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What one request came to. */
  record Answer(long at, String key, int status) {
  }

  @Test
  void theApplicationAnswers503WhileThePostgresServerIsDownAndRecoversByItselfLosingNothing() throws Exception {
    TestPostgres.ThrowawayCluster pg = TestPostgres.ownCluster();
    String database = pg.newDatabase();
    AppNode node = AppNode.start("pg-outage-node", database, pg.server(), NODE_PROPERTIES);
    try {
      node.awaitUp();
      String warmUp = idOf(send(CrashIT.intake(node, "warm-up")));
      // the engine REST API starts on its first request (Jersey), which takes long on a loaded machine: before the load
      assertThat(CrashIT.timers(node, warmUp)).isPositive();
      // two complaints whose classification deadline the test brings forward: one comes due during the outage,
      // one is made due after it
      String dueDuring = idOf(send(CrashIT.intake(node, "deadline-during-outage")));
      String dueAfter = idOf(send(CrashIT.intake(node, "deadline-after-outage")));

      Map<String, String> acknowledged = new ConcurrentHashMap<>(); // idempotency key -> complaint number
      Queue<String> refused = new ConcurrentLinkedQueue<>(); // keys answered 503: sent again afterwards
      Queue<Answer> answers = new ConcurrentLinkedQueue<>();
      List<String> wrongAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      CountDownLatch done = new CountDownLatch(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread t = new Thread(() -> {
          int n = 0;
          try {
            while (running.get()) {
              String key = "outage-" + client + "-" + n++;
              try {
                HttpResponse<String> r = send(CrashIT.intake(node, key));
                answers.add(new Answer(System.nanoTime(), key, r.statusCode()));
                if (r.statusCode() == 201) {
                  acknowledged.put(key, idOf(r));
                } else if (isUnavailableProblem(r)) {
                  refused.add(key);
                  Thread.sleep(100);
                } else {
                  wrongAnswers.add(key + ": " + r.statusCode() + " " + r.headers().firstValue("Content-Type")
                      .orElse("") + " " + r.body());
                }
              } catch (java.io.IOException noAnswer) {
                answers.add(new Answer(System.nanoTime(), key, -1));
                wrongAnswers.add(key + ": no answer (" + noAnswer + ")");
                refused.add(key);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        }, "outage-client-" + client);
        t.setDaemon(true);
        t.start();
      }

      Thread.sleep(LOAD_BEFORE.toMillis());
      int beforeStop = acknowledged.size();
      assertThat(beforeStop).as("complaints acknowledged before the stop").isGreaterThan(0);
      // the first deadline comes due in the middle of the outage
      long stopAt = System.currentTimeMillis();
      String jobDuring;
      String jobAfter;
      try (Connection connection = pg.connect(database)) {
        jobDuring = timerOf(connection, dueDuring);
        jobAfter = timerOf(connection, dueAfter);
      }
      moveDeadline(node, jobDuring, new Date(stopAt + OUTAGE.toMillis() / 2));

      long stopped = System.nanoTime();
      pg.stopImmediately();
      System.out.printf("[outage] PostgreSQL stopped (immediate) with %d complaints acknowledged%n", beforeStop);
      // what the other doors say meanwhile (each probe waits for the pool's connection timeout: they go in
      // parallel, and the database stays down until the last round has its answers)
      List<String> probes = new ArrayList<>();
      int healthDown = 0;
      int listsRefused = 0;
      int engineRefused = 0;
      while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
        var list = HTTP.sendAsync(CrashIT.get(node, "/api/complaints?size=5", "fiona"),
            HttpResponse.BodyHandlers.ofString());
        var tasks = HTTP.sendAsync(CrashIT.get(node, "/engine-rest/task?maxResults=5", "fiona"),
            HttpResponse.BodyHandlers.ofString());
        var health = HTTP.sendAsync(HttpRequest.newBuilder(node.uri("/actuator/health"))
            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        listsRefused += isUnavailableProblem(list.get()) ? 1 : 0;
        engineRefused += isUnavailableProblem(tasks.get()) ? 1 : 0;
        healthDown += health.get().statusCode() == 503 && health.get().body().contains("DOWN") ? 1 : 0;
        probes.add("list " + list.get().statusCode() + ", engine " + tasks.get().statusCode() + ", health "
            + health.get().statusCode());
        for (HttpResponse<String> r : List.of(list.get(), tasks.get())) {
          if (!isUnavailableProblem(r)) {
            wrongAnswers.add(r.request().uri().getPath() + " during the outage: " + r.statusCode() + " "
                + r.headers().map() + " " + r.body());
          }
        }
        Thread.sleep(500);
      }
      long outageSeconds = (System.nanoTime() - stopped) / 1_000_000_000L;

      pg.startServer();
      long restarted = System.nanoTime();
      System.out.println("[outage] PostgreSQL started again");
      long recovered = -1;
      while (recovered < 0 && System.nanoTime() - restarted < RECOVERY.toNanos()) {
        for (Answer a : answers) {
          if (a.status() == 201 && a.at() > restarted) {
            recovered = a.at();
            break;
          }
        }
        Thread.sleep(100);
      }
      assertThat(recovered).as("a complaint taken in (201) within " + RECOVERY + " of the database's return; "
          + "the node's log: " + node.log.toAbsolutePath()).isPositive();
      // the second deadline: made due now, through the engine REST API
      moveDeadline(node, jobAfter, new Date());
      Thread.sleep(LOAD_AFTER.toMillis());
      running.set(false);
      done.await();

      long outageEnd = restarted;
      List<Answer> during = answers.stream().filter(a -> a.at() > stopped && a.at() <= outageEnd).toList();
      long refusedDuring = during.stream().filter(a -> a.status() == 503).count();
      long takenInDuring = during.stream().filter(a -> a.status() == 201).count();
      long takenInAfter = answers.stream().filter(a -> a.at() > outageEnd && a.status() == 201).count();
      double recoverySeconds = (recovered - restarted) / 1e9;
      System.out.printf("[outage] %d s outage: %d intake answers during it (%d x 503, %d x 201 in flight at the "
          + "stop), lists %d x 503, engine REST %d x 503, health DOWN %d times; %d acknowledged before the stop, "
          + "%d after; first 201 %.1f s after the database started again%n", outageSeconds, during.size(),
          refusedDuring, takenInDuring, listsRefused, engineRefused, healthDown, beforeStop, takenInAfter,
          recoverySeconds);
      System.out.println("[outage] probes: " + probes);

      assertThat(wrongAnswers).as("answers other than 201 or the 503 problem with Retry-After").isEmpty();
      assertThat(refusedDuring).as("intake answered 503 while the database was down").isPositive();
      assertThat(listsRefused).as("complaint lists answered 503 while the database was down").isPositive();
      assertThat(engineRefused).as("the engine REST API answered 503 while the database was down").isPositive();
      assertThat(healthDown).as("/actuator/health DOWN while the database was down (" + probes + ")").isPositive();
      assertThat(takenInAfter).as("complaints taken in after the outage").isPositive();
      HttpResponse<String> health = send(HttpRequest.newBuilder(node.uri("/actuator/health")).GET().build());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("UP");

      // the clients send what was refused again, with the same key: each is taken in once
      for (String key : refused) {
        HttpResponse<String> r = send(CrashIT.intake(node, key));
        assertThat(r.statusCode()).as(key + " sent again: " + r.body()).isIn(200, 201);
        acknowledged.put(key, idOf(r));
      }

      // every acknowledged complaint waits in classification with its deadlines armed
      HttpResponse<String> fresh = send(CrashIT.intake(node, "after-outage"));
      assertThat(fresh.statusCode()).isEqualTo(201);
      int timersOfANewCase = CrashIT.timers(node, idOf(fresh));
      assertThat(timersOfANewCase).isGreaterThan(0);
      CrashIT.Survivors survivors = CrashIT.survivors(node, new TreeSet<>(acknowledged.values()), timersOfANewCase);
      Set<String> missing = survivors.missing();
      List<String> wrong = survivors.wrong();
      assertThat(missing).as("acknowledged with 201, gone after the outage").isEmpty();
      assertThat(wrong).as("acknowledged complaints not waiting in classification with their deadlines armed")
          .isEmpty();

      // nothing half-stored, nothing twice
      Connection connection = pg.connect(database);
      JdbcTemplate db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
      List<String> withoutProcess = db.queryForList("SELECT c.complaint_number FROM complaint c WHERE NOT EXISTS "
          + "(SELECT 1 FROM act_ru_execution e WHERE e.id_ = e.proc_inst_id_ AND e.business_key_ = "
          + "c.complaint_number)", String.class);
      List<String> withoutRecord = db.queryForList("SELECT e.business_key_ FROM act_ru_execution e "
          + "JOIN act_re_procdef d ON d.id_ = e.proc_def_id_ WHERE e.id_ = e.proc_inst_id_ "
          + "AND d.key_ = 'complaint-handling' AND NOT EXISTS "
          + "(SELECT 1 FROM complaint c WHERE c.complaint_number = e.business_key_)", String.class);
      assertThat(withoutProcess).as("case records without their process").isEmpty();
      assertThat(withoutRecord).as("processes without their case record").isEmpty();
      Integer cases = db.queryForObject("SELECT count(*) FROM complaint WHERE idempotency_key LIKE 'outage-%'",
          Integer.class);
      assertThat(cases).as("one case per key sent (%d keys)", acknowledged.size()).isEqualTo(acknowledged.size());
      connection.close();

      // the job executor resumed: both deadlines fired
      long waitFrom = System.nanoTime();
      List<String> notFired = new ArrayList<>(List.of(jobDuring, jobAfter));
      while (!notFired.isEmpty() && System.nanoTime() - waitFrom < JOBS_FIRE.toNanos()) {
        notFired.removeIf(job -> fired(node, job));
        Thread.sleep(500);
      }
      assertThat(notFired).as("deadlines that did not fire after the outage (due during it: " + jobDuring + " of "
          + dueDuring + ", made due after it: " + jobAfter + " of " + dueAfter + ")").isEmpty();
      System.out.printf("[outage] all %d acknowledged complaints there with process and deadlines, no case "
          + "half-stored; the deadline due during the outage and the one made due after it fired%n",
          acknowledged.size());
    } finally {
      node.stop();
    }
  }

  /** Whether the timer job ran successfully, as the engine's history tells an administrator. */
  private static boolean fired(AppNode node, String job) {
    try {
      HttpResponse<String> r = send(CrashIT.get(node, "/engine-rest/history/job-log/count?successLog=true&jobId="
          + job, "admin"));
      return r.statusCode() == 200 && JSON.readTree(r.body()).path("count").asInt() > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String timerOf(Connection connection, String complaint) {
    JdbcTemplate db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    return db.queryForObject("SELECT j.id_ FROM act_ru_job j JOIN act_ru_execution e "
        + "ON e.id_ = j.process_instance_id_ JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ "
        + "WHERE e.business_key_ = ? AND j.type_ = 'timer' AND d.act_id_ = 'Timer_ClassifyOverdue'", String.class,
        complaint);
  }

  /** Sets a timer's due date as an administrator does (engine REST API). */
  private static void moveDeadline(AppNode node, String job, Date due) throws Exception {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    HttpResponse<String> r = send(HttpRequest.newBuilder(node.uri("/engine-rest/job/" + job + "/duedate"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", CrashIT.basic("admin"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("duedate", format.format(due)))))
        .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  /** 503, application/problem+json of type database-unavailable, Retry-After in seconds, nothing internal. */
  static boolean isUnavailableProblem(HttpResponse<String> r) {
    try {
      if (r.statusCode() != 503
          || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
          || Integer.parseInt(r.headers().firstValue("Retry-After").orElse("0")) <= 0) {
        return false;
      }
      JsonNode body = JSON.readTree(r.body());
      return PROBLEM_TYPE.equals(body.path("type").asText()) && body.path("status").asInt() == 503
          && !r.body().matches("(?s).*(SQL|Exception|###|\\bat (org|java|jakarta|io|com)\\.).*");
    } catch (Exception e) {
      return false;
    }
  }

  private static String idOf(HttpResponse<String> r) throws java.io.IOException {
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private static HttpResponse<String> send(HttpRequest request) throws java.io.IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
