package io.redress.intake;

import io.redress.casefile.NewCase;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the customer sent after the complaint was taken in. */
record CustomerMessage(
    @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String text,
    @Pattern(regexp = NewCase.CHANNELS, message = "must be one of: phone, chat, email, social, web, letter, visit")
    String channel,
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = NewCase.SINGLE_LINE, message = NewCase.NO_CONTROL) String messageId) {
}
