package io.redress.intake;

import io.redress.casefile.NewCase;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The customer withdraws the complaint, and why. */
record Withdrawal(
    @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
    @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String reason) {
}
