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

  public CaseRecord open(NewCase complaint, Instant now, String receivedBy, String idempotencyKey, String how) {
    return open(complaint, now, receivedBy, idempotencyKey, how, records.nextNumber(now));
  }

  /** Opens the case under a number given by the caller (the deployment's trial complaint, never committed). */
  public CaseRecord open(NewCase complaint, Instant now, String receivedBy, String idempotencyKey, String how,
      String number) {
    String customerId = customers.findOrCreate(complaint.customer(), now);
    String earlier = records.earlierAboutSameOrder(customerId, complaint.orderRef(),
        now.minus(secondComplaintWindow)).orElse(null);
    CaseRecord record = records.create(number, complaint, now, receivedBy, idempotencyKey, customerId, earlier);
    customers.recordOtherDetails(customerId, complaint.customer(), number, now);
    timeline.record(number, now, TimelineEvent.RECEIVED, "intake", receivedBy,
        "Received by " + record.channel() + " " + how);
    if (complaint.identityCheck() != null) {
      NewCase.IdentityCheck check = complaint.identityCheck();
      timeline.record(number, now, check.failed() ? TimelineEvent.IDENTITY_FAILED : TimelineEvent.IDENTITY_CONFIRMED,
          "intake", receivedBy, check.failed()
              ? "Caller's identity could not be confirmed: no order data disclosed"
              : "Caller's identity confirmed: " + check.result());
    }
    if (earlier != null) {
      timeline.record(number, now, TimelineEvent.LINKED, "intake", "system",
          "Second complaint about order of " + earlier + " (within " + secondComplaintWindow.toDays() + " days)");
      timeline.record(earlier, now, TimelineEvent.LINKED, null, "system",
          "The customer complained again about the same order: " + number);
    }
    return record;
  }
}
