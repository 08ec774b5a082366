package io.redress.sla;

import io.redress.workflow.ProcessVariables;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.redress.calendar.WorkingTimeBusinessCalendar;

/**
 * Deadlines in working time on the engine's {@code working} business calendar ({@code P2D} is two working days),
 * and deadlines as people read them.
 */
@Component("deadlines")
public class Deadlines {

  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ZoneId zone;

  Deadlines(@Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.zone = ZoneId.of(zone);
  }

  /**
   * Now (the engine's clock) plus {@code workingDuration} of working time, on the engine's {@code working} business
   * calendar: the computation behind every deadline of the models. Runs inside a command of the engine.
   *
   * @throws org.camunda.bpm.engine.ProcessEngineException if the duration is not a working-time duration
   */
  public Date workingDeadline(String workingDuration) {
    BusinessCalendar calendar = Context.getProcessEngineConfiguration().getBusinessCalendarManager()
        .getBusinessCalendar(WorkingTimeBusinessCalendar.NAME);
    return calendar.resolveDuedate(workingDuration, ClockUtil.getCurrentTime());
  }

  /** A deadline as people read it, in the calendar's time zone: {@code 2026-11-24 15:00 Asia/Shanghai}. */
  public String format(Date due) {
    return TEXT.format(due.toInstant().atZone(zone)) + " " + zone.getId();
  }
}
