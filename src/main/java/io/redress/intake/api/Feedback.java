package io.redress.intake.api;

import io.redress.casefile.CaseFeedback;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One answer of the customer, as the case view shows it. */
@Schema(name = "Feedback", description = """
    The customer's feedback when reached at the feedback stage: the satisfaction and the survey. A score \
    is absent when the customer did not answer that question.""")
public record Feedback(
    @Schema(description = "When it was recorded.", example = "2026-12-02T06:40:00Z") Instant at,
    @Schema(description = "Who recorded it.", example = "fiona") String recordedBy,
    @Schema(description = "The customer's satisfaction with the outcome.", example = "satisfied",
        allowableValues = {"very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
            "very_dissatisfied"}) String satisfaction,
    @Schema(description = "Our staff's attitude, 1 (poor) to 5 (excellent).", example = "5",
        minimum = "1", maximum = "5") Integer attitude,
    @Schema(description = "The speed of the handling, 1 to 5.", example = "4", minimum = "1", maximum = "5")
    Integer speed,
    @Schema(description = "The effectiveness of the resolution, 1 to 5.", example = "4", minimum = "1",
        maximum = "5") Integer effectiveness,
    @Schema(description = "The customer's comment, as recorded.", example = "退款很快，客服态度也好。")
    String comment) {

  public static Feedback of(CaseFeedback.Entry e) {
    return new Feedback(e.at(), e.recordedBy(), e.satisfaction(), e.attitude(), e.speed(), e.effectiveness(),
        e.comment());
  }
}
