package io.redress.intake;

import io.redress.casefile.NewCase;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The customer withdraws the complaint, and why. */
@Schema(description = "The customer withdraws the complaint.")
record Withdrawal(
    @Schema(description = "Why the customer withdraws, in their words or as recorded by the agent.",
        requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, example = "酒店已全额退款，客户撤回投诉。")
    @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
    @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String reason) {
}
