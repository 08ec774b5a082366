package io.redress.calendar;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Cron cycles of the models ({@code <bpmn:timeCycle>0 0 0 1 * ?</bpmn:timeCycle>}) read in the centre's time zone,
 * {@code redress.calendar.zone}, instead of the JVM's: Camunda's own cycle calendar evaluates cron in
 * {@code ZoneId.systemDefault()}, so a server running in UTC would start "the first of the month, midnight" eight
 * hours late for a centre in Shanghai. Registered under Camunda's name {@code cycle}, so it serves every timer cycle
 * (the first due date and each repetition). Repeating intervals ({@code R3/PT10H}) are Camunda's, unchanged.
 */
@Component
class CentreZoneCycles extends AbstractProcessEnginePlugin {

  private final ZoneId zone;

  CentreZoneCycles(WorkingCalendar calendar) {
    this.zone = Objects.requireNonNull(calendar.zone(), "zone");
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    BusinessCalendar cycles = new Calendar(zone);
    BusinessCalendarManager manager = configuration.getBusinessCalendarManager();
    if (manager instanceof MapBusinessCalendarManager map) {
      map.addBusinessCalendar(CycleBusinessCalendar.NAME, cycles);
    } else {
      BusinessCalendarManager others = manager;
      configuration.setBusinessCalendarManager(
          name -> CycleBusinessCalendar.NAME.equals(name) ? cycles : others.getBusinessCalendar(name));
    }
  }

  /** Camunda's cycle calendar with cron read in a zone of our choosing. */
  static final class Calendar extends CycleBusinessCalendar {

    private final ZoneId zone;

    Calendar(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
      return resolveDuedate(description, (Date) null, 0L);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
      if (description == null || description.strip().startsWith("R")) {
        return super.resolveDuedate(description, startDate, repeatOffset);
      }
      CronExpression cron;
      try {
        cron = CronExpression.parse(description.strip());
      } catch (IllegalArgumentException e) {
        return super.resolveDuedate(description, startDate, repeatOffset); // Camunda's error message
      }
      Date from = startDate != null ? startDate : ClockUtil.getCurrentTime();
      ZonedDateTime next = cron.next(from.toInstant().atZone(zone));
      return next == null ? from : Date.from(next.toInstant());
    }
  }
}
