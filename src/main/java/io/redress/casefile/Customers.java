package io.redress.casefile;

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

  /** The customer with this phone number or e-mail address, or a new one. */
  public String findOrCreate(NewCase.Customer c, Instant now) {
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
      jdbc.update("""
          UPDATE customer SET name = ?, tier = ?, phone = COALESCE(phone, ?), email = COALESCE(email, ?)
          WHERE customer_id = ?""", c.name().strip(), c.tierOrDefault(), phone, email, known.get());
      return known.get();
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO customer (customer_id, name, phone, email, tier, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        id, c.name().strip(), phone, email, c.tierOrDefault(), Timestamp.from(now));
    return id;
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
}
