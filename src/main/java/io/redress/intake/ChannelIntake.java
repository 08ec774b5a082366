package io.redress.intake;


import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake for channels that read their messages themselves (the complaints mailbox): the same complaint intake,
 * validation and case updates as the complaint API ({@code POST /api/complaints}, {@code POST .../messages}), in
 * the caller's transaction, so that what the channel keeps beside (its own record of the message, the evidence)
 * commits with the complaint or not at all.
 */
@Service
public class ChannelIntake {

  private final ComplaintIntake intake;
  private final CaseUpdates updates;
  private final CaseRecords records;
  private final Validator validator;

  ChannelIntake(ComplaintIntake intake, CaseUpdates updates, CaseRecords records, Validator validator) {
    this.intake = intake;
    this.updates = updates;
    this.records = records;
    this.validator = validator;
  }

  /** The case a complaint went into; {@code created} false when its channel message id was taken in before. */
  public record Taken(String number, boolean created) {
  }

  /** The complaint or message fails the API's validation: the fields at fault (never their values). */
  public static class Invalid extends RuntimeException {
    private final List<String> fields;

    Invalid(List<String> fields) {
      super("Invalid fields: " + String.join(", ", fields));
      this.fields = fields;
    }

    public List<String> fields() {
      return fields;
    }
  }

  /**
   * Takes a complaint in as {@code POST /api/complaints} does (its channel message id making a second reading a
   * retry), received at {@code receivedAt} (null: now; the SLA policy's customer deadlines count from it).
   */
  @Transactional
  public Taken complaint(NewCase complaint, Instant receivedAt, String receivedBy, String how) {
    check(validator.validate(complaint));
    String key = complaint.channelMessageId() == null ? null
        : complaint.channelOrDefault() + ":" + complaint.channelMessageId();
    ComplaintIntake.Result result = intake.takeInOnce(complaint, receivedBy, key, receivedAt, how);
    return new Taken(result.record().number(), result.created());
  }

  /** Whether a case of this number exists and is open (a later message can go on it). */
  @Transactional(readOnly = true)
  public boolean isOpen(String number) {
    return records.find(number).map(CaseRecord::isOpen).orElse(false);
  }

  /**
   * A later message of the customer on an open case, as {@code POST /api/complaints/{id}/messages}: on the timeline,
   * in the open task's form, and it resumes a case that waits on the customer. Ask {@link #isOpen} first.
   *
   * @return false when a message with this id was recorded on the case before
   */
  @Transactional
  public boolean message(String number, String text, String channel, String messageId, String recordedBy) {
    CustomerMessage message = new CustomerMessage(text, channel, messageId);
    check(validator.validate(message));
    return updates.addMessage(number, message, recordedBy).created();
  }

  private static <T> void check(Set<ConstraintViolation<T>> violations) {
    if (!violations.isEmpty()) {
      throw new Invalid(violations.stream().map(v -> v.getPropertyPath().toString()).sorted().distinct().toList());
    }
  }
}
