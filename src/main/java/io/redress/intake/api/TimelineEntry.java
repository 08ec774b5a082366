package io.redress.intake.api;

import io.redress.casefile.TimelineEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One entry of a case's timeline, as the case view shows it. */
@Schema(name = "TimelineEvent", description = "One entry of a case's timeline.")
public record TimelineEntry(
    @Schema(description = "When it happened.", example = "2026-11-25T01:31:07Z")
    Instant at,
    @Schema(description = "What happened.", example = "received", allowableValues = {"received", "classified",
        "assigned", "task-created", "task-claimed", "task-completed", "deadline-escalated", "approved", "sent-back",
        "feedback", "contact-failed", "reopened", "withdrawn", "closed", "identity-confirmed", "identity-failed",
        "linked", "customer-message", "erased", "escalation-raised", "customer-notified", "deadline-warned",
        "deadline-missed", "follow-up", "paused", "resumed", "replied"})
    String type,
    @Schema(description = "The stage it happened in.", example = "intake")
    String stage,
    @Schema(description = "Who did it: a user id, or `system`.", example = "fiona")
    String actor,
    @Schema(description = "What happened, in words.", example = "Received by phone through the complaint API")
    String detail) {

  public static TimelineEntry of(TimelineEvent e) {
    return new TimelineEntry(e.at(), e.type(), e.stage(), e.actor(), e.detail());
  }
}
