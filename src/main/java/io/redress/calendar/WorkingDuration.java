package io.redress.calendar;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration read as working time: a number of working days plus working time.
 *
 * <p>Accepted: {@code PnDTnHnMn.nS} with every part optional but at least one present, for example
 * {@code P2D}, {@code PT1H}, {@code P1DT4H}, {@code PT30M}, {@code PT0.5S}. Letters may be lower
 * case. Years, months and weeks are recognised and rejected; signs are not allowed.
 */
record WorkingDuration(long workingDays, Duration time) {

  private static final Pattern ISO_DURATION =
      Pattern.compile(
          "P(?:(?<years>\\d+)Y)?(?:(?<months>\\d+)M)?(?:(?<weeks>\\d+)W)?(?:(?<days>\\d+)D)?"
              + "(?:T(?=\\d)(?:(?<hours>\\d+)H)?(?:(?<minutes>\\d+)M)?"
              + "(?:(?<seconds>\\d+)(?:[.,](?<fraction>\\d{1,9}))?S)?)?");

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming {@code text} if it is not a supported duration
   */
  static WorkingDuration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("Working-time duration must not be null");
    }
    Matcher matcher = ISO_DURATION.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!matcher.matches() || !hasAnyPart(matcher)) {
      throw new IllegalArgumentException(
          "Invalid working-time duration '" + text + "': expected ISO-8601 like P2D, PT1H, P1DT4H"
              + " or PT30M");
    }
    rejectCalendarUnits(text, matcher);
    try {
      return new WorkingDuration(number(matcher, "days"), time(matcher));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("Working-time duration '" + text + "' is too long", e);
    }
  }

  private static boolean hasAnyPart(Matcher matcher) {
    for (String group : new String[] {"years", "months", "weeks", "days", "hours", "minutes",
        "seconds"}) {
      if (matcher.group(group) != null) {
        return true;
      }
    }
    return false;
  }

  private static void rejectCalendarUnits(String text, Matcher matcher) {
    if (matcher.group("years") != null || matcher.group("months") != null) {
      throw new IllegalArgumentException(
          "Invalid working-time duration '" + text + "': years and months have no fixed length in"
              + " working time; use working days (D) or hours (H)");
    }
    if (matcher.group("weeks") != null) {
      throw new IllegalArgumentException(
          "Invalid working-time duration '" + text + "': weeks are ambiguous in working time;"
              + " use working days, e.g. P5D");
    }
  }

  private static Duration time(Matcher matcher) {
    return Duration.ofHours(number(matcher, "hours"))
        .plusMinutes(number(matcher, "minutes"))
        .plusSeconds(number(matcher, "seconds"))
        .plusNanos(nanos(matcher.group("fraction")));
  }

  private static long number(Matcher matcher, String group) {
    String digits = matcher.group(group);
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static long nanos(String fraction) {
    return fraction == null ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
  }
}
