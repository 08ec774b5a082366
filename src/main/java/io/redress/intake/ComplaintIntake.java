package io.redress.intake;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private final Timeline timeline;
  private final RuntimeService runtimeService;

  ComplaintIntake(CaseRecords records, Timeline timeline, RuntimeService runtimeService) {
    this.records = records;
    this.timeline = timeline;
    this.runtimeService = runtimeService;
  }

  record Result(CaseRecord record, boolean created) {
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
    String number = records.nextNumber(now);
    CaseRecord record;
    try {
      record = records.create(number, complaint, now, receivedBy, idempotencyKey);
    } catch (DuplicateKeyException raced) {
      // a retry with the same key won the race; this transaction rolls back and the caller reads the winner
      throw new IdempotentRetry(idempotencyKey);
    }
    timeline.record(number, now, TimelineEvent.RECEIVED, "intake", receivedBy,
        "Received by " + record.channel() + " through the complaint API");
    runtimeService.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(number)
        .setVariables(Variables.createVariables().putValue(RECEIVED_BY, receivedBy))
        .execute();
    LOG.info("Complaint {} taken in through the API", number);
    return new Result(records.find(number).orElseThrow(), true);
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
