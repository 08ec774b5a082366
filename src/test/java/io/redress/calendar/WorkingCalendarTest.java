package io.redress.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules of {@link WorkingCalendar}. Week used throughout: Monday 2026-03-02 .. Sunday 2026-03-08.
 */
class WorkingCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final WorkingCalendar calendar = WorkingCalendar.defaults();

  /** Local date-time in Shanghai as an instant. */
  private static Instant at(String localDateTime) {
    return at(localDateTime, SHANGHAI);
  }

  private static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  private static LocalDate date(String isoDate) {
    return LocalDate.parse(isoDate);
  }

  /** China's 2026 National Day: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked. */
  private static WorkingCalendar china2026NationalDay() {
    return WorkingCalendar.builder()
        .holidayRange(date("2026-10-01"), date("2026-10-07"))
        .makeUpWorkingDays(date("2026-09-20"), date("2026-10-10"))
        .build();
  }

  @Nested
  class AddingIsoDurations {

    @Test
    void fridayAfternoonPlusTwoWorkingDaysEndsTuesdaySameTime() {
      // 3h Friday + 9h Monday + 6h Tuesday = 18h = 2 working days
      assertThat(calendar.add(at("2026-03-06T15:00"), "P2D")).isEqualTo(at("2026-03-10T15:00"));
    }

    @Test
    void hourPastTheEndOfTheDayEndsNextWorkingMorning() {
      assertThat(calendar.add(at("2026-03-03T17:30"), "PT1H")).isEqualTo(at("2026-03-04T09:30"));
    }

    @Test
    void daysAndHoursAreAddedAsWorkingTime() {
      // P1DT4H = 9h + 4h = 13h: all of Monday, then 4h of Tuesday
      assertThat(calendar.add(at("2026-03-02T09:00"), "P1DT4H"))
          .isEqualTo(at("2026-03-03T13:00"));
    }

    @Test
    void minutesAndSecondsAreWorkingTime() {
      assertThat(calendar.add(at("2026-03-02T17:50"), "PT30M")).isEqualTo(at("2026-03-03T09:20"));
      assertThat(calendar.add(at("2026-03-02T10:00"), "pt1m30.5s"))
          .isEqualTo(at("2026-03-02T10:01:30.5"));
    }

    @Test
    void oneWorkingDayFromTheMorningEndsThatEvening() {
      assertThat(calendar.add(at("2026-03-02T09:00"), "P1D")).isEqualTo(at("2026-03-02T18:00"));
    }

    @Test
    void workingDaysAreWorthTheConfiguredDayLength() {
      WorkingCalendar shortDays =
          WorkingCalendar.builder()
              .workingHours(LocalTime.of(8, 30), LocalTime.of(17, 0))
              .build();
      assertThat(shortDays.workingDayLength()).isEqualTo(Duration.ofMinutes(8 * 60 + 30));
      assertThat(shortDays.toWorkingTime("P2DT1H")).isEqualTo(Duration.ofHours(18));
      assertThat(shortDays.add(at("2026-03-06T15:00"), "P1D")).isEqualTo(at("2026-03-09T15:00"));
    }
  }

  @Nested
  class StartOutsideWorkingHours {

    @Test
    void saturdayStartCountsFromMondayMorning() {
      assertThat(calendar.add(at("2026-03-07T11:00"), "PT2H")).isEqualTo(at("2026-03-09T11:00"));
    }

    @Test
    void earlyMorningStartCountsFromNine() {
      assertThat(calendar.add(at("2026-03-04T07:00"), "PT1H")).isEqualTo(at("2026-03-04T10:00"));
    }

    @Test
    void startExactlyAtEndOfDayCountsFromNextWorkingDay() {
      assertThat(calendar.add(at("2026-03-04T18:00"), "PT1H")).isEqualTo(at("2026-03-05T10:00"));
    }

    @Test
    void startExactlyAtStartOfDayCountsAtOnce() {
      assertThat(calendar.add(at("2026-03-04T09:00"), "PT1H")).isEqualTo(at("2026-03-04T10:00"));
    }
  }

  @Nested
  class EndOfDay {

    @Test
    void workingTimeRunningOutAtSixStaysSixSameDay() {
      assertThat(calendar.add(at("2026-03-04T15:00"), "PT3H")).isEqualTo(at("2026-03-04T18:00"));
    }

    @Test
    void oneSecondMoreSpillsIntoTheNextMorning() {
      assertThat(calendar.add(at("2026-03-04T15:00"), "PT3H1S"))
          .isEqualTo(at("2026-03-05T09:00:01"));
    }
  }

  @Nested
  class HolidaysAndMakeUpDays {

    @Test
    void publicHolidayOnAWeekdayIsSkipped() {
      // Dragon Boat Festival, Friday 2026-06-19
      WorkingCalendar withHoliday = WorkingCalendar.builder().holidays(date("2026-06-19")).build();
      assertThat(withHoliday.isWorkingDay(date("2026-06-19"))).isFalse();
      assertThat(withHoliday.add(at("2026-06-18T17:00"), "PT2H"))
          .isEqualTo(at("2026-06-22T10:00"));
      assertThat(calendar.add(at("2026-06-18T17:00"), "PT2H")).isEqualTo(at("2026-06-19T10:00"));
    }

    @Test
    void multiDayNationalDayHolidayIsSkipped() {
      WorkingCalendar china = china2026NationalDay();
      date("2026-10-01")
          .datesUntil(date("2026-10-08"))
          .forEach(day -> assertThat(china.isWorkingDay(day)).as(day.toString()).isFalse());
      // 1h on Wednesday 09-30, then nothing until Thursday 10-08
      assertThat(china.add(at("2026-09-30T17:00"), "PT2H")).isEqualTo(at("2026-10-08T10:00"));
    }

    @Test
    void makeUpSundayIsAWorkingDay() {
      WorkingCalendar china = china2026NationalDay();
      assertThat(china.isWorkingDay(date("2026-09-20"))).isTrue();
      assertThat(china.isWorkingDay(date("2026-09-19"))).isFalse();
      assertThat(china.add(at("2026-09-19T12:00"), "PT1H")).isEqualTo(at("2026-09-20T10:00"));
    }

    @Test
    void makeUpSaturdayIsAWorkingDay() {
      WorkingCalendar china = china2026NationalDay();
      assertThat(china.isWorkingDay(date("2026-10-10"))).isTrue();
      assertThat(china.add(at("2026-10-09T17:00"), "PT2H")).isEqualTo(at("2026-10-10T10:00"));
    }

    @Test
    void ordinaryWeekdaysAndWeekendsFollowTheWorkingWeekdays() {
      assertThat(calendar.isWorkingDay(date("2026-03-02"))).isTrue();
      assertThat(calendar.isWorkingDay(date("2026-03-06"))).isTrue();
      assertThat(calendar.isWorkingDay(date("2026-03-07"))).isFalse();
      assertThat(calendar.isWorkingDay(date("2026-03-08"))).isFalse();
    }

    @Test
    void customWorkingWeekdaysAreHonoured() {
      WorkingCalendar sixDays =
          WorkingCalendar.builder()
              .workingDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY))
              .build();
      assertThat(sixDays.add(at("2026-03-06T17:00"), "PT2H")).isEqualTo(at("2026-03-07T10:00"));
    }
  }

  @Nested
  class TimeZones {

    @Test
    void sameInstantInAnotherZoneGivesAnotherResult() {
      Instant start = Instant.parse("2026-03-04T01:00:00Z"); // 09:00 in Shanghai
      WorkingCalendar utc = WorkingCalendar.builder().zone(ZoneId.of("UTC")).build();

      assertThat(calendar.add(start, "PT1H")).isEqualTo(Instant.parse("2026-03-04T02:00:00Z"));
      assertThat(utc.add(start, "PT1H")).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
    }

    @Test
    void workingHoursFollowDaylightSavingTime() {
      // Berlin springs forward on Sunday 2026-03-29: Friday is UTC+1, Monday UTC+2
      WorkingCalendar berlin = WorkingCalendar.builder().zone(BERLIN).build();
      Instant fridayFive = at("2026-03-27T17:00", BERLIN);

      Instant end = berlin.add(fridayFive, "PT2H");

      assertThat(end).isEqualTo(at("2026-03-30T10:00", BERLIN));
      assertThat(end).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
      assertThat(berlin.workingTimeBetween(fridayFive, end)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void clockChangeInsideWorkingHoursCountsElapsedTime() {
      // A worked Sunday 01:00-04:00 in Berlin on 2026-03-29 loses 02:00-03:00: 2h of real time
      WorkingCalendar night =
          WorkingCalendar.builder()
              .zone(BERLIN)
              .workingHours(LocalTime.of(1, 0), LocalTime.of(4, 0))
              .makeUpWorkingDays(date("2026-03-29"))
              .build();
      Instant midnight = at("2026-03-29T00:00", BERLIN);

      assertThat(night.workingTimeBetween(midnight, at("2026-03-29T05:00", BERLIN)))
          .isEqualTo(Duration.ofHours(2));
      assertThat(night.addWorkingTime(midnight, Duration.ofHours(2)))
          .isEqualTo(at("2026-03-29T04:00", BERLIN));
    }
  }

  @Nested
  class WorkingTimeBetween {

    @Test
    void acrossAWeekendCountsOnlyWorkingHours() {
      // Friday 16:00-18:00 + Monday 09:00-10:00
      assertThat(calendar.workingTimeBetween(at("2026-03-06T16:00"), at("2026-03-09T10:00")))
          .isEqualTo(Duration.ofHours(3));
    }

    @Test
    void acrossAHolidayCountsOnlyWorkingHours() {
      WorkingCalendar withHoliday = WorkingCalendar.builder().holidays(date("2026-06-19")).build();
      Instant from = at("2026-06-18T16:00");
      Instant to = at("2026-06-22T10:00");

      assertThat(withHoliday.workingTimeBetween(from, to)).isEqualTo(Duration.ofHours(3));
      assertThat(calendar.workingTimeBetween(from, to)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void withinOneDayAndOutsideHours() {
      assertThat(calendar.workingTimeBetween(at("2026-03-04T10:15"), at("2026-03-04T11:00")))
          .isEqualTo(Duration.ofMinutes(45));
      assertThat(calendar.workingTimeBetween(at("2026-03-04T18:00"), at("2026-03-05T09:00")))
          .isZero();
    }

    @Test
    void isZeroWhenToIsNotAfterFrom() {
      Instant instant = at("2026-03-04T10:00");
      assertThat(calendar.workingTimeBetween(instant, instant)).isZero();
      assertThat(calendar.workingTimeBetween(instant, at("2026-03-04T09:30"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT5H", "P1D", "P2D", "P3DT7H", "P12D"})
    void measuresBackWhatWasAdded(String iso) {
      WorkingCalendar china = china2026NationalDay();
      Instant start = at("2026-09-28T14:20");
      Instant end = china.add(start, iso);
      assertThat(china.workingTimeBetween(start, end)).isEqualTo(china.toWorkingTime(iso));
    }
  }

  @Nested
  class ZeroAndNegative {

    @Test
    void zeroReturnsTheStartItselfEvenOutsideWorkingHours() {
      Instant saturday = at("2026-03-07T11:00");
      assertThat(calendar.addWorkingTime(saturday, Duration.ZERO)).isEqualTo(saturday);
      assertThat(calendar.add(saturday, "PT0S")).isEqualTo(saturday);
      assertThat(calendar.add(saturday, "P0D")).isEqualTo(saturday);
    }

    @Test
    void negativeWorkingTimeIsRejected() {
      Instant start = at("2026-03-04T10:00");
      assertThatThrownBy(() -> calendar.addWorkingTime(start, Duration.ofHours(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("negative");
    }
  }

  @Nested
  class BadDurations {

    @ParameterizedTest
    @ValueSource(
        strings = {"", "P", "PT", "1H", "PT1X", "P-1D", "PT-1H", "-PT1H", "P1.5D", "PT1H2",
            "2 days", "P1DT", "PT1M1H"})
    void badSyntaxIsRejectedNamingTheInput(String input) {
      assertThatThrownBy(() -> calendar.add(at("2026-03-04T10:00"), input))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + input + "'");
    }

    @Test
    void nullIsRejected() {
      assertThatThrownBy(() -> calendar.add(at("2026-03-04T10:00"), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1Y", "P2M", "P1M2D", "P1YT1H"})
    void yearsAndMonthsAreRejected(String input) {
      assertThatThrownBy(() -> calendar.add(at("2026-03-04T10:00"), input))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + input + "'")
          .hasMessageContaining("years and months");
    }

    @Test
    void weeksAreRejectedInFavourOfWorkingDays() {
      assertThatThrownBy(() -> calendar.add(at("2026-03-04T10:00"), "P1W"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'P1W'")
          .hasMessageContaining("P5D");
    }

    @Test
    void numbersTooLargeAreRejected() {
      assertThatThrownBy(() -> calendar.add(at("2026-03-04T10:00"), "P99999999999999999999D"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too long");
    }
  }

  @Nested
  class EndlessWalks {

    @Test
    void walkLongerThanTenYearsIsRejected() {
      assertThatThrownBy(() -> calendar.add(at("2026-03-04T10:00"), "PT100000H"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(WorkingCalendar.MAX_DAYS_WALKED));
    }

    @Test
    void calendarWhoseWorkingDaysRanOutIsRejectedOnUse() {
      WorkingCalendar onlyOneDay =
          WorkingCalendar.builder()
              .workingDays(Set.of())
              .makeUpWorkingDays(date("2026-03-07"))
              .build();
      assertThat(onlyOneDay.add(at("2026-03-01T00:00"), "PT1H")).isEqualTo(at("2026-03-07T10:00"));
      assertThatThrownBy(() -> onlyOneDay.add(at("2026-03-08T00:00"), "PT1H"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("calendar days");
    }

    @Test
    void measuringOverMoreThanTenYearsIsRejected() {
      assertThatThrownBy(
              () -> calendar.workingTimeBetween(at("2026-01-01T00:00"), at("2046-01-01T00:00")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class InvalidSettings {

    @Test
    void endNotAfterStartIsRejected() {
      assertThatThrownBy(
              () -> WorkingCalendar.builder()
                  .workingHours(LocalTime.of(18, 0), LocalTime.of(9, 0))
                  .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("workdayEnd (09:00) must be after workdayStart (18:00)");
      assertThatThrownBy(
              () -> WorkingCalendar.builder()
                  .workingHours(LocalTime.of(9, 0), LocalTime.of(9, 0))
                  .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be after");
    }

    @Test
    void dateThatIsBothHolidayAndMakeUpDayIsRejected() {
      assertThatThrownBy(
              () -> WorkingCalendar.builder()
                  .holidays(date("2026-10-01"))
                  .makeUpWorkingDays(date("2026-10-01"))
                  .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("both a holiday and a make-up working day")
          .hasMessageContaining("2026-10-01");
    }

    @Test
    void nullZoneIsRejected() {
      assertThatThrownBy(() -> WorkingCalendar.builder().zone(null).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("zone must not be null");
    }

    @Test
    void calendarWithoutAnyWorkingDayIsRejected() {
      assertThatThrownBy(() -> WorkingCalendar.builder().workingDays(Set.of()).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one working weekday or make-up working day");
    }

    @Test
    void missingSettingsAreRejected() {
      assertThatThrownBy(
              () -> new WorkingCalendar(
                  SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(DayOfWeek.MONDAY),
                  null, Set.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("holidays must not be null");
    }
  }

  @Test
  void defaultsAreShanghaiNineToSixMondayToFriday() {
    assertThat(calendar.zone()).isEqualTo(SHANGHAI);
    assertThat(calendar.workdayStart()).isEqualTo(LocalTime.of(9, 0));
    assertThat(calendar.workdayEnd()).isEqualTo(LocalTime.of(18, 0));
    assertThat(calendar.workingDays())
        .containsExactlyInAnyOrderElementsOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    assertThat(calendar.holidays()).isEmpty();
    assertThat(calendar.makeUpWorkingDays()).isEmpty();
    assertThat(calendar.workingDayLength()).isEqualTo(Duration.ofHours(9));
  }

  @Test
  void settingsAreCopiedSoTheCalendarStaysImmutable() {
    Set<LocalDate> holidays = new HashSet<>(Set.of(date("2026-06-19")));
    WorkingCalendar copy =
        new WorkingCalendar(
            SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(DayOfWeek.FRIDAY),
            holidays, Set.of());
    holidays.clear();

    assertThat(copy.holidays()).containsExactly(date("2026-06-19"));
    assertThatThrownBy(() -> copy.holidays().add(date("2026-06-20")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
