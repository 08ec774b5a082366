package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redress.RedressApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Without the demo profile there is no default password anywhere: with no administrator in the database and no
 * {@code redress.admin.password}, the application refuses to start and says why. Runs in the JVM of
 * {@link RestartTest} (see the pom): Camunda keeps engines in a JVM-wide registry.
 */
class StartupWithoutAdminPasswordTest {

  @Test
  void theApplicationRefusesToStartWithoutAnAdministratorPassword() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(RedressApplication.class)
        .profiles("test")
        .run("--spring.datasource.url=jdbc:h2:mem:startup-test;DB_CLOSE_DELAY=-1",
            "--server.port=0",
            "--camunda.bpm.process-engine-name=startup-test",
            "--camunda.bpm.generate-unique-process-engine-name=false")
        .close())
        .satisfies(e -> {
          Throwable root = e;
          while (root.getCause() != null && !(root instanceof IllegalStateException)) {
            root = root.getCause();
          }
          assertThat(root).isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("redress.admin.password").hasMessageContaining("REDRESS_ADMIN_PASSWORD")
              .hasMessageContaining("camunda-admin has no member");
        });
  }
}
