package io.redress.sla;

import io.redress.calendar.WorkingCalendar;
import io.redress.casefile.CaseDeadlines;
import java.time.Duration;
import java.time.Instant;

/** Deadline arithmetic in working time (the working calendar) or on the clock, as a deadline's basis says. */
final class DeadlineArithmetic {

  private final WorkingCalendar calendar;

  DeadlineArithmetic(WorkingCalendar calendar) {
    this.calendar = calendar;
  }

  WorkingCalendar calendar() {
    return calendar;
  }

  /** {@code start} plus an ISO-8601 duration, on the working calendar or the clock. */
  Instant add(String basis, Instant start, String duration) {
    if (CaseDeadlines.CLOCK.equals(basis)) {
      return start.plus(Duration.parse(duration));
    }
    return calendar.add(start, duration);
  }

  /** Time from {@code from} to {@code to}, in working time or on the clock. */
  Duration between(String basis, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    return CaseDeadlines.CLOCK.equals(basis) ? Duration.between(from, to) : calendar.workingTimeBetween(from, to);
  }

  /** {@code start} plus an amount of working or clock time. */
  Instant plus(String basis, Instant start, Duration amount) {
    return CaseDeadlines.CLOCK.equals(basis) ? start.plus(amount) : calendar.addWorkingTime(start, amount);
  }

  /** The reminder: {@code percent} of the way from {@code start} to the deadline, or null without one. */
  Instant warning(String basis, Instant start, String duration, Object percent) {
    if (!(percent instanceof Number p) || p.intValue() <= 0 || p.intValue() >= 100) {
      return null;
    }
    Duration total = CaseDeadlines.CLOCK.equals(basis) ? Duration.parse(duration) : calendar.toWorkingTime(duration);
    return plus(basis, start, total.multipliedBy(p.intValue()).dividedBy(100));
  }

  /** A decision's {@code basis} output as a basis of {@code case_deadline}: the clock or working time. */
  static String basis(Object value) {
    return CaseDeadlines.CLOCK.equals(value) ? CaseDeadlines.CLOCK : CaseDeadlines.WORKING;
  }
}
