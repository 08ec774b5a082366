package io.redress.casefile;

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
 * The field names are the contract's ({@code POST /api/complaints}). Text is stored as it was sent, never
 * evaluated; control characters are refused (line breaks and tabs are allowed in the long texts).
 */
public record NewCase(
    @NotNull(message = "is required") @Valid Customer customer,
    @Pattern(regexp = CHANNELS, message = "must be one of: phone, chat, email, social, web, letter, visit")
    String channel,
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String orderRef,
    @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String description,
    @Pattern(regexp = OUTCOMES,
        message = "must be one of: explanation, apology, refund, credit, replacement, compensation")
    String desiredOutcome,
    @DecimalMin(value = "0", message = "must not be negative")
    @DecimalMax(value = "100000000", message = "must not exceed 100000000")
    @Digits(integer = 9, fraction = 2, message = "must have at most 2 decimal places")
    BigDecimal amountClaimed,
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
    Boolean safetyRisk,
    Boolean resolvedAtIntake,
    @Size(max = 4000, message = "must be at most 4000 characters")
    @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String resolution,
    @Valid IdentityCheck identityCheck,
    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String channelMessageId) {

  public static final String CHANNELS = "phone|chat|email|social|web|letter|visit";
  public static final String OUTCOMES = "explanation|apology|refund|credit|replacement|compensation";
  public static final String DEFAULT_CURRENCY = "CNY";
  /** No control characters at all. */
  public static final String SINGLE_LINE = "[^\\p{Cntrl}]*";
  /** No control characters but line breaks and tabs. */
  public static final String MULTI_LINE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
  public static final String NO_CONTROL = "must not contain control characters";

  /** The customer who complains. */
  public record Customer(
      @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
      @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String name,
      @Pattern(regexp = "\\+?[0-9][0-9 -]{5,19}", message = "must be a phone number of 6 to 20 digits")
      String phone,
      @Email(message = "must be an e-mail address") @Size(max = 254, message = "must be at most 254 characters")
      @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String email,
      @Pattern(regexp = "standard|premium|vip", message = "must be one of: standard, premium, vip") String tier) {

    public String tierOrDefault() {
      return tier == null ? "standard" : tier;
    }
  }

  /**
   * How the caller's identity was confirmed before the order was discussed (§6): the caller is the booker, or
   * calls from the order's reserved number, or stated their relationship to the booker (and the order number);
   * or the check failed, and no order data goes back to the caller.
   */
  public record IdentityCheck(
      @NotNull(message = "is required")
      @Pattern(regexp = IDENTITY_RESULTS, message = "must be one of: booker, reserved-number, stated-relationship, failed")
      String result,
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

  public static final String IDENTITY_RESULTS = "booker|reserved-number|stated-relationship|failed";

  /** Phone and chat: before an order is discussed, the record must say how the caller's identity was checked. */
  @AssertTrue(message = "is required for a phone or chat complaint about an order")
  public boolean isIdentityCheck() {
    boolean spoken = "phone".equals(channelOrDefault()) || "chat".equals(channel);
    return !spoken || orderRef == null || orderRef.isBlank() || identityCheck != null;
  }

  public String channelOrDefault() {
    return channel == null ? "phone" : channel;
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
