package io.redress.database;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** 503 with Retry-After instead of 500 while the database is unavailable (docs/database-outages.md). */
@Configuration
class DatabaseOutageConfiguration {

  /** Inside the outermost filter (io.redress.security.RequestOrigin), around the login checks and the guards. */
  @Bean
  FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter() {
    FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
        new DatabaseOutageFilter());
    registration.setName("redress-database-outage");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*", "/v3/api-docs/*", "/v3/api-docs.yaml");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  ResourceConfigCustomizer databaseOutageMappers() {
    return config -> config.register(DatabaseOutageMappers.AnyFailure.class, DatabaseOutageMappers.PRIORITY)
        .register(DatabaseOutageMappers.EngineFailure.class, DatabaseOutageMappers.PRIORITY)
        .register(DatabaseOutageMappers.RestFailure.class, DatabaseOutageMappers.PRIORITY);
  }
}
