package io.redress.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkingTimeBusinessCalendarTest {

  private final WorkingTimeBusinessCalendar businessCalendar =
      new WorkingTimeBusinessCalendar(WorkingCalendar.defaults());

  private static Date at(String shanghaiLocalDateTime) {
    return Date.from(toInstant(shanghaiLocalDateTime));
  }

  private static Instant toInstant(String shanghaiLocalDateTime) {
    return LocalDateTime.parse(shanghaiLocalDateTime)
        .atZone(ZoneId.of("Asia/Shanghai"))
        .toInstant();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void nameIsWorking() {
    assertThat(WorkingTimeBusinessCalendar.NAME).isEqualTo("working");
  }

  @Test
  void resolvesFromTheGivenStartDate() {
    ClockUtil.setCurrentTime(at("2026-03-02T09:00"));

    assertThat(businessCalendar.resolveDuedate("P2D", at("2026-03-06T15:00")))
        .isEqualTo(at("2026-03-10T15:00"));
  }

  @Test
  void resolvesFromTheEngineClockWhenStartDateIsNull() {
    ClockUtil.setCurrentTime(at("2026-03-03T17:30"));

    assertThat(businessCalendar.resolveDuedate("PT1H", (Date) null))
        .isEqualTo(at("2026-03-04T09:30"));
    assertThat(businessCalendar.resolveDuedate("PT1H")).isEqualTo(at("2026-03-04T09:30"));
  }

  @Test
  void resolvesForATaskFromTheEngineClock() {
    ClockUtil.setCurrentTime(at("2026-03-06T15:00"));

    assertThat(businessCalendar.resolveDuedate("P2D", new TaskEntity()))
        .isEqualTo(at("2026-03-10T15:00"));
  }

  @Test
  void badDescriptionFailsLikeCamundasCalendars() {
    assertThatThrownBy(() -> businessCalendar.resolveDuedate("P1W", at("2026-03-02T09:00")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("'P1W'")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }
}
