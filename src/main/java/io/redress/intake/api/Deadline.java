package io.redress.intake.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A deadline as the case view shows it. */
@Schema(name = "Deadline", description = "One deadline of the case, with its state.")
public record Deadline(
    @Schema(description = "What the deadline is for: a task key, `escalation:<code>`, or `acknowledge`, "
        + "`first-reply`, `effective-reply`, `resolution`.", example = "investigateComplaint") String kind,
    @Schema(description = "In words.", example = "Investigate complaint") String label,
    @Schema(description = "How it is counted: `working` (the working-day calendar) or `clock`.",
        example = "working", allowableValues = {"working", "clock"}) String basis,
    @Schema(description = "When it started.") Instant startedAt,
    @Schema(description = "When it falls due; while paused, the due date it had when paused.") Instant dueAt,
    @Schema(description = "When the owner is (or was) reminded.") Instant warnAt,
    @Schema(description = "Its state now.", example = "on-time", allowableValues = {"on-time", "warned",
        "breached", "paused", "met", "met-late", "cancelled"}) String state,
    @Schema(description = "Who holds it: a user or candidate groups.", example = "hank") String owner,
    @Schema(description = "Whom its breach escalated to.", example = "managers") String escalatedTo,
    @Schema(description = "While paused: the time that was left, ISO-8601 (working or clock time, after "
        + "basis).", example = "PT6H30M") String remaining,
    @Schema(description = "When it was met or ended.") Instant closedAt) {
}
