package io.redress.intake;

import io.redress.casefile.NewCase;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A person's reply to the customer, sent through the outbox. */
@Schema(description = "A reply to the customer, sent by e-mail or text message.")
record Reply(
    @Schema(description = "What we tell the customer.", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
        example = "我们已联系酒店核实情况，明天 17:00 前给您答复。")
    @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String text,
    @Schema(description = "How it travels; omitted: the customer's usual channel (e-mail for e-mail cases or when "
        + "there is no phone number, else SMS).", example = "email", allowableValues = {"email", "sms"})
    @Pattern(regexp = "^(email|sms)$", message = "must be one of email, sms") String channel) {
}
