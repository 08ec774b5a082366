package io.redress.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable working-time calendar: which days are working days and which hours of those days
 * are working hours, in one time zone.
 *
 * <p>A date is a working day when it is a make-up working day (China's 调休), or when it is not a
 * public holiday and its weekday is one of the working weekdays. On a working day the working
 * period is {@code [workdayStart, workdayEnd)} local time in {@link #zone()}; the period is
 * resolved per date, so daylight-saving changes are honoured.
 *
 * <p>The class has no Camunda or Spring dependency. Every method is thread-safe.
 */
public final class WorkingCalendar {

  /** Default zone of the calendar. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  /** Default start of the working day. */
  public static final LocalTime DEFAULT_WORKDAY_START = LocalTime.of(9, 0);
  /** Default end of the working day. */
  public static final LocalTime DEFAULT_WORKDAY_END = LocalTime.of(18, 0);
  /** Default working weekdays: Monday to Friday. */
  public static final Set<DayOfWeek> DEFAULT_WORKING_DAYS =
      Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  /**
   * Most calendar days one computation may walk through (about ten years) before it gives up.
   * Protects against calendars whose working days have run out and against absurd durations.
   */
  static final int MAX_DAYS_WALKED = 3_660;

  private final ZoneId zone;
  private final LocalTime workdayStart;
  private final LocalTime workdayEnd;
  private final Set<DayOfWeek> workingDays;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> makeUpWorkingDays;

  /**
   * Creates a calendar.
   *
   * @param zone the time zone working hours are read in
   * @param workdayStart local start of the working day
   * @param workdayEnd local end of the working day, after {@code workdayStart} on the same day
   * @param workingDays weekdays that are normally working days
   * @param holidays dates that are not working days even on a working weekday
   * @param makeUpWorkingDays dates that are working days even on a non-working weekday
   * @throws IllegalArgumentException if a setting is missing or the settings contradict each other
   */
  public WorkingCalendar(
      ZoneId zone,
      LocalTime workdayStart,
      LocalTime workdayEnd,
      Set<DayOfWeek> workingDays,
      Set<LocalDate> holidays,
      Set<LocalDate> makeUpWorkingDays) {
    this.zone = required(zone, "zone");
    this.workdayStart = required(workdayStart, "workdayStart");
    this.workdayEnd = required(workdayEnd, "workdayEnd");
    this.workingDays = copyOf(workingDays, "workingDays");
    this.holidays = copyOf(holidays, "holidays");
    this.makeUpWorkingDays = copyOf(makeUpWorkingDays, "makeUpWorkingDays");
    checkWorkingHours();
    checkNoDateIsBothHolidayAndMakeUpDay();
    checkSomeDayCanBeWorked();
  }

  /** Returns the default calendar: Asia/Shanghai, 09:00-18:00, Monday-Friday, no holidays. */
  public static WorkingCalendar defaults() {
    return builder().build();
  }

  /** Returns a builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Tells whether {@code date} is a working day. */
  public boolean isWorkingDay(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (makeUpWorkingDays.contains(date)) {
      return true;
    }
    return !holidays.contains(date) && workingDays.contains(date.getDayOfWeek());
  }

  /** Returns the nominal length of a working day, {@code workdayEnd - workdayStart}. */
  public Duration workingDayLength() {
    return Duration.between(workdayStart, workdayEnd);
  }

  /**
   * Walks forward from {@code start} through working periods only until {@code workingTime} has
   * been used up.
   *
   * <ul>
   *   <li>A start outside working hours counts from the start of the next working period.
   *   <li>Working time that runs out exactly at the end of a working day ends at that day's end
   *       (18:00), not at the next morning.
   *   <li>A zero duration returns {@code start} itself, even when {@code start} lies outside
   *       working hours: adding nothing moves nothing.
   * </ul>
   *
   * @throws IllegalArgumentException if {@code workingTime} is negative, or if the walk would
   *     take more than about ten years of calendar days
   */
  public Instant addWorkingTime(Instant start, Duration workingTime) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(workingTime, "workingTime");
    if (workingTime.isNegative()) {
      throw new IllegalArgumentException("Working time must not be negative: " + workingTime);
    }
    if (workingTime.isZero()) {
      return start;
    }
    return walk(start, workingTime);
  }

  /**
   * Adds an ISO-8601 duration of working time to {@code start}.
   *
   * <p>Days ({@code D}) are <em>working days</em>, each worth {@link #workingDayLength()} of
   * working time; hours, minutes and seconds are working time. {@code P1DT4H} from a morning start
   * therefore means 9h + 4h = 13h of working time with the default calendar. Years, months and
   * weeks are rejected because their length in working time is ambiguous: write {@code P5D} for
   * five working days. See {@link #addWorkingTime(Instant, Duration)} for how time is walked.
   *
   * @throws IllegalArgumentException if {@code isoDuration} is not such a duration
   */
  public Instant add(Instant start, String isoDuration) {
    Objects.requireNonNull(start, "start");
    return addWorkingTime(start, toWorkingTime(isoDuration));
  }

  /**
   * Converts an ISO-8601 duration to working time, counting each day as {@link
   * #workingDayLength()}.
   *
   * @throws IllegalArgumentException if {@code isoDuration} is not a supported duration
   */
  public Duration toWorkingTime(String isoDuration) {
    WorkingDuration parsed = WorkingDuration.parse(isoDuration);
    try {
      return workingDayLength().multipliedBy(parsed.workingDays()).plus(parsed.time());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Duration '" + isoDuration + "' is too long", e);
    }
  }

  /**
   * Returns the working time between two instants: the part of {@code [from, to)} that lies in
   * working periods. Returns zero if {@code to} is not after {@code from}.
   *
   * @throws IllegalArgumentException if the two instants are more than about ten years apart
   */
  public Duration workingTimeBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    LocalDate first = localDate(from);
    LocalDate last = localDate(to);
    if (first.plusDays(MAX_DAYS_WALKED).isBefore(last)) {
      throw new IllegalArgumentException(
          "Cannot measure working time over more than " + MAX_DAYS_WALKED + " days: " + from
              + " to " + to);
    }
    Duration total = Duration.ZERO;
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      total = total.plus(overlapWithWorkingPeriod(date, from, to));
    }
    return total;
  }

  /** The zone working hours are read in. */
  public ZoneId zone() {
    return zone;
  }

  /** Local start of the working day. */
  public LocalTime workdayStart() {
    return workdayStart;
  }

  /** Local end of the working day. */
  public LocalTime workdayEnd() {
    return workdayEnd;
  }

  /** Weekdays that are normally working days (unmodifiable). */
  public Set<DayOfWeek> workingDays() {
    return workingDays;
  }

  /** Public holidays (unmodifiable). */
  public Set<LocalDate> holidays() {
    return holidays;
  }

  /** Make-up working days (unmodifiable). */
  public Set<LocalDate> makeUpWorkingDays() {
    return makeUpWorkingDays;
  }

  private Instant walk(Instant start, Duration workingTime) {
    Duration remaining = workingTime;
    LocalDate date = localDate(start);
    for (int day = 0; day <= MAX_DAYS_WALKED; day++, date = date.plusDays(1)) {
      if (!isWorkingDay(date)) {
        continue;
      }
      Instant periodStart = latest(start, periodStart(date));
      Instant periodEnd = periodEnd(date);
      if (!periodStart.isBefore(periodEnd)) {
        continue;
      }
      Duration available = Duration.between(periodStart, periodEnd);
      if (remaining.compareTo(available) <= 0) {
        return periodStart.plus(remaining);
      }
      remaining = remaining.minus(available);
    }
    throw new IllegalArgumentException(
        "Adding " + workingTime + " of working time to " + start + " needs more than "
            + MAX_DAYS_WALKED + " calendar days; check the duration and the calendar");
  }

  private Duration overlapWithWorkingPeriod(LocalDate date, Instant from, Instant to) {
    if (!isWorkingDay(date)) {
      return Duration.ZERO;
    }
    Instant overlapStart = latest(from, periodStart(date));
    Instant overlapEnd = earliest(to, periodEnd(date));
    return overlapStart.isBefore(overlapEnd)
        ? Duration.between(overlapStart, overlapEnd)
        : Duration.ZERO;
  }

  private Instant periodStart(LocalDate date) {
    return ZonedDateTime.of(date, workdayStart, zone).toInstant();
  }

  private Instant periodEnd(LocalDate date) {
    return ZonedDateTime.of(date, workdayEnd, zone).toInstant();
  }

  private LocalDate localDate(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void checkWorkingHours() {
    if (!workdayEnd.isAfter(workdayStart)) {
      throw new IllegalArgumentException(
          "workdayEnd (" + workdayEnd + ") must be after workdayStart (" + workdayStart + ")");
    }
  }

  private void checkNoDateIsBothHolidayAndMakeUpDay() {
    Set<LocalDate> both = new TreeSet<>(holidays);
    both.retainAll(makeUpWorkingDays);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          "Dates cannot be both a holiday and a make-up working day: " + both);
    }
  }

  private void checkSomeDayCanBeWorked() {
    if (workingDays.isEmpty() && makeUpWorkingDays.isEmpty()) {
      throw new IllegalArgumentException(
          "A calendar needs at least one working weekday or make-up working day");
    }
  }

  private static <T> T required(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  private static <T> Set<T> copyOf(Collection<T> values, String name) {
    required(values, name);
    if (values.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(name + " must not contain null");
    }
    return Set.copyOf(values);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof WorkingCalendar that)) {
      return false;
    }
    return zone.equals(that.zone)
        && workdayStart.equals(that.workdayStart)
        && workdayEnd.equals(that.workdayEnd)
        && workingDays.equals(that.workingDays)
        && holidays.equals(that.holidays)
        && makeUpWorkingDays.equals(that.makeUpWorkingDays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, workdayStart, workdayEnd, workingDays, holidays, makeUpWorkingDays);
  }

  @Override
  public String toString() {
    return "WorkingCalendar[zone=" + zone
        + ", hours=" + workdayStart + "-" + workdayEnd
        + ", workingDays=" + new TreeSet<>(workingDays)
        + ", holidays=" + holidays.size()
        + ", makeUpWorkingDays=" + makeUpWorkingDays.size() + "]";
  }

  /** Builds a {@link WorkingCalendar}; starts from the defaults. Not thread-safe. */
  public static final class Builder {

    private ZoneId zone = DEFAULT_ZONE;
    private LocalTime workdayStart = DEFAULT_WORKDAY_START;
    private LocalTime workdayEnd = DEFAULT_WORKDAY_END;
    private Set<DayOfWeek> workingDays = new HashSet<>(DEFAULT_WORKING_DAYS);
    private Set<LocalDate> holidays = new HashSet<>();
    private Set<LocalDate> makeUpWorkingDays = new HashSet<>();

    private Builder() {}

    /** Sets the zone. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** Sets the working hours. */
    public Builder workingHours(LocalTime start, LocalTime end) {
      this.workdayStart = start;
      this.workdayEnd = end;
      return this;
    }

    /** Replaces the working weekdays. */
    public Builder workingDays(Collection<DayOfWeek> days) {
      this.workingDays = new HashSet<>(days);
      return this;
    }

    /** Adds public holidays. */
    public Builder holidays(Collection<LocalDate> dates) {
      this.holidays.addAll(dates);
      return this;
    }

    /** Adds public holidays. */
    public Builder holidays(LocalDate... dates) {
      return holidays(Arrays.asList(dates));
    }

    /** Adds every date from {@code first} to {@code last}, both included, as holidays. */
    public Builder holidayRange(LocalDate first, LocalDate last) {
      first.datesUntil(last.plusDays(1)).forEach(holidays::add);
      return this;
    }

    /** Adds make-up working days. */
    public Builder makeUpWorkingDays(Collection<LocalDate> dates) {
      this.makeUpWorkingDays.addAll(dates);
      return this;
    }

    /** Adds make-up working days. */
    public Builder makeUpWorkingDays(LocalDate... dates) {
      return makeUpWorkingDays(Arrays.asList(dates));
    }

    /**
     * Creates the calendar.
     *
     * @throws IllegalArgumentException if the settings are invalid
     */
    public WorkingCalendar build() {
      return new WorkingCalendar(
          zone, workdayStart, workdayEnd, workingDays, holidays, makeUpWorkingDays);
    }
  }
}
