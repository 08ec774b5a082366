package io.redress.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The application's clock: the process engine's ({@link ClockUtil}), so that timers, due dates and the times the
 * application records agree, also when tests move the engine's clock. Inject {@link Clock} instead of reading
 * {@code ClockUtil} outside the engine glue.
 */
@Component
public final class EngineClock extends Clock {

  private final ZoneId zone;

  public EngineClock() {
    this(ZoneOffset.UTC);
  }

  private EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public long millis() {
    return ClockUtil.getCurrentTime().getTime();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }
}
