package io.redress.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Builds a real in-memory engine (H2) with the plugin; no Spring. */
class WorkingCalendarPluginTest {

  private ProcessEngine engine;

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  private ProcessEngineConfigurationImpl buildEngine(BusinessCalendarManager presetManager) {
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:working-calendar-plugin-" + UUID.randomUUID());
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.setProcessEnginePlugins(
        List.of(new WorkingCalendarPlugin(WorkingCalendar.defaults())));
    if (presetManager != null) {
      configuration.setBusinessCalendarManager(presetManager);
    }
    engine = configuration.buildProcessEngine();
    return configuration;
  }

  @Test
  void registersWorkingAndKeepsTheStandardCalendars() {
    BusinessCalendarManager manager = buildEngine(null).getBusinessCalendarManager();

    assertThat(manager.getBusinessCalendar("working"))
        .isInstanceOf(WorkingTimeBusinessCalendar.class);
    assertThat(manager.getBusinessCalendar("duration"))
        .isInstanceOf(DurationBusinessCalendar.class);
    assertThat(manager.getBusinessCalendar("dueDate")).isInstanceOf(DueDateBusinessCalendar.class);
    assertThat(manager.getBusinessCalendar("cycle")).isInstanceOf(CycleBusinessCalendar.class);
  }

  @Test
  void registeredCalendarResolvesWorkingTime() {
    BusinessCalendar working =
        buildEngine(null).getBusinessCalendarManager().getBusinessCalendar("working");
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    Date fridayThree =
        Date.from(LocalDateTime.parse("2026-03-06T15:00").atZone(shanghai).toInstant());

    assertThat(working.resolveDuedate("P2D", fridayThree).toInstant())
        .isEqualTo(LocalDateTime.parse("2026-03-10T15:00").atZone(shanghai).toInstant());
  }

  @Test
  void extendsACustomManagerWithoutReplacingIt() {
    BusinessCalendar custom = new DurationBusinessCalendar();
    BusinessCalendarManager onlyCustom = name -> "custom".equals(name) ? custom : null;

    BusinessCalendarManager manager = buildEngine(onlyCustom).getBusinessCalendarManager();

    assertThat(manager.getBusinessCalendar("custom")).isSameAs(custom);
    assertThat(manager.getBusinessCalendar("working"))
        .isInstanceOf(WorkingTimeBusinessCalendar.class);
  }
}
