package io.redress.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import io.redress.scenario.ReportDaysSql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * How fast the reports answer with N closed cases ({@code -Dbench.reports.closed}, default 10,000): the case record
 * and the facts of N ended cases over the last year are seeded by SQL batch and summed per day by the statements of
 * the migration that fills the day sums (V16), then {@code /api/reports/kpis} (a month,
 * and a year), the monthly and weekly trends of the year, the root causes, the open cases and the workload are asked
 * {@code bench.reports.samples} times each (default 5) as a manager over HTTP; prints median and worst. Run it alone:
 * {@code ./mvnw -q test -Dtest=ReportsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.reports.closed=1000000}
 * (H2 in memory; add {@code -Dspring.profiles.include=postgres} for a fresh PostgreSQL database). Asserts nothing
 * about speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:reports-bench;DB_CLOSE_DELAY=-1"})
@ActiveProfiles({"test", "demo"})
class ReportsBenchmark {

  static final String[] CHANNELS = {"phone", "chat", "email", "social", "web", "letter", "visit"};
  static final String[] CATEGORIES = {"facilities-product", "service-attitude", "service-quality", "sudden-incident",
      "billing-refund", "logistics-delivery", "technical-fault", "transaction-dispute", "other"};
  static final String[] SEVERITIES = {"general", "general", "general", "important", "urgent"};
  static final String[] TIERS = {"standard", "standard", "standard", "premium", "vip"};
  static final String[] CAUSES = {"supplier-failure", "staff-conduct", "process-gap", "system-fault",
      "information-error", "billing-error", "logistics-failure", "product-defect", "other"};
  static final String[] SATISFACTION = {"very_satisfied", "satisfied", "basically_satisfied", "satisfied",
      "dissatisfied"};
  static final String[] HANDLERS = {"hank", "helen"};

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void reportsAnswerFastWithManyClosedCases() throws Exception {
    int closed = Integer.getInteger("bench.reports.closed", 10_000);
    int samples = Integer.getInteger("bench.reports.samples", 5);
    Instant end = Instant.now();
    long t0 = System.nanoTime();
    seed(closed, end);
    System.out.printf("[bench] reports: seeded %,d closed cases in %.1f s%n", closed, (System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    ReportDaysSql.refill(jdbc);
    System.out.printf("[bench] reports: summed them per day (migration V16's statements) in %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String month = "from=" + today.minusDays(30) + "&to=" + today;
    String year = "from=" + today.minusDays(365) + "&to=" + today;
    List<String> rows = new ArrayList<>();
    for (String path : List.of("/api/reports/kpis?" + month, "/api/reports/kpis?" + year,
        "/api/reports/kpis?" + year + "&tier=vip&channel=web", "/api/reports/trends?" + year + "&period=month",
        "/api/reports/trends?" + year + "&period=week", "/api/reports/root-causes?" + year,
        "/api/reports/open-cases", "/api/reports/workload?" + month)) {
      long[] ms = new long[samples];
      get(path); // warm-up
      for (int i = 0; i < samples; i++) {
        long s = System.nanoTime();
        get(path);
        ms[i] = (System.nanoTime() - s) / 1_000_000;
      }
      Arrays.sort(ms);
      String row = String.format("| `%s` | %,d | %d | %d |", path.replaceAll("from=[^&]*&to=[^&]*", "{period}")
          + (path.contains(year) ? " (year)" : path.contains(month) ? " (month)" : ""), closed, ms[samples / 2],
          ms[samples - 1]);
      rows.add(row);
      System.out.println("[bench] reports " + row);
    }
    System.out.println("[bench] reports: | request | closed cases | median ms | worst ms |");
    rows.forEach(r -> System.out.println("[bench] reports: " + r));
  }

  /** N ended cases spread over the last year: their case record row and their fact row, by SQL batch. */
  private void seed(int n, Instant end) {
    Random random = new Random(17);
    int batch = 5_000;
    for (int from = 0; from < n; from += batch) {
      List<Object[]> complaints = new ArrayList<>();
      List<Object[]> facts = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + batch); i++) {
        String number = "CMP-B-" + i;
        Instant closedAt = end.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
        Instant receivedAt = closedAt.minus(Duration.ofMinutes(random.nextInt(5 * 24 * 60)));
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        String severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
        String tier = TIERS[random.nextInt(TIERS.length)];
        boolean atIntake = random.nextInt(10) < 7;
        String satisfaction = SATISFACTION[random.nextInt(SATISFACTION.length)];
        String handler = atIntake ? null : HANDLERS[random.nextInt(2)];
        complaints.add(new Object[] {number, channel, tier, atIntake, severity, category, handler, satisfaction,
            Timestamp.from(receivedAt), Timestamp.from(closedAt)});
        facts.add(new Object[] {number, Timestamp.from(receivedAt), Timestamp.from(closedAt), channel, category,
            severity, tier, handler, atIntake, atIntake ? null : CAUSES[random.nextInt(CAUSES.length)],
            random.nextInt(50) != 0, random.nextInt(25) != 0, atIntake ? 1 : 6, atIntake ? 1 : 5 + random.nextInt(2),
            random.nextInt(30) == 0 ? 1 : 0, random.nextInt(40) == 0 ? 1 : 0, random.nextInt(20) == 0 ? 1 : 0,
            random.nextInt(100) == 0, satisfaction, satisfaction.contains("dis") ? 0 : 1, 1 + random.nextInt(5),
            1 + random.nextInt(5), 1 + random.nextInt(5)});
      }
      jdbc.batchUpdate("""
          INSERT INTO complaint (complaint_number, status, stage, channel, customer_tier, description, currency,
            safety_risk, resolved_at_intake, severity, category, major, handler, second_complaint, satisfaction,
            received_at, closed_at)
          VALUES (?, 'closed', 'closed', ?, ?, 'Seeded for the reports benchmark', 'CNY', FALSE, ?, ?, ?, FALSE, ?,
            FALSE, ?, ?, ?)""", complaints);
      jdbc.batchUpdate("""
          INSERT INTO complaint_fact (complaint_number, received_at, closed_at, status, channel, category, severity,
            tier, major, handler, resolved_at_intake, root_cause_category, first_reply_on_time, full_process_on_time,
            stage_tasks, stage_tasks_on_time, reopened, reassigned, escalations, leadership_escalated,
            satisfaction, callbacks, satisfied_callbacks, attitude, speed, effectiveness)
          VALUES (?, ?, ?, 'closed', ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)""", facts);
    }
  }

  private void get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
        + port + path)).header("Authorization", "Basic " + Base64.getEncoder().encodeToString("maria:demo"
        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
