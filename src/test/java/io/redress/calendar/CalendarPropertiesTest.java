package io.redress.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@link CalendarProperties} the way Spring Boot does, without an application context. */
class CalendarPropertiesTest {

  private static CalendarProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("redress.calendar", CalendarProperties.class);
  }

  @Test
  void absentPropertiesGiveTheDefaults() {
    CalendarProperties properties = bind(Map.of());

    assertThat(properties).isEqualTo(CalendarProperties.defaults());
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(properties.workdayStart()).isEqualTo(LocalTime.of(9, 0));
    assertThat(properties.workdayEnd()).isEqualTo(LocalTime.of(18, 0));
    assertThat(properties.workingDays())
        .containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    assertThat(properties.holidays()).isEmpty();
    assertThat(properties.makeUpWorkingDays()).isEmpty();
    assertThat(properties.toCalendar()).isEqualTo(WorkingCalendar.defaults());
  }

  @Test
  void bindsEverySetting() {
    CalendarProperties properties =
        bind(Map.of(
            "redress.calendar.zone", "Europe/Berlin",
            "redress.calendar.workday-start", "08:30",
            "redress.calendar.workday-end", "17:00",
            "redress.calendar.working-days", "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY",
            "redress.calendar.holidays", "2026-10-01,2026-10-02",
            "redress.calendar.make-up-working-days[0]", "2026-09-20"));

    WorkingCalendar calendar = properties.toCalendar();

    assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(calendar.workdayStart()).isEqualTo(LocalTime.of(8, 30));
    assertThat(calendar.workdayEnd()).isEqualTo(LocalTime.of(17, 0));
    assertThat(calendar.workingDays())
        .contains(DayOfWeek.SATURDAY)
        .doesNotContain(DayOfWeek.SUNDAY);
    assertThat(calendar.holidays())
        .containsExactlyInAnyOrder(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2));
    assertThat(calendar.makeUpWorkingDays()).containsExactly(LocalDate.of(2026, 9, 20));
  }

  @Test
  void partialSettingsKeepTheOtherDefaults() {
    CalendarProperties properties = bind(Map.of("redress.calendar.holidays", "2026-06-19"));

    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(properties.workingDays()).hasSize(5);
    assertThat(properties.toCalendar().isWorkingDay(LocalDate.of(2026, 6, 19))).isFalse();
  }

  @Test
  void contradictorySettingsFailWhenTheCalendarIsBuilt() {
    CalendarProperties properties =
        bind(Map.of(
            "redress.calendar.holidays", "2026-10-01",
            "redress.calendar.make-up-working-days", "2026-10-01"));

    assertThatThrownBy(properties::toCalendar)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-10-01");
  }
}
