package io.redress.casefile;

import jakarta.validation.Valid;
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
 * The field names are the contract's ({@code POST /api/complaints}).
 */
public record NewCase(
    @NotNull(message = "is required") @Valid Customer customer,
    @Pattern(regexp = CHANNELS, message = "must be one of: phone, chat, email, social, web, letter, visit")
    String channel,
    @Size(max = 100, message = "must be at most 100 characters") String orderRef,
    @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
    String description,
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
    @Size(max = 4000, message = "must be at most 4000 characters") String resolution) {

  public static final String CHANNELS = "phone|chat|email|social|web|letter|visit";
  public static final String OUTCOMES = "explanation|apology|refund|credit|replacement|compensation";
  public static final String DEFAULT_CURRENCY = "CNY";

  /** The customer who complains. */
  public record Customer(
      @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
      @Pattern(regexp = "\\+?[0-9][0-9 -]{5,19}", message = "must be a phone number of 6 to 20 digits")
      String phone,
      @Email(message = "must be an e-mail address") @Size(max = 254, message = "must be at most 254 characters")
      String email,
      @Pattern(regexp = "standard|premium|vip", message = "must be one of: standard, premium, vip") String tier) {

    public String tierOrDefault() {
      return tier == null ? "standard" : tier;
    }
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
