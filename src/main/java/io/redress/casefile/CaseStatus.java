package io.redress.casefile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a case is open or how it ended. Written as its wire code (API JSON, the column {@code complaint.status},
 * the timeline): {@code open}, {@code closed}, {@code closed-no-response}, {@code withdrawn}.
 */
public enum CaseStatus {
  OPEN("open"), CLOSED("closed"), CLOSED_NO_RESPONSE("closed-no-response"), WITHDRAWN("withdrawn");

  private final String wire;

  CaseStatus(String wire) {
    this.wire = wire;
  }

  /** The value as written on the wire and in the database. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Whether a written value (a column, a request parameter) is this one. */
  public boolean is(Object value) {
    return wire.equals(value);
  }

  /** The one a written value stands for, if any. */
  public static Optional<CaseStatus> of(Object value) {
    return Arrays.stream(values()).filter(v -> v.is(value)).findFirst();
  }

  /** Every value as written. */
  public static Set<String> wireValues() {
    return Arrays.stream(values()).map(CaseStatus::wire).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    return wire;
  }
}
