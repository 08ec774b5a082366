package io.redress.notification;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The notification beans an application may replace with its own: an auto-configuration (listed in
 * {@code META-INF/spring/...AutoConfiguration.imports}, kept out of the component scan by Boot), so that
 * {@link ConditionalOnMissingBean} sees every bean the application defines.
 */
@AutoConfiguration
public class NotificationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(SmsGateway.class)
  SmsGateway loggingSmsGateway() {
    return new LoggingSmsGateway();
  }
}
