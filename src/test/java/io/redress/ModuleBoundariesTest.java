package io.redress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The application's modules are the packages directly below {@code io.redress} (Spring Modulith). {@link
 * ApplicationModules#verify()} fails when the modules depend on each other in a cycle, or when a module uses
 * another's internals: a type that is not public in the other module's top-level package (its API), or any type in
 * one of its sub-packages (such as {@code intake.api}).
 */
class ModuleBoundariesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(RedressApplication.class);

  @Test
  void modulesUseOnlyEachOthersApiAndHaveNoCycles() {
    MODULES.verify();
  }

  @Test
  void theModulesAreTheDomainsCapabilities() {
    assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
        .containsExactlyInAnyOrder("approval", "calendar", "casefile", "cluster", "contact", "escalation",
            "identity", "intake", "language", "lifecycle", "modeling", "notification", "privacy", "security", "sla",
            "workflow");
  }
}
