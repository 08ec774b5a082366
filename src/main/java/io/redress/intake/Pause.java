package io.redress.intake;

import io.redress.casefile.NewCase;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The case waits on the customer, and why. */
@Schema(description = "The case waits on the customer: its deadlines stand still until the customer answers.")
record Pause(
    @Schema(description = "What we wait for.", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
        example = "Waiting for the customer's booking confirmation")
    @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
    @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String reason) {
}
