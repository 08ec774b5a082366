package io.redress.postgres;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs the Spring tests on PostgreSQL when the {@code postgres} profile is active (the build's PostgreSQL run sets
 * {@code spring.profiles.include=postgres}): each test context gets a fresh database of its own from
 * {@link TestPostgres}, whatever H2 URL the test names. Without the profile it changes nothing.
 */
public class PostgresContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return new FreshDatabase();
  }

  static final class FreshDatabase implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      if (!context.getEnvironment().acceptsProfiles(Profiles.of("postgres"))) {
        return;
      }
      TestPostgres.Server server = TestPostgres.server();
      String url = TestPostgres.newDatabase();
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-postgres", Map.of(
          "spring.datasource.url", url,
          "spring.datasource.username", server.user(),
          "spring.datasource.password", server.password() == null ? "" : server.password())));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FreshDatabase;
    }

    @Override
    public int hashCode() {
      return FreshDatabase.class.hashCode();
    }
  }
}
