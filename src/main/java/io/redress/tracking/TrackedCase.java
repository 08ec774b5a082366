package io.redress.tracking;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A complaint as its customer sees it on the status page. */
@Schema(name = "TrackedComplaint", description = """
    A complaint as its customer sees it: the stage in plain words, the next date promised, the messages between \
    the customer and us. Nothing else of the case: no personal details, no notes of the staff.""")
record TrackedCase(
    @Schema(description = "The complaint number.", example = "CMP-2026-000042",
        requiredMode = Schema.RequiredMode.REQUIRED)
    String number,
    @Schema(description = "Where the complaint stands, in plain words.", example = "being-looked-into",
        requiredMode = Schema.RequiredMode.REQUIRED,
        allowableValues = {RECEIVED, LOOKED_INTO, DECIDED, CARRIED_OUT, RESOLVED, CLOSED})
    String stage,
    @Schema(description = "When the complaint was received.", example = "2026-11-25T03:00:00Z",
        requiredMode = Schema.RequiredMode.REQUIRED)
    Instant receivedAt,
    @Schema(description = """
        The next date we promised the customer (the earliest open customer deadline); absent when none is open, \
        the case is closed, or it waits on the customer.""", example = "2026-11-28T10:00:00Z")
    Instant nextDate,
    @Schema(description = "The time zone of the service centre, to show the dates in.", example = "Asia/Shanghai",
        requiredMode = Schema.RequiredMode.REQUIRED)
    String zone,
    @Schema(description = "The case waits on the customer: a message from them resumes it.", example = "false",
        requiredMode = Schema.RequiredMode.REQUIRED)
    boolean waitingForCustomer,
    @Schema(description = "The case is open: a message may be added.", example = "true",
        requiredMode = Schema.RequiredMode.REQUIRED)
    boolean open,
    @Schema(description = "We ask for the customer's feedback now: the survey may be answered.", example = "false",
        requiredMode = Schema.RequiredMode.REQUIRED)
    boolean feedbackRequested,
    @Schema(description = "The customer answered the survey on this page.", example = "false",
        requiredMode = Schema.RequiredMode.REQUIRED)
    boolean feedbackGiven,
    @Schema(description = "What we sent the customer and what they sent us, oldest first.",
        requiredMode = Schema.RequiredMode.REQUIRED)
    List<Message> messages,
    @Schema(description = """
        A signed token for the next requests about this complaint (message, feedback); it expires \
        (`redress.tracking.session-validity`).""", example = "Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1...",
        requiredMode = Schema.RequiredMode.REQUIRED)
    String token) {

  static final String RECEIVED = "received";
  static final String LOOKED_INTO = "being-looked-into";
  static final String DECIDED = "decision-made";
  static final String CARRIED_OUT = "being-carried-out";
  static final String RESOLVED = "resolved";
  static final String CLOSED = "closed";

  /** One message between the customer and us. */
  @Schema(name = "TrackedMessage", description = "A message between the customer and us.")
  record Message(
      @Schema(description = "When it was sent or received.", example = "2026-11-25T03:00:05Z",
          requiredMode = Schema.RequiredMode.REQUIRED)
      Instant at,
      @Schema(description = "`to-customer`: we sent it; `from-customer`: the customer did.",
          example = "to-customer", requiredMode = Schema.RequiredMode.REQUIRED,
          allowableValues = {TO_CUSTOMER, FROM_CUSTOMER})
      String direction,
      @Schema(description = "Its text (without the salutation of our messages).",
          example = "We have received your complaint CMP-2026-000042.", requiredMode = Schema.RequiredMode.REQUIRED)
      String text) {

    static final String TO_CUSTOMER = "to-customer";
    static final String FROM_CUSTOMER = "from-customer";
  }
}
