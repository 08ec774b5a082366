package io.redress.intake;

import io.redress.casefile.NewCase;

/**
 * What a customer may do without an account (the public status page, io.redress.tracking): take a complaint in
 * and write on an open case. The same services as the complaint API, so the same rules, timeline and process.
 */
@org.springframework.stereotype.Service
public class CustomerRequests {

  private final ComplaintIntake intake;
  private final CaseUpdates updates;

  CustomerRequests(ComplaintIntake intake, CaseUpdates updates) {
    this.intake = intake;
    this.updates = updates;
  }

  /** Takes the complaint in (validated by the caller like the API's body); returns the new complaint number. */
  public String takeIn(NewCase complaint, String receivedBy) {
    return intake.takeInOnce(complaint, receivedBy, null).record().number();
  }

  /**
   * Adds the customer's message like {@code POST /api/complaints/{id}/messages}: the timeline, the open task's
   * form, and a case that waits on the customer resumes. A closed case answers 409 (the API's problem).
   */
  public void addMessage(String number, String text, String channel, String recordedBy) {
    updates.addMessage(number, new CustomerMessage(text, channel, null), recordedBy);
  }
}
