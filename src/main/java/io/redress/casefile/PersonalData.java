package io.redress.casefile;

/** Masks personal data for lists, forms and anything else that is not the case record itself. */
public final class PersonalData {

  /** What stands where erased personal data was (§6: a customer's erasure). */
  public static final String ERASED = "[erased]";

  private PersonalData() {
  }

  /** {@code 13800000001} becomes {@code 138****0001}; short numbers keep only their last two digits. */
  public static String maskPhone(String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String p = phone.strip();
    if (p.length() >= 8) {
      return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
    }
    return "*".repeat(Math.max(0, p.length() - 2)) + p.substring(Math.max(0, p.length() - 2));
  }

  /** {@code wang.fang@example.cn} becomes {@code w***@example.cn}. */
  public static String maskEmail(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    int at = email.indexOf('@');
    if (at <= 0) {
      return "***";
    }
    return email.charAt(0) + "***" + email.substring(at);
  }
}
