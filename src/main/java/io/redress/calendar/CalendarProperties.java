package io.redress.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the working-time calendar, bound from {@code redress.calendar.*}.
 *
 * <p>Every setting has a default, applied when the property is absent: zone {@code Asia/Shanghai},
 * working hours {@code 09:00}-{@code 18:00}, working days Monday to Friday, no holidays and no
 * make-up working days. Example:
 *
 * <pre>
 * redress.calendar.zone=Asia/Shanghai
 * redress.calendar.workday-start=09:00
 * redress.calendar.workday-end=18:00
 * redress.calendar.working-days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY
 * redress.calendar.holidays=2026-10-01,2026-10-02
 * redress.calendar.make-up-working-days=2026-09-20,2026-10-10
 * </pre>
 *
 * @param zone time zone working hours are read in
 * @param workdayStart local start of the working day
 * @param workdayEnd local end of the working day
 * @param workingDays weekdays that are normally working days
 * @param holidays dates that are not working days even on a working weekday
 * @param makeUpWorkingDays dates that are working days even on a weekend (调休)
 */
@ConfigurationProperties(prefix = "redress.calendar")
public record CalendarProperties(
    ZoneId zone,
    LocalTime workdayStart,
    LocalTime workdayEnd,
    List<DayOfWeek> workingDays,
    List<LocalDate> holidays,
    List<LocalDate> makeUpWorkingDays) {

  /** Applies the defaults to absent settings and copies the lists. */
  public CalendarProperties {
    zone = zone != null ? zone : WorkingCalendar.DEFAULT_ZONE;
    workdayStart = workdayStart != null ? workdayStart : WorkingCalendar.DEFAULT_WORKDAY_START;
    workdayEnd = workdayEnd != null ? workdayEnd : WorkingCalendar.DEFAULT_WORKDAY_END;
    workingDays =
        workingDays != null
            ? copy(workingDays)
            : WorkingCalendar.DEFAULT_WORKING_DAYS.stream().sorted().toList();
    holidays = holidays != null ? copy(holidays) : List.of();
    makeUpWorkingDays = makeUpWorkingDays != null ? copy(makeUpWorkingDays) : List.of();
  }

  /** Unmodifiable copy that, unlike {@code List.copyOf}, lets nulls reach the calendar's checks. */
  private static <T> List<T> copy(List<T> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** Returns the settings with every default applied. */
  public static CalendarProperties defaults() {
    return new CalendarProperties(null, null, null, null, null, null);
  }

  /**
   * Builds the calendar these settings describe.
   *
   * @throws IllegalArgumentException if the settings are invalid
   */
  public WorkingCalendar toCalendar() {
    return new WorkingCalendar(
        zone,
        workdayStart,
        workdayEnd,
        new HashSet<>(workingDays),
        new HashSet<>(holidays),
        new HashSet<>(makeUpWorkingDays));
  }
}
