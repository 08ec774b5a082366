package io.redress.casefile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The channel a complaint came in by (tables classification-suggestion, sla-contact-rules).
 * Written as its lower-case name (API JSON, process variables, tables, database).
 */
public enum Channel {
  PHONE, CHAT, EMAIL, SOCIAL, WEB, LETTER, VISIT;

  /** The value as written on the wire, in process variables, tables and the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a written value (a process variable, a column) is this one. */
  public boolean is(Object value) {
    return wire().equals(value);
  }

  /** The one a written value stands for, if any. */
  public static Optional<Channel> of(Object value) {
    return Arrays.stream(values()).filter(v -> v.is(value)).findFirst();
  }

  /** Every value as written. */
  public static Set<String> wireValues() {
    return Arrays.stream(values()).map(Channel::wire).collect(Collectors.toUnmodifiableSet());
  }
}
