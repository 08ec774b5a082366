package io.redress.casefile;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The customers who complain. A customer is recognised again by phone number or e-mail address, so that a second
 * complaint about the same order is linked to the first.
 */
@Repository
public class Customers {

  private final JdbcTemplate jdbc;

  Customers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public record Customer(String id, String name, String phone, String email, String tier, Instant erasedAt) {
  }

  /** A customer's id, and whether this request made the customer (then nothing is known of them before it). */
  public record Ref(String id, boolean created) {
  }

  /** The customer with this phone number or e-mail address, or a new one. */
  public Ref findOrCreate(NewCase.Customer c, Instant now) {
    String phone = normalizePhone(c.phone());
    String email = normalizeEmail(c.email());
    Optional<String> known = Optional.empty();
    if (phone != null) {
      known = first("SELECT customer_id FROM customer WHERE phone = ? AND erased_at IS NULL ORDER BY created_at",
          phone);
    }
    if (known.isEmpty() && email != null) {
      known = first("SELECT customer_id FROM customer WHERE email = ? AND erased_at IS NULL ORDER BY created_at",
          email);
    }
    if (known.isPresent()) {
      // never over what we know: a missing phone or e-mail is filled in, anything else that differs is kept beside
      // the record by recordOtherDetails once the complaint has its number
      jdbc.update("UPDATE customer SET phone = COALESCE(phone, ?), email = COALESCE(email, ?) WHERE customer_id = ?",
          phone, email, known.get());
      return new Ref(known.get(), false);
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO customer (customer_id, name, phone, email, tier, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        id, c.name().strip(), phone, email, c.tierOrDefault(), Timestamp.from(now));
    return new Ref(id, true);
  }

  /** A detail a complaint gave for a known customer that differs from their record, and that complaint. */
  @Schema(name = "CustomerOtherDetail", description = """
      A detail a later complaint gave for this customer that differs from their record: kept beside it, never over \
      it. Phone numbers and e-mail addresses masked.""")
  public record OtherDetail(
      @Schema(description = "Which detail.", example = "name", requiredMode = Schema.RequiredMode.REQUIRED,
          allowableValues = {NAME, PHONE, EMAIL, TIER})
      String detail,
      @Schema(description = "The value that complaint gave (phone and e-mail masked).", example = "王小芳",
          requiredMode = Schema.RequiredMode.REQUIRED)
      String value,
      @Schema(description = "The complaint that gave it.", example = "CMP-2026-000042",
          requiredMode = Schema.RequiredMode.REQUIRED)
      String complaint,
      @Schema(description = "When it was recorded.", example = "2026-11-25T03:00:00Z",
          requiredMode = Schema.RequiredMode.REQUIRED)
      Instant recordedAt) {
  }

  public static final String NAME = "name";
  public static final String PHONE = "phone";
  public static final String EMAIL = "email";
  public static final String TIER = "tier";

  /**
   * Keeps beside the customer's record each detail of this complaint's customer that differs from it (a new name,
   * another number or address, another tier), with the complaint; the record itself stays as it is. Details kept
   * before for this customer are not kept twice.
   */
  public void recordOtherDetails(String customerId, NewCase.Customer c, String complaintNumber, Instant now) {
    Customer known = find(customerId).orElseThrow();
    String[][] given = {
        {NAME, c.name().strip(), known.name()},
        {PHONE, normalizePhone(c.phone()), known.phone()},
        {EMAIL, normalizeEmail(c.email()), known.email()},
        {TIER, c.tier(), known.tier()}};
    for (String[] d : given) {
      String value = d[1];
      if (value == null || value.equals(d[2])) {
        continue;
      }
      Integer before = jdbc.queryForObject(
          "SELECT COUNT(*) FROM customer_detail WHERE customer_id = ? AND detail = ? AND detail_value = ?",
          Integer.class, customerId, d[0], value);
      if (before == null || before == 0) {
        jdbc.update("""
            INSERT INTO customer_detail (customer_id, complaint_number, detail, detail_value, recorded_at)
            VALUES (?, ?, ?, ?, ?)""", customerId, complaintNumber, d[0], value, Timestamp.from(now));
      }
    }
  }

  /** The details complaints gave for this customer that differ from the record, oldest first (not masked). */
  public List<OtherDetail> otherDetails(String customerId) {
    return jdbc.query("""
        SELECT detail, detail_value, complaint_number, recorded_at FROM customer_detail WHERE customer_id = ?
        ORDER BY recorded_at, id""", (rs, i) -> new OtherDetail(rs.getString("detail"), rs.getString("detail_value"),
        rs.getString("complaint_number"), rs.getTimestamp("recorded_at").toInstant()), customerId);
  }

  /** The same for lists and answers: phone numbers and e-mail addresses masked. */
  public List<OtherDetail> otherDetailsMasked(String customerId) {
    return otherDetails(customerId).stream().map(d -> new OtherDetail(d.detail(),
        PHONE.equals(d.detail()) ? PersonalData.maskPhone(d.value())
            : EMAIL.equals(d.detail()) ? PersonalData.maskEmail(d.value()) : d.value(),
        d.complaint(), d.recordedAt())).toList();
  }

  public Optional<Customer> find(String id) {
    return jdbc.query("SELECT * FROM customer WHERE customer_id = ?", (rs, i) -> new Customer(
            rs.getString("customer_id"), rs.getString("name"), rs.getString("phone"), rs.getString("email"),
            rs.getString("tier"), rs.getTimestamp("erased_at") == null ? null : rs.getTimestamp("erased_at").toInstant()),
        id).stream().findFirst();
  }

  private Optional<String> first(String sql, String arg) {
    List<String> ids = jdbc.queryForList(sql, String.class, arg);
    return ids.stream().findFirst();
  }

  /** Digits only, with a leading + kept: "+86 138-0000-0001" and "+8613800000001" are the same number. */
  static String normalizePhone(String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    return phone.strip().startsWith("+") ? "+" + digits : digits;
  }

  static String normalizeEmail(String email) {
    return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Erases the customer's personal data: the record keeps its id and tier, the name becomes
   * {@link PersonalData#ERASED}; the details later complaints gave beside the record go.
   */
  public void erase(String customerId, Instant at) {
    jdbc.update("UPDATE customer SET name = ?, phone = NULL, email = NULL, erased_at = ? WHERE customer_id = ?",
        PersonalData.ERASED, Timestamp.from(at), customerId);
    jdbc.update("DELETE FROM customer_detail WHERE customer_id = ?", customerId);
  }
}
