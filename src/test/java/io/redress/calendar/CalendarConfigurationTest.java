package io.redress.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Wires the calendar beans in a minimal Spring context (no engine, no web). */
class CalendarConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CalendarProperties.class)
  static class PropertiesEnabled {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(
              PropertiesEnabled.class, CalendarConfiguration.class, WorkingCalendarPlugin.class);

  @Test
  void exposesTheConfiguredCalendarAndThePlugin() {
    runner
        .withPropertyValues("redress.calendar.zone=UTC", "redress.calendar.holidays=2026-06-19")
        .run(context -> {
          assertThat(context).hasSingleBean(WorkingCalendar.class);
          assertThat(context).hasSingleBean(WorkingCalendarPlugin.class);
          WorkingCalendar calendar = context.getBean(WorkingCalendar.class);
          assertThat(calendar.zone()).isEqualTo(ZoneId.of("UTC"));
          assertThat(calendar.holidays()).hasSize(1);
        });
  }

  @Test
  void invalidSettingsStopTheApplication() {
    runner
        .withPropertyValues(
            "redress.calendar.workday-start=18:00", "redress.calendar.workday-end=09:00")
        .run(context -> assertThat(context)
            .hasFailed()
            .getFailure()
            .rootCause()
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("workdayEnd"));
  }
}
