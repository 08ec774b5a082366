package io.redress.calendar;

import java.util.Objects;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers {@link WorkingTimeBusinessCalendar} in the engine under {@value
 * WorkingTimeBusinessCalendar#NAME}, next to Camunda's standard calendars.
 *
 * <p>Runs in {@link #postInit}: {@code ProcessEngineConfigurationImpl.init()} calls the plugins'
 * {@code preInit} first and only then {@code initBusinessCalendarManager()}, which creates the
 * standard manager ("duration", "dueDate", "cycle") only if none is set. Adding to the manager
 * after it exists keeps the standard calendars and any manager set by other configuration.
 */
@Component
class WorkingCalendarPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingCalendarPlugin.class);

  private final WorkingCalendar calendar;

  WorkingCalendarPlugin(WorkingCalendar calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    BusinessCalendar working = new WorkingTimeBusinessCalendar(calendar);
    BusinessCalendarManager manager = configuration.getBusinessCalendarManager();
    if (manager instanceof MapBusinessCalendarManager map) {
      map.addBusinessCalendar(WorkingTimeBusinessCalendar.NAME, working);
    } else {
      configuration.setBusinessCalendarManager(new WithWorkingCalendar(manager, working));
    }
    LOG.info("Registered business calendar '{}': {}", WorkingTimeBusinessCalendar.NAME, calendar);
  }

  /** Adds the working calendar in front of a manager that cannot be extended in place. */
  private record WithWorkingCalendar(BusinessCalendarManager delegate, BusinessCalendar working)
      implements BusinessCalendarManager {

    WithWorkingCalendar {
      if (delegate == null) {
        throw new IllegalStateException("The engine has no business calendar manager");
      }
    }

    @Override
    public BusinessCalendar getBusinessCalendar(String name) {
      return WorkingTimeBusinessCalendar.NAME.equals(name)
          ? working
          : delegate.getBusinessCalendar(name);
    }
  }
}
