package io.redress.tracking;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The customer's answer to the feedback survey: five levels of satisfaction and three scores. */
@Schema(name = "TrackedFeedback", description = """
    The customer's feedback: the satisfaction (five levels) and, each optional, the scores of the staff's attitude, \
    the speed and the effectiveness of the handling (1 to 5) and a comment.""")
record Survey(
    @Schema(description = "The signed token of a look-up or a link.", requiredMode = Schema.RequiredMode.REQUIRED,
        example = "Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1...")
    @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters") String token,
    @Schema(description = "How satisfied the customer is.", requiredMode = Schema.RequiredMode.REQUIRED,
        example = "satisfied", allowableValues = {"very_satisfied", "satisfied", "basically_satisfied",
        "dissatisfied", "very_dissatisfied"})
    @NotBlank(message = "is required")
    @Pattern(regexp = LEVELS, message = "must be one of: very_satisfied, satisfied, basically_satisfied, "
        + "dissatisfied, very_dissatisfied") String satisfaction,
    @Schema(description = "The staff's attitude, 1 (poor) to 5 (excellent).", example = "5", minimum = "1",
        maximum = "5")
    @Min(value = 1, message = "must be from 1 to 5") @Max(value = 5, message = "must be from 1 to 5") Integer attitude,
    @Schema(description = "The speed of the handling, 1 to 5.", example = "4", minimum = "1", maximum = "5")
    @Min(value = 1, message = "must be from 1 to 5") @Max(value = 5, message = "must be from 1 to 5") Integer speed,
    @Schema(description = "How well the problem was solved, 1 to 5.", example = "4", minimum = "1", maximum = "5")
    @Min(value = 1, message = "must be from 1 to 5") @Max(value = 5, message = "must be from 1 to 5")
    Integer effectiveness,
    @Schema(description = "A comment in the customer's words.", example = "退款很快到账，谢谢。")
    @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = io.redress.casefile.NewCase.MULTI_LINE, message = io.redress.casefile.NewCase.NO_CONTROL)
    String comment) {

  static final String LEVELS = "^(very_satisfied|satisfied|basically_satisfied|dissatisfied|very_dissatisfied)$";
}
