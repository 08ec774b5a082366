package io.redress.casefile;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A complaint as it is taken in, by the complaint API or by the phone-intake start form.
 * The field names are those of {@code POST /api/complaints}. Text is stored as it was sent, never
 * evaluated; control characters are refused (line breaks and tabs are allowed in the long texts).
 */
@Schema(name = "NewComplaint", description = """
    A complaint as a channel takes it in. Only `customer.name` and `description` are required. Text is stored as \
    sent; control characters are refused (line breaks and tabs are allowed in `description` and `resolution`). \
    Unknown fields, and values of the wrong JSON type, are refused too.""")
public record NewCase(
    @Schema(description = "The customer who complains.", requiredMode = Schema.RequiredMode.REQUIRED)
    @NotNull(message = "is required") @Valid Customer customer,
    @Schema(description = "The channel the complaint came in by.", defaultValue = "phone", example = "phone",
        allowableValues = {"phone", "chat", "email", "social", "web", "letter", "visit"})
    @Pattern(regexp = CHANNELS, message = "must be one of: phone, chat, email, social, web, letter, visit")
    String channel,
    @Schema(description = """
        The order (booking) the complaint is about. For a phone or chat complaint about an order, `identityCheck` \
        is required.""", example = "TRV-2026-884512")
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String orderRef,
    @Schema(description = "What the customer complains about, in their words.",
        requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
        example = "上海—三亚的航班 MU5301 被取消，改签到第二天；三亚湾的酒店仍然收了第一晚的房费 680 元，拒绝退款。")
    @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String description,
    @Schema(description = "What the customer wants.", example = "refund",
        allowableValues = {"explanation", "apology", "refund", "credit", "replacement", "compensation"})
    @Pattern(regexp = OUTCOMES,
        message = "must be one of: explanation, apology, refund, credit, replacement, compensation")
    String desiredOutcome,
    @Schema(description = """
        The amount the customer claims, at most 2 decimal places. It decides who approves the resolution \
        (supervisors up to 1,000, managers up to 10,000, directors above).""", example = "680.00",
        multipleOf = 0.01)
    @DecimalMin(value = "0", message = "must not be negative")
    @DecimalMax(value = "100000000", message = "must not exceed 100000000")
    @Digits(integer = 9, fraction = 2, message = "must have at most 2 decimal places")
    BigDecimal amountClaimed,
    @Schema(description = "The ISO 4217 code of `amountClaimed`.", defaultValue = DEFAULT_CURRENCY,
        example = DEFAULT_CURRENCY)
    @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as CNY") String currency,
    @Schema(description = "The customer's safety is or was at risk: the case is classified urgent.",
        defaultValue = "false", example = "false")
    Boolean safetyRisk,
    @Schema(description = """
        The complaint was resolved while it was taken in: the case goes straight to the customer's feedback. \
        Say how in `resolution`.""", defaultValue = "false", example = "false")
    Boolean resolvedAtIntake,
    @Schema(description = "How the complaint was resolved at intake (with `resolvedAtIntake`).",
        example = "已向酒店核实，第一晚房费 680 元原路退回。")
    @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String resolution,
    // implementation: the @AssertTrue isIdentityCheck() below would otherwise make this a boolean in the document
    @Schema(implementation = IdentityCheck.class, description = """
        How the caller's identity was confirmed before the order was discussed: required for a phone or chat \
        complaint with an `orderRef`.""")
    @Valid IdentityCheck identityCheck,
    @Schema(description = """
        The channel's own id of the message that brought the complaint in. Without an `Idempotency-Key` header it \
        makes a redelivery of the same message a retry (answered 200 with the first complaint).""",
        example = "call-20261125-0931-0042")
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String channelMessageId) {

  public static final String CHANNELS = "^(phone|chat|email|social|web|letter|visit)$";
  public static final String OUTCOMES = "^(explanation|apology|refund|credit|replacement|compensation)$";
  public static final String DEFAULT_CURRENCY = "CNY";
  /*
   * The patterns are written so that Java (Bean Validation, whole value) and the OpenAPI document (JSON Schema,
   * ECMA-262 regular expressions, which match anywhere unless anchored) read them the same: anchored, and only
   * syntax both know (no \p{...} classes).
   */
  /** No control characters at all (U+0000 to U+001F and U+007F, Java's \p{Cntrl}). */
  public static final String SINGLE_LINE = "^[^\\x00-\\x1F\\x7F]*$";
  /** No control characters but line breaks and tabs. */
  public static final String MULTI_LINE = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$";
  public static final String PHONE = "^\\+?[0-9][0-9 -]{5,19}$";
  public static final String TIERS = "^(standard|premium|vip)$";
  public static final String CURRENCY = "^[A-Z]{3}$";
  public static final String NO_CONTROL = "must not contain control characters";

  /** The customer who complains. */
  @Schema(name = "NewComplaintCustomer", description = """
      The customer who complains. A customer already known by this phone number or e-mail address is the same \
      customer: their record is never overwritten; a name, number, address or tier that differs from it is kept \
      beside it with this complaint (`customer.otherDetails` of the complaint).""")
  public record Customer(
      @Schema(description = "The customer's name as they give it.", requiredMode = Schema.RequiredMode.REQUIRED,
          minLength = 1, example = "王芳")
      @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
      @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String name,
      @Schema(description = "A phone number: 6 to 20 digits, spaces or hyphens, an optional leading `+`.",
          example = "13800138000")
      @Pattern(regexp = PHONE, message = "must be a phone number of 6 to 20 digits")
      String phone,
      @Schema(description = "An e-mail address.", example = "wang.fang@example.com")
      @Email(message = "must be an e-mail address") @Size(max = 254, message = "must be at most 254 characters")
      @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String email,
      @Schema(description = "The customer's tier.", defaultValue = "standard", example = "premium",
          allowableValues = {"standard", "premium", "vip"})
      @Pattern(regexp = TIERS, message = "must be one of: standard, premium, vip") String tier) {

    public String tierOrDefault() {
      return tier == null ? Tier.STANDARD.wire() : tier;
    }
  }

  /**
   * How the caller's identity was confirmed before the order was discussed: the caller is the booker, or
   * calls from the order's reserved number, or stated their relationship to the booker (and the order number);
   * or the check failed, and no order data goes back to the caller.
   */
  @Schema(name = "IdentityCheck", description = """
      How the caller's identity was confirmed before the order was discussed. When it `failed`, the case never \
      shows the order reference.""")
  public record IdentityCheck(
      @Schema(description = """
          `booker`: the caller made the booking; `reserved-number`: the caller calls from the order's reserved \
          number; `stated-relationship`: the caller stated their relationship to the booker and the order number; \
          `failed`: the identity could not be confirmed.""", requiredMode = Schema.RequiredMode.REQUIRED,
          example = "booker", allowableValues = {"booker", "reserved-number", "stated-relationship", "failed"})
      @NotNull(message = "is required")
      @Pattern(regexp = IDENTITY_RESULTS, message = "must be one of: booker, reserved-number, stated-relationship, failed")
      String result,
      // implementation: the @AssertTrue isRelationship() below would otherwise make this a boolean in the document
      @Schema(implementation = String.class, description = """
          The caller's relationship to the booker: required when `result` is `stated-relationship`.""",
          example = "配偶 (spouse)")
      @Size(max = 200, message = "must be at most 200 characters")
      @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String relationship) {

    @AssertTrue(message = "is required when the result is stated-relationship")
    public boolean isRelationship() {
      return !"stated-relationship".equals(result) || (relationship != null && !relationship.isBlank());
    }

    public boolean failed() {
      return "failed".equals(result);
    }
  }

  public static final String IDENTITY_RESULTS = "^(booker|reserved-number|stated-relationship|failed)$";

  /** Phone and chat: before an order is discussed, the record must say how the caller's identity was checked. */
  @AssertTrue(message = "is required for a phone or chat complaint about an order")
  public boolean isIdentityCheck() {
    boolean spoken = Channel.PHONE.is(channelOrDefault()) || Channel.CHAT.is(channel);
    return !spoken || orderRef == null || orderRef.isBlank() || identityCheck != null;
  }

  public String channelOrDefault() {
    return channel == null ? Channel.PHONE.wire() : channel;
  }

  public String currencyOrDefault() {
    return currency == null ? DEFAULT_CURRENCY : currency;
  }

  public boolean isSafetyRisk() {
    return Boolean.TRUE.equals(safetyRisk);
  }

  public boolean isResolvedAtIntake() {
    return Boolean.TRUE.equals(resolvedAtIntake);
  }
}
