package io.redress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's modules are the packages directly below {@code io.redress} (Spring Modulith). {@link
 * ApplicationModules#verify()} fails when the modules depend on each other in a cycle, or when a module uses
 * another's internals: a type that is not public in the other module's top-level package (its API), or any type in
 * one of its sub-packages (such as {@code intake.api}). Three rules of layering beside it (ArchUnit, which Spring
 * Modulith brings): the web layer keeps its types to itself, controllers leave the engine to the services, and
 * the case file does not describe the HTTP API.
 */
class ModuleBoundariesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(RedressApplication.class);
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.redress");

  @Test
  void modulesUseOnlyEachOthersApiAndHaveNoCycles() {
    MODULES.verify();
  }

  @Test
  void theModulesAreTheDomainsCapabilities() {
    assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
        .containsExactlyInAnyOrder("approval", "backup", "calendar", "casefile", "cluster", "contact", "dashboard",
            "database", "escalation", "identity", "intake", "language", "lifecycle", "mailbox", "modeling",
            "notification", "privacy", "reports", "security", "sla", "summary", "tracking", "workflow");
  }

  /** A service throws its own exceptions; only the web layer (controllers, their advice) knows a controller. */
  @Test
  void onlyTheWebLayerUsesControllersAndTheirTypes() {
    DescribedPredicate<JavaClass> controllerOrItsType = new DescribedPredicate<>("a controller or a type of one") {
      @Override
      public boolean test(JavaClass c) {
        return c.isAnnotatedWith(RestController.class)
            || c.getEnclosingClass().map(e -> e.isAnnotatedWith(RestController.class)).orElse(false);
      }
    };
    DescribedPredicate<JavaClass> webLayer = new DescribedPredicate<>("the web layer") {
      @Override
      public boolean test(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
          top = top.getEnclosingClass().get();
        }
        return top.isAnnotatedWith(RestController.class)
            || top.isAnnotatedWith(org.springframework.web.bind.annotation.RestControllerAdvice.class)
            || top.isAnnotatedWith(org.springframework.web.bind.annotation.ControllerAdvice.class);
      }
    };
    noClasses().that(DescribedPredicate.not(webLayer)).should().dependOnClassesThat(controllerOrItsType)
        .check(CLASSES);
  }

  /** What the engine holds of a case is read by a service of the module it belongs to, not by a controller. */
  @Test
  void controllersDoNotUseTheEnginesServices() {
    noClasses().that().areAnnotatedWith(RestController.class).should().dependOnClassesThat()
        .resideInAPackage("org.camunda.bpm.engine").check(CLASSES);
  }

  /**
   * The records of the HTTP API and their OpenAPI description live in the web layer ({@code intake.api}, the
   * controllers), not in the case file. Two are left: {@code NewCase}, the intake command that the API and the
   * start form's delegate validate alike, and {@code Customers.OtherDetail}, which both the complaint and the customer
   * API show.
   */
  @Test
  void theCaseFileDoesNotDescribeTheHttpApi() {
    noClasses().that().resideInAPackage("io.redress.casefile..")
        .and().doNotHaveFullyQualifiedName("io.redress.casefile.NewCase")
        .and().doNotHaveFullyQualifiedName("io.redress.casefile.NewCase$Customer")
        .and().doNotHaveFullyQualifiedName("io.redress.casefile.NewCase$IdentityCheck")
        .and().doNotHaveFullyQualifiedName("io.redress.casefile.Customers$OtherDetail")
        .should().dependOnClassesThat().resideInAPackage("io.swagger..").check(CLASSES);
  }
}
