package io.redress.intake;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.DeadlinePause;
import io.redress.sla.Sla;
import java.time.Clock;
import java.util.Map;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What happens to an open case from outside its tasks: the customer writes again, or withdraws. */
@Service
class CaseUpdates {

  private final CaseRecords records;
  private final CustomerContacts contacts;
  private final Timeline timeline;
  private final RuntimeService runtimeService;
  private final DateTimeFormatter format;
  private final DeadlinePause pause;
  private final Notifications notifications;
  private final Sla sla;

  private final Clock clock;

  CaseUpdates(CaseRecords records, CustomerContacts contacts, Timeline timeline, RuntimeService runtimeService,
      @Value("${redress.calendar.zone:Asia/Shanghai}") String zone, DeadlinePause pause, Notifications notifications,
      Sla sla, Clock clock) {
    this.clock = clock;
    this.pause = pause;
    this.notifications = notifications;
    this.sla = sla;
    this.records = records;
    this.contacts = contacts;
    this.timeline = timeline;
    this.runtimeService = runtimeService;
    this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of(zone));
  }

  record Added(CustomerContacts.Contact contact, boolean created) {
  }

  /**
   * Records a later message of the customer on the case and its timeline, and shows it in the open task's form
   * (process variable {@code customerMessages}). A repeated message id returns the first.
   */
  @Transactional
  Added addMessage(String number, CustomerMessage message, String recordedBy) {
    CaseRecord record = open(number);
    if (message.messageId() != null) {
      var earlier = contacts.byMessageId(number, message.messageId());
      if (earlier.isPresent()) {
        return new Added(earlier.get(), false);
      }
    }
    Instant now = clock.instant();
    String channel = message.channel() == null ? record.channel() : message.channel();
    CustomerContacts.Contact contact = contacts.add(number, now, CustomerContacts.INBOUND, channel, recordedBy,
        message.messageId(), message.text());
    timeline.record(number, now, TimelineEvent.CUSTOMER_MESSAGE, record.stage(), recordedBy,
        TimelineFacts.say(TimelineEvent.CUSTOMER_MESSAGE).with("channel", channel)
            .with("characters", message.text().length()));
    if (record.processInstanceId() != null) {
      String all = contacts.inboundOf(number).stream()
          .map(c -> format.format(c.at()) + " (" + c.channel() + "): " + c.content())
          .collect(Collectors.joining("\n\n"));
      runtimeService.setVariable(record.processInstanceId(), CUSTOMER_MESSAGES, all);
    }
    if (records.pausedAt(number).isPresent()) {
      pause.resume(record, recordedBy, true);
    }
    return new Added(contact, true);
  }

  /** The case waits on the customer: its deadlines stand still (409 when it waits already or is not open). */
  @Transactional
  CaseRecord pause(String number, String reason, String actor) {
    CaseRecord record = open(number);
    if (records.pausedAt(number).isPresent()) {
      throw new AlreadyWaiting(number);
    }
    pause.pause(record, reason, actor);
    return records.find(number).orElseThrow();
  }

  /** Staff resume a paused case (the customer answered by other means). */
  @Transactional
  CaseRecord resume(String number, String actor) {
    CaseRecord record = open(number);
    if (records.pausedAt(number).isEmpty()) {
      throw new NotWaiting(number);
    }
    pause.resume(record, actor, false);
    return records.find(number).orElseThrow();
  }

  /**
   * A person replies to the customer through the outbox: the first reply, the effective reply and the
   * acknowledgement are met. The same key again sends nothing more.
   */
  @Transactional
  boolean reply(String number, Reply reply, String actor, String key) {
    CaseRecord record = open(number);
    Notifications.Channel channel = reply.channel() == null ? null
        : "sms".equals(reply.channel()) ? Notifications.Channel.SMS : Notifications.Channel.EMAIL;
    boolean queued = notifications.toCustomer(number, channel, Templates.REPLY, Map.of("text", reply.text()),
        "reply:" + number + ":" + key);
    if (queued) {
      sla.met(number, Sla.FIRST_REPLY);
      sla.met(number, Sla.EFFECTIVE_REPLY);
      sla.met(number, Sla.ACKNOWLEDGE);
      timeline.record(number, clock.instant(), TimelineEvent.REPLIED, record.stage(), actor,
          TimelineFacts.say(TimelineEvent.REPLIED).with("characters", reply.text().length()));
    }
    return queued;
  }

  /** The customer withdraws: the process ends through its withdrawal event, the case is closed as withdrawn. */
  @Transactional
  CaseRecord withdraw(String number, String reason, String recordedBy) {
    open(number);
    runtimeService.createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(number)
        .setVariable(WITHDRAWAL_REASON, reason).setVariable(WITHDRAWAL_RECORDED_BY, recordedBy).correlate();
    return records.find(number).orElseThrow();
  }

  private CaseRecord open(String number) {
    CaseRecord record = records.findForUpdate(number)
        .orElseThrow(() -> new ComplaintNotFound(number));
    if (!record.isOpen()) {
      throw new CaseClosed(number, record.status().wire());
    }
    return record;
  }

  /** There is no complaint of this number. */
  static class ComplaintNotFound extends RuntimeException {
    ComplaintNotFound(String number) {
      super("No complaint " + number);
    }

    /** Something of an existing complaint is not there (its detail says what). */
    ComplaintNotFound(String detail, boolean ofComplaint) {
      super(detail);
    }
  }

  /** The case waits on the customer already (a second pause). */
  static class AlreadyWaiting extends RuntimeException {
    AlreadyWaiting(String number) {
      super("Complaint " + number + " already waits on the customer");
    }
  }

  /** The case does not wait on the customer (a resumption without a pause). */
  static class NotWaiting extends RuntimeException {
    NotWaiting(String number) {
      super("Complaint " + number + " does not wait on the customer");
    }
  }

  /** The case is no longer open: closed, closed without response, or withdrawn. */
  static class CaseClosed extends RuntimeException {
    CaseClosed(String number, String status) {
      super("Complaint " + number + " is " + status + "; a new message needs a new complaint");
    }
  }
}
