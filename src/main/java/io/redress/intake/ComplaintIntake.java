package io.redress.intake;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import io.redress.casefile.CaseFiling;
import io.redress.sla.Sla;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a complaint in: the case record, "received" on its timeline and the started process, in one transaction,
 * so a failure stores nothing.
 */
@Service
class ComplaintIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ComplaintIntake.class);

  private final CaseRecords records;
  private final CaseFiling filing;
  private final RuntimeService runtimeService;

  /** Each attempt at taking a complaint in is a transaction of its own; reads of an earlier case are read-only. */
  private final TransactionTemplate attempt;
  private final TransactionTemplate read;

  private final Clock clock;

  ComplaintIntake(CaseRecords records, CaseFiling filing, RuntimeService runtimeService,
      PlatformTransactionManager transactions, Clock clock) {
    this.clock = clock;
    this.records = records;
    this.filing = filing;
    this.runtimeService = runtimeService;
    this.attempt = new TransactionTemplate(transactions);
    this.read = new TransactionTemplate(transactions);
    this.read.setReadOnly(true);
  }

  record Result(CaseRecord record, boolean created) {
  }

  /** Retries with one key that arrive together on this node take turns; across nodes the unique index decides. */
  private final Lock[] stripes = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

  /**
   * Takes the complaint in unless its idempotency key was used before: then the first complaint is the answer,
   * also when the retries race (the loser of a race on the unique key rolls back and reads the winner).
   * Not transactional itself: each attempt is a transaction of its own.
   */
  Result takeInOnce(NewCase complaint, String receivedBy, String idempotencyKey) {
    return takeInOnce(complaint, receivedBy, idempotencyKey, null, CaseFiling.THROUGH_API);
  }

  /**
   * As {@link #takeInOnce(NewCase, String, String)}, for a channel that knows when the complaint arrived
   * ({@code receivedAt}, e.g. an e-mail's received date; null: now): the case is received then, and the SLA policy's
   * customer deadlines count from then ({@link Sla#RECEIVED_AT}). A time after now counts as now. {@code how}: see
   * {@link CaseFiling#open}.
   */
  Result takeInOnce(NewCase complaint, String receivedBy, String idempotencyKey, Instant receivedAt,
      String how) {
    if (idempotencyKey == null) {
      return attempt.execute(tx -> takeIn(complaint, receivedBy, null, receivedAt, how));
    }
    Lock lock = stripes[Math.floorMod(idempotencyKey.hashCode(), stripes.length)];
    lock.lock();
    try {
      return attempt.execute(tx -> takeIn(complaint, receivedBy, idempotencyKey, receivedAt, how));
    } catch (IdempotentRetry raced) {
      return new Result(read.execute(tx -> earlier(raced.key)).orElseThrow(() -> raced), false);
    } finally {
      lock.unlock();
    }
  }

  /** The case for an idempotency key that was already used, if any. */
  private Optional<CaseRecord> earlier(String idempotencyKey) {
    return idempotencyKey == null ? Optional.empty() : records.findByIdempotencyKey(idempotencyKey);
  }

  /** One attempt; runs in the transaction {@link #takeInOnce} opens for it. */
  private Result takeIn(NewCase complaint, String receivedBy, String idempotencyKey, Instant receivedAt,
      String how) {
    Optional<CaseRecord> earlier = earlier(idempotencyKey);
    if (earlier.isPresent()) {
      return new Result(earlier.get(), false);
    }
    Instant now = clock.instant();
    boolean earlierArrival = receivedAt != null && receivedAt.isBefore(now);
    if (earlierArrival) {
      now = receivedAt;
    }
    CaseRecord record;
    try {
      record = filing.open(complaint, now, receivedBy, idempotencyKey, how);
    } catch (DuplicateKeyException | org.springframework.dao.ConcurrencyFailureException
        | org.springframework.dao.QueryTimeoutException raced) {
      if (idempotencyKey == null) {
        throw raced;
      }
      // a retry with the same key won the race; this transaction rolls back and the caller reads the winner
      throw new IdempotentRetry(idempotencyKey);
    }
    // who took it in is in the case record (not a process variable: two rows for nothing any step reads)
    var variables = Variables.createVariables();
    if (earlierArrival) {
      variables.putValue(Sla.RECEIVED_AT, java.util.Date.from(now));
    }
    try {
      runtimeService.createProcessInstanceByKey(PROCESS_KEY)
          .businessKey(record.number())
          .setVariables(variables)
          .execute();
    } catch (RuntimeException e) {
      // the case record, its timeline and its messages roll back with this transaction
      throw new CaseNotStarted(e);
    }
    LOG.info("Complaint {} taken in by {}", record.number(), receivedBy);
    return new Result(records.find(record.number()).orElseThrow(), true);
  }

  /** The complaint process could not be started (the model deployed, a decision or a delegate failed). */
  static class CaseNotStarted extends RuntimeException {
    CaseNotStarted(RuntimeException cause) {
      super("The complaint process could not be started", cause);
    }
  }

  /** A concurrent request with the same idempotency key stored its complaint first. */
  static class IdempotentRetry extends RuntimeException {
    final String key;

    IdempotentRetry(String key) {
      super("Concurrent retry for an idempotency key");
      this.key = key;
    }
  }
}
