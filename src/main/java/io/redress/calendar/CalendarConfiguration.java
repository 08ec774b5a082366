package io.redress.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the configured {@link WorkingCalendar} as a Spring bean. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarConfiguration.class);

  @Bean
  WorkingCalendar workingCalendar(CalendarProperties properties) {
    WorkingCalendar calendar = properties.toCalendar();
    LOG.info("Working calendar: {}", calendar);
    return calendar;
  }
}
