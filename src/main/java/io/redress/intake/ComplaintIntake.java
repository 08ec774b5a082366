package io.redress.intake;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import io.redress.casefile.CaseFiling;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

  ComplaintIntake(CaseRecords records, CaseFiling filing, RuntimeService runtimeService) {
    this.records = records;
    this.filing = filing;
    this.runtimeService = runtimeService;
  }

  record Result(CaseRecord record, boolean created) {
  }

  /** Retries with one key that arrive together on this node take turns; across nodes the unique index decides. */
  private final Lock[] stripes = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

  /**
   * Takes the complaint in unless its idempotency key was used before: then the first complaint is the answer,
   * also when the retries race (the loser of a race on the unique key rolls back and reads the winner).
   * Not transactional itself: each attempt is a transaction of its own, run by the Spring proxy.
   */
  Result takeInOnce(NewCase complaint, String receivedBy, String idempotencyKey) {
    if (idempotencyKey == null) {
      return self.takeIn(complaint, receivedBy, null);
    }
    Lock lock = stripes[Math.floorMod(idempotencyKey.hashCode(), stripes.length)];
    lock.lock();
    try {
      return self.takeIn(complaint, receivedBy, idempotencyKey);
    } catch (IdempotentRetry raced) {
      return new Result(self.earlier(raced.key).orElseThrow(() -> raced), false);
    } finally {
      lock.unlock();
    }
  }

  /** This bean through its Spring proxy, so that each attempt runs in a transaction of its own. */
  private ComplaintIntake self;

  @Autowired
  void setSelf(@Lazy ComplaintIntake self) {
    this.self = self;
  }

  /** The case for an idempotency key that was already used, if any. */
  @Transactional(readOnly = true)
  Optional<CaseRecord> earlier(String idempotencyKey) {
    return idempotencyKey == null ? Optional.empty() : records.findByIdempotencyKey(idempotencyKey);
  }

  @Transactional
  Result takeIn(NewCase complaint, String receivedBy, String idempotencyKey) {
    Optional<CaseRecord> earlier = earlier(idempotencyKey);
    if (earlier.isPresent()) {
      return new Result(earlier.get(), false);
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    CaseRecord record;
    try {
      record = filing.open(complaint, now, receivedBy, idempotencyKey, CaseFiling.THROUGH_API);
    } catch (DuplicateKeyException | org.springframework.dao.ConcurrencyFailureException
        | org.springframework.dao.QueryTimeoutException raced) {
      if (idempotencyKey == null) {
        throw raced;
      }
      // a retry with the same key won the race; this transaction rolls back and the caller reads the winner
      throw new IdempotentRetry(idempotencyKey);
    }
    try {
      runtimeService.createProcessInstanceByKey(PROCESS_KEY)
          .businessKey(record.number())
          .setVariables(Variables.createVariables().putValue(RECEIVED_BY, receivedBy))
          .execute();
    } catch (RuntimeException e) {
      // the case record, its timeline and its messages roll back with this transaction
      throw new CaseNotStarted(e);
    }
    LOG.info("Complaint {} taken in through the API", record.number());
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
