package io.redress.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.junit.jupiter.api.Test;

/**
 * Cron cycles are read in the centre's zone, whatever the JVM's: the month-start cron of the monthly summary is due
 * at midnight of the 1st in the centre's zone. The zone is chosen to differ from the JVM's, so Camunda's own cycle
 * calendar (which reads cron in the JVM's zone) gives another instant.
 */
class CentreZoneCyclesTest {

  static final String MONTH_START = "0 0 0 1 * ?";

  @Test
  void theMonthStartsAtMidnightInTheCentresZoneNotTheJvms() {
    Instant now = Instant.parse("2026-11-20T02:00:00Z");
    ZoneId centre = ZoneId.systemDefault().getRules().getOffset(now).getTotalSeconds() == 8 * 3600
        ? ZoneId.of("America/New_York") : ZoneId.of("Asia/Shanghai");
    Date due = new CentreZoneCycles.Calendar(centre).resolveDuedate(MONTH_START, Date.from(now), 0);
    ZonedDateTime local = due.toInstant().atZone(centre);
    assertThat(local.toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 1));
    assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
    Date camundas = new CycleBusinessCalendar().resolveDuedate(MONTH_START, Date.from(now), 0);
    assertThat(camundas).as("Camunda's own reads the JVM's zone").isNotEqualTo(due);
  }

  @Test
  void aRepetitionAfterTheFirstIsTheNextMonthsStartAcrossDaylightSaving() {
    ZoneId newYork = ZoneId.of("America/New_York");
    CentreZoneCycles.Calendar calendar = new CentreZoneCycles.Calendar(newYork);
    Date first = calendar.resolveDuedate(MONTH_START, Date.from(Instant.parse("2026-10-15T12:00:00Z")), 0);
    Date second = calendar.resolveDuedate(MONTH_START, first, 0);
    assertThat(first.toInstant()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z")); // EDT, UTC-4
    assertThat(second.toInstant()).isEqualTo(Instant.parse("2026-12-01T05:00:00Z")); // EST, UTC-5
  }

  @Test
  void repeatingIntervalsStayCamundas() {
    Date start = Date.from(Instant.parse("2026-11-20T02:00:00Z"));
    assertThat(new CentreZoneCycles.Calendar(ZoneId.of("Asia/Shanghai")).resolveDuedate("R3/PT10H", start, 0))
        .isEqualTo(new CycleBusinessCalendar().resolveDuedate("R3/PT10H", start, 0));
  }
}
