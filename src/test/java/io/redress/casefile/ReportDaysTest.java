package io.redress.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.ProcessSpringTest;
import io.redress.scenario.ReportDaysSql;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reports' day sums follow the fact rows on the database it runs on (H2 here, PostgreSQL in the build's
 * PostgreSQL run): a case that ends is added to the day of its end (in the centre's zone) and of its receipt, once
 * however often it ends; a reopened case is taken away; cases that end at once on several threads with the same
 * key all count; and the sums are those migration V16 computes from the fact rows.
 */
@ProcessSpringTest
class ReportDaysTest {

  @Autowired CaseFacts facts;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theDaySumsFollowTheCasesThatEndAndReopen() throws Exception {
    String category = "days-" + UUID.randomUUID().toString().substring(0, 8);
    // 16:30 UTC is 00:30 the next day in Shanghai; received two days earlier
    Instant closed = Instant.parse("2030-06-10T16:30:00Z");
    String a = complaint(category, closed, "withdrawn");
    facts.ended(a);
    facts.ended(a);
    // compensation counts for every ended case, the KPIs only for those not withdrawn
    assertThat(closedDay(category, "2030-06-11")).containsEntry("ENDED", 1L).containsEntry("WITHDRAWN", 1L)
        .containsEntry("COUNTED", 0L).containsEntry("APPROVED", 1L);
    assertThat(closedDay(category, "2030-06-10")).isEmpty();
    assertThat(received(category, "2030-06-09")).isEqualTo(1);

    List<String> more = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      more.add(complaint(category, closed, "closed"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String n : more) {
        done.add(pool.submit(() -> facts.ended(n)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(closedDay(category, "2030-06-11")).containsEntry("ENDED", 13L).containsEntry("COUNTED", 12L)
        .containsEntry("STAGE_TASKS", 0L).containsEntry("APPROVED", 13L);
    assertThat(handlerCount(category)).isEqualTo(13);

    facts.reopened(more.get(0));
    facts.reopened(more.get(0));
    assertThat(closedDay(category, "2030-06-11")).containsEntry("ENDED", 12L).containsEntry("COUNTED", 11L)
        .containsEntry("APPROVED", 12L);
    assertThat(received(category, "2030-06-09")).isEqualTo(12);
    assertThat(handlerCount(category)).isEqualTo(12);
    ReportDaysSql.assertKeptAsMigrationSums(jdbc);
  }

  private String complaint(String category, Instant closed, String status) {
    String number = "CMP-D-" + UUID.randomUUID().toString().substring(0, 12);
    jdbc.update("""
        INSERT INTO complaint (complaint_number, status, stage, channel, customer_tier, description, currency,
          safety_risk, resolved_at_intake, severity, category, major, handler, second_complaint, approved_amount,
          received_at, closed_at)
        VALUES (?, ?, 'closed', 'web', 'vip', 'Seeded for the day sums', 'CNY', FALSE, FALSE, 'urgent', ?, FALSE,
          'hank', FALSE, 12.50, ?, ?)""", number, status, category,
        Timestamp.from(closed.minusSeconds(2 * 86_400)), Timestamp.from(closed));
    return number;
  }

  private Map<String, Object> closedDay(String category, String day) {
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT ended, withdrawn, counted, stage_tasks, approved "
        + "FROM report_closed_day WHERE span = 'day' AND category = ? AND ended_on = CAST(? AS DATE)", category, day);
    return rows.isEmpty() ? Map.of() : upper(rows.get(0));
  }

  private static Map<String, Object> upper(Map<String, Object> row) {
    Map<String, Object> m = new HashMap<>();
    row.forEach((k, v) -> m.put(k.toUpperCase(), ((Number) v).longValue()));
    return m;
  }

  private long received(String category, String day) {
    return jdbc.queryForObject("SELECT COALESCE(SUM(received), 0) FROM report_received_day WHERE category = ? "
        + "AND span = 'day' AND received_on = CAST(? AS DATE)", Long.class, category, day);
  }

  private long handlerCount(String category) {
    return jdbc.queryForObject("SELECT COALESCE(SUM(cases), 0) FROM report_closed_count WHERE category = ? "
        + "AND span = 'day' AND kind = 'handler' AND item = 'hank'", Long.class, category);
  }
}
