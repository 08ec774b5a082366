package io.redress.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redress.ProcessSpringTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case record's repository on the database it runs on: H2 in the unit-test run, PostgreSQL in the build's
 * PostgreSQL run (the same class, see the pom's failsafe block): numbering under concurrency, the idempotency key's
 * uniqueness, exact amounts and instants, the timeline's order. Fixture rows are inserted with V1's columns.
 */
@ProcessSpringTest
class CaseRecordsTest {

  @Autowired CaseRecords records;
  @Autowired Timeline timeline;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseFacts facts;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void numbersRunOnWithTheYearOfReceiptAndNeverRepeatUnderConcurrentIntake() throws Exception {
    Instant received = Instant.parse("2026-12-31T17:00:00Z"); // 2027-01-01 01:00 in Shanghai
    String first = records.nextNumber(received);
    assertThat(first).matches("CMP-2027-\\d{6}");
    Set<String> numbers = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 200; i++) {
      pool.submit(() -> numbers.add(records.nextNumber(received)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(numbers).hasSize(200).allSatisfy(n -> assertThat(n.compareTo(first)).isPositive());
  }

  @Test
  void aCaseComesBackAsItWasStored() {
    Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String number = records.nextNumber(received);
    insert(number, "王芳", "酒店房型与预订不符", new BigDecimal("1234.56"), true, received, null);
    records.classify(number, "service-quality", "valid", "important", true);
    CaseRecord r = records.find(number).orElseThrow();
    assertThat(r.customerName()).isEqualTo("王芳");
    assertThat(r.description()).isEqualTo("酒店房型与预订不符");
    assertThat(r.amountClaimed()).isEqualByComparingTo("1234.56");
    assertThat(r.currency()).isEqualTo("CNY");
    assertThat(r.receivedAt()).isEqualTo(received);
    assertThat(r.safetyRisk()).isTrue();
    assertThat(r.major()).isTrue();
    assertThat(r.severity()).isEqualTo("important");
    assertThat(r.status()).isEqualTo(CaseStatus.OPEN);

    Instant closed = received.plusSeconds(3600);
    records.close(number, CaseStatus.CLOSED, "satisfied", closed);
    assertThat(records.find(number).orElseThrow()).satisfies(x -> {
      assertThat(x.status()).isEqualTo(CaseStatus.CLOSED);
      assertThat(x.closedAt()).isEqualTo(closed);
    });
  }

  @Test
  void aTransactionReadsACaseOnceUntilItWritesAndNeverSeesAnotherTransactionsReads() {
    Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String number = records.nextNumber(received);
    insert(number, "Chen Jie", "Refund not received", BigDecimal.TEN, false, received, null);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    tx.executeWithoutResult(status -> {
      CaseRecord first = records.find(number).orElseThrow();
      // read again within the transaction: the same record, not a second query
      assertThat(records.find(number).orElseThrow()).isSameAs(first);
      // a write of the complaint table through the repository: the next read sees it
      records.classify(number, "billing", "valid", "urgent", true);
      CaseRecord classified = records.find(number).orElseThrow();
      assertThat(classified).isNotSameAs(first);
      assertThat(classified.severity()).isEqualTo("urgent");
      assertThat(classified.major()).isTrue();
      // a write through the case's facts too: the case is read again
      facts.rootCause(number, "billing-error");
      assertThat(records.find(number).orElseThrow()).isNotSameAs(classified).isEqualTo(classified);
      // an inner transaction keeps its own reads: it sees what is committed, not the outer transaction's reads
      inner.executeWithoutResult(in -> {
        CaseRecord committed = records.find(number).orElseThrow();
        assertThat(committed.severity()).isNotEqualTo("urgent");
        assertThat(records.find(number).orElseThrow()).isSameAs(committed);
      });
      assertThat(records.find(number).orElseThrow().severity()).isEqualTo("urgent");
      status.setRollbackOnly();
    });
    // outside a transaction each read is a query: the rolled-back classification is gone
    assertThat(records.find(number).orElseThrow().severity()).isNotEqualTo("urgent");
    jdbc.update("UPDATE complaint SET severity = 'important' WHERE complaint_number = ?", number);
    assertThat(records.find(number).orElseThrow().severity()).isEqualTo("important");
  }

  @Test
  void anIdempotencyKeyIsUsedOnceAndFindsItsCase() {
    String key = "retry-" + UUID.randomUUID();
    Instant now = Instant.now();
    String number = records.nextNumber(now);
    insert(number, "Li Wei", "Parcel late", BigDecimal.ZERO, false, now, key);
    // the intake relies on the database refusing the second use of a key (a concurrent retry), as Spring's
    // DuplicateKeyException on either database
    assertThatThrownBy(() -> insert(records.nextNumber(now), "Li Wei", "Parcel late", BigDecimal.ZERO, false, now,
        key)).isInstanceOf(DuplicateKeyException.class);
    assertThat(records.findByIdempotencyKey(key)).map(CaseRecord::number).hasValue(number);
    // keys are optional: many cases without one
    insert(records.nextNumber(now), "Li Wei", "Parcel late", BigDecimal.ZERO, false, now, null);
    insert(records.nextNumber(now), "Li Wei", "Parcel late", BigDecimal.ZERO, false, now, null);
  }

  @Test
  void theTimelineIsInOrderOfOccurrenceAndKeepsLongDetailsShort() {
    Instant t0 = Instant.parse("2026-11-23T02:00:00Z");
    String number = records.nextNumber(t0);
    insert(number, "Li Wei", "Parcel late", BigDecimal.ZERO, false, t0, null);
    timeline.record(number, t0.plusSeconds(60), TimelineEvent.CLASSIFIED, "classifyComplaint", "fiona", (String) null);
    timeline.record(number, t0, TimelineEvent.RECEIVED, "intake", "fiona", "x".repeat(2500));
    timeline.record(number, t0.plusSeconds(60), TimelineEvent.TASK_COMPLETED, "classifyComplaint", "fiona", (String) null);
    List<TimelineEvent> events = timeline.of(number);
    assertThat(events).extracting(TimelineEvent::type).containsExactly(TimelineEvent.RECEIVED,
        TimelineEvent.CLASSIFIED, TimelineEvent.TASK_COMPLETED);
    assertThat(events.get(0).detail()).hasSize(2000);
    assertThat(events.get(0).at()).isEqualTo(t0);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE complaint_number = ?", Integer.class,
        number)).isEqualTo(3);
  }

  /** A case as the intake stores it (the columns of V1, which later migrations only add to). */
  private void insert(String number, String name, String description, BigDecimal amount, boolean safetyRisk,
      Instant received, String idempotencyKey) {
    jdbc.update("""
        INSERT INTO complaint (complaint_number, status, stage, channel, customer_name, customer_tier, description,
          amount_claimed, currency, safety_risk, resolved_at_intake, second_complaint, received_at, received_by,
          idempotency_key)
        VALUES (?, 'open', 'intake', 'web', ?, 'standard', ?, ?, 'CNY', ?, FALSE, FALSE, ?, 'fiona', ?)""",
        number, name, description, amount, safetyRisk, Timestamp.from(received), idempotencyKey);
  }
}
