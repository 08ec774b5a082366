package io.redress.calendar;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda {@link BusinessCalendar} that resolves ISO-8601 durations in working time with a {@link
 * WorkingCalendar}: {@code P2D} is two working days, {@code PT4H} four working hours.
 *
 * <p>Registered in the engine under {@link #NAME} by {@link WorkingCalendarPlugin}. Relative to
 * {@link ClockUtil#getCurrentTime()} when no start date is given, so tests that move the engine
 * clock move this calendar too.
 */
public class WorkingTimeBusinessCalendar implements BusinessCalendar {

  /** Name of this calendar in the engine's business calendar manager. */
  public static final String NAME = "working";

  private final WorkingCalendar calendar;

  /** Creates the adapter for {@code calendar}. */
  public WorkingTimeBusinessCalendar(WorkingCalendar calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  /** Resolves {@code duedateDescription} from the engine's current time. */
  @Override
  public Date resolveDuedate(String duedateDescription) {
    return resolveDuedate(duedateDescription, (Date) null);
  }

  /**
   * Resolves {@code duedateDescription} (an ISO-8601 duration of working time) from {@code
   * startDate}, or from the engine's current time when {@code startDate} is null.
   *
   * @throws ProcessEngineException if the description is not a supported duration
   */
  @Override
  public Date resolveDuedate(String duedateDescription, Date startDate) {
    Instant start = (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant();
    try {
      return Date.from(calendar.add(start, duedateDescription));
    } catch (IllegalArgumentException e) {
      throw new ProcessEngineException(
          "Cannot resolve due date '" + duedateDescription + "' in working time: "
              + e.getMessage(), e);
    }
  }

  /** Resolves {@code duedateDescription} from the engine's current time; the task is not used. */
  @Override
  public Date resolveDuedate(String duedateDescription, Task task) {
    return resolveDuedate(duedateDescription);
  }
}
