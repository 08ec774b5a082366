package io.redress.intake;

import io.redress.casefile.NewCase;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the customer sent after the complaint was taken in. */
@Schema(description = "A later message from the customer about an open complaint.")
record CustomerMessage(
    @Schema(description = "What the customer wrote or said; line breaks and tabs allowed, no other control characters.",
        requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
        example = "酒店今天回复说只能退一半（340 元），我不接受。")
    @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String text,
    @Schema(description = "The channel the message came by; the complaint's own channel when absent.",
        example = "email", allowableValues = {"phone", "chat", "email", "social", "web", "letter", "visit"})
    @Pattern(regexp = NewCase.CHANNELS, message = "must be one of: phone, chat, email, social, web, letter, visit")
    String channel,
    @Schema(description = """
        The channel's own id of the message: the same id sent again is a retry, answered 200 with the message \
        recorded first.""", example = "mail-20261126-7731")
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = NewCase.SINGLE_LINE, message = NewCase.NO_CONTROL) String messageId) {
}
