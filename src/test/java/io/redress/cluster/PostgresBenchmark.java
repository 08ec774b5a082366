package io.redress.cluster;

import static io.redress.cluster.ClusterIT.JSON;
import static io.redress.cluster.ClusterIT.send;

import io.redress.postgres.TestPostgres;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The measurements behind the PostgreSQL settings (docs/postgres-tuning.md). Not part of {@code mvn verify} (the
 * name matches neither surefire's nor failsafe's patterns); run by hand after {@code mvn package}:
 *
 * <pre>mvn verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PostgresBenchmark</pre>
 *
 * ({@code -Dbench=intake}, {@code history} or {@code deadlines} for one part). Every configuration gets a fresh
 * database and fresh nodes (the packaged jar, profile postgres). It prints lines starting with {@code [bench]}; it
 * asserts nothing about speed.
 */
class PostgresBenchmark {

  static final int INTAKE_COMPLAINTS = 300;
  static final int INTAKE_CLIENTS = 8;
  static final int DEADLINES = 200;

  @Test
  void measure() throws Exception {
    AppNode.jvmOptions = List.of("-Xmx1g");
    String which = System.getProperty("bench", "intake,history,deadlines");
    if (which.contains("intake")) {
      Map<String, Map<String, String>> configs = new LinkedHashMap<>();
      configs.put("pool 5, history full", Map.of("spring.datasource.hikari.maximum-pool-size", "5"));
      configs.put("pool 10, history full", Map.of("spring.datasource.hikari.maximum-pool-size", "10"));
      configs.put("pool 20, history full", Map.of("spring.datasource.hikari.maximum-pool-size", "20"));
      for (var c : configs.entrySet()) {
        intake(c.getKey(), c.getValue());
      }
    }
    if (which.contains("history")) {
      // alternating, twice, so that a load spike of the machine does not decide
      for (int round = 1; round <= 2; round++) {
        intake("pool 10, history full", Map.of("spring.datasource.hikari.maximum-pool-size", "10"));
        intake("pool 10, history audit", Map.of("spring.datasource.hikari.maximum-pool-size", "10",
            "camunda.bpm.history-level", "audit"));
      }
    }
    if (which.contains("deadlines")) {
      Map<String, Map<String, String>> configs = new LinkedHashMap<>();
      configs.put("profile (defaults): threads 3-10, queue 3, acquire 3", Map.of());
      configs.put("threads 3-10, queue 10, acquire 5, backoff 30-150 ms", Map.of(
          "camunda.bpm.job-execution.queue-capacity", "10", "camunda.bpm.job-execution.max-jobs-per-acquisition", "5",
          "camunda.bpm.job-execution.backoff-time-in-millis", "30", "camunda.bpm.job-execution.max-backoff", "150"));
      configs.put("threads 8, queue 16, acquire 10", Map.of(
          "camunda.bpm.job-execution.core-pool-size", "8", "camunda.bpm.job-execution.max-pool-size", "8",
          "camunda.bpm.job-execution.queue-capacity", "16", "camunda.bpm.job-execution.max-jobs-per-acquisition",
          "10"));
      for (var c : configs.entrySet()) {
        deadlines(c.getKey(), c.getValue());
      }
    }
  }

  /** One node; complaints POSTed by concurrent clients; throughput and latency. */
  private void intake(String label, Map<String, String> properties) throws Exception {
    String db = TestPostgres.newDatabase();
    AppNode node = AppNode.start("bench-intake", db, properties);
    try {
      node.awaitUp();
      for (int i = 0; i < 30; i++) {
        create(node, "warm-up " + i); // JIT, pools, caches
      }
      ExecutorService clients = Executors.newFixedThreadPool(INTAKE_CLIENTS);
      List<Future<Long>> calls = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < INTAKE_COMPLAINTS; i++) {
        int n = i;
        calls.add(clients.submit(() -> {
          long t = System.nanoTime();
          create(node, "bench " + n);
          return (System.nanoTime() - t) / 1_000_000;
        }));
      }
      List<Long> latencies = new ArrayList<>();
      for (Future<Long> f : calls) {
        latencies.add(f.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      clients.shutdown();
      Collections.sort(latencies);
      System.out.printf("[bench] intake | %-24s | %4d complaints, %d clients | %6.1f complaints/s | p50 %4d ms | "
              + "p95 %4d ms%n", label, INTAKE_COMPLAINTS, INTAKE_CLIENTS, INTAKE_COMPLAINTS / seconds,
          latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 95 / 100));
    } finally {
      node.stop();
    }
  }

  /** Two nodes; DEADLINES timers made due at the same moment; time until every one has escalated. */
  private void deadlines(String label, Map<String, String> properties) throws Exception {
    String db = TestPostgres.newDatabase();
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.put("camunda.bpm.job-execution.wait-time-in-millis", "300");
    p.put("camunda.bpm.job-execution.max-wait", "1000");
    AppNode a = AppNode.start("bench-a", db, p);
    AppNode b = AppNode.start("bench-b", db, p);
    try (var connection = TestPostgres.connect(db)) {
      a.awaitUp();
      b.awaitUp();
      JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < DEADLINES; i++) {
        int n = i;
        created.add(clients.submit(() -> create(n % 2 == 0 ? a : b, "deadline " + n)));
      }
      for (Future<String> f : created) {
        f.get();
      }
      clients.shutdown();
      List<String> timers = jdbc.queryForList("SELECT id_ FROM act_ru_job WHERE type_ = 'timer'", String.class);
      Map<String, Object> all = Map.of("processDefinitionKey", "complaint-handling", "suspended", true);
      send(a, "admin", "PUT", "/engine-rest/job/suspended", all);
      SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
      format.setTimeZone(TimeZone.getTimeZone("UTC"));
      String due = format.format(new Date(System.currentTimeMillis() - 60_000));
      for (String t : timers) {
        send(a, "admin", "PUT", "/engine-rest/job/" + t + "/duedate", Map.of("duedate", due));
      }
      long start = System.nanoTime();
      send(a, "admin", "PUT", "/engine-rest/job/suspended",
          Map.of("processDefinitionKey", "complaint-handling", "suspended", false));
      int escalated = 0;
      while (escalated < timers.size() && System.nanoTime() - start < 300e9) {
        Thread.sleep(100);
        escalated = jdbc.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE event_type = "
            + "'deadline-escalated'", Integer.class);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Integer failures = jdbc.queryForObject("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1",
          Integer.class);
      List<Map<String, Object>> byNode = jdbc.queryForList("SELECT hostname_, COUNT(*) AS n FROM act_hi_job_log "
          + "WHERE job_state_ = 2 GROUP BY hostname_ ORDER BY hostname_");
      System.out.printf("[bench] deadlines | %-58s | %d timers, 2 nodes | %5.1f s | %6.1f jobs/s | "
              + "failed attempts %d | by node %s%n", label, timers.size(), seconds, escalated / seconds, failures,
          Arrays.toString(byNode.stream().map(r -> r.get("hostname_") + "=" + r.get("n")).toArray()));
    } finally {
      a.stop();
      b.stop();
    }
  }

  private static String create(AppNode node, String description) throws Exception {
    HttpResponse<String> r = send(node, "fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", "Li Wei"), "channel", "web", "description", description, "amountClaimed", 20));
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("id").asText();
  }
}
