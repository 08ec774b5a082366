package io.redress.casefile;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Opens the case record of a new complaint, whichever way it came in: its customer (recognised again by phone or
 * e-mail), the link to an earlier complaint about the same order within the window (a second complaint),
 * the identity check, and "received" on the timeline. Runs inside the caller's transaction.
 */
@Service
public class CaseFiling {

  /** How a complaint came in ({@code how} of {@link #open}): through the complaint API. */
  public static final String THROUGH_API = "api";
  /** ... by phone, recorded with Tasklist's intake form. */
  public static final String THROUGH_TASKLIST = "tasklist";
  /** ... from the complaints mailbox (an e-mail). */
  public static final String FROM_MAILBOX = "mailbox";
  /** ... as the trial complaint of a deployment (never committed). */
  public static final String ON_TRIAL = "trial";

  private final CaseRecords records;
  private final Customers customers;
  private final Timeline timeline;
  private final Duration secondComplaintWindow;

  CaseFiling(CaseRecords records, Customers customers, Timeline timeline,
      @Value("${redress.second-complaint-window:P30D}") Duration secondComplaintWindow) {
    this.records = records;
    this.customers = customers;
    this.timeline = timeline;
    this.secondComplaintWindow = secondComplaintWindow;
  }

  /** Opens the case record; {@code how}: {@link #THROUGH_API}, {@link #THROUGH_TASKLIST} or {@link #ON_TRIAL}. */
  public CaseRecord open(NewCase complaint, Instant now, String receivedBy, String idempotencyKey, String how) {
    return open(complaint, now, receivedBy, idempotencyKey, how, records.nextNumber(now));
  }

  /** Opens the case under a number given by the caller (the deployment's trial complaint, never committed). */
  public CaseRecord open(NewCase complaint, Instant now, String receivedBy, String idempotencyKey, String how,
      String number) {
    Customers.Ref customer = customers.findOrCreate(complaint.customer(), now);
    String customerId = customer.id();
    // a customer made just now has no earlier complaint and no record that could differ from what they gave
    String earlier = customer.created() ? null : records.earlierAboutSameOrder(customerId, complaint.orderRef(),
        now.minus(secondComplaintWindow)).orElse(null);
    CaseRecord record = records.create(number, complaint, now, receivedBy, idempotencyKey, customerId, earlier);
    if (!customer.created()) {
      customers.recordOtherDetails(customerId, complaint.customer(), number, now);
    }
    timeline.record(number, now, TimelineEvent.RECEIVED, "intake", receivedBy,
        TimelineFacts.say("received." + how).with("channel", record.channel()));
    if (complaint.identityCheck() != null) {
      NewCase.IdentityCheck check = complaint.identityCheck();
      timeline.record(number, now, check.failed() ? TimelineEvent.IDENTITY_FAILED : TimelineEvent.IDENTITY_CONFIRMED,
          "intake", receivedBy, check.failed() ? TimelineFacts.say(TimelineEvent.IDENTITY_FAILED)
              : TimelineFacts.say(TimelineEvent.IDENTITY_CONFIRMED).with("check", check.result()));
    }
    if (earlier != null) {
      timeline.record(number, now, TimelineEvent.LINKED, "intake", "system",
          TimelineFacts.say("linked.later").with("earlier", earlier).with("days", secondComplaintWindow.toDays()));
      timeline.record(earlier, now, TimelineEvent.LINKED, null, "system",
          TimelineFacts.say("linked.earlier").with("later", number));
    }
    return record;
  }
}
