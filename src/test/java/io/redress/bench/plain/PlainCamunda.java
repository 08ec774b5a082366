package io.redress.bench.plain;

import jakarta.servlet.ServletContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The benchmark's baseline outside the Redress node (issue 20, part 1): a plain Camunda 7 Spring Boot application
 * (camunda-bpm-spring-boot-starter-rest, the same Spring Boot and Camunda versions as Redress), HTTP Basic on the
 * engine REST API as Camunda's documentation sets it up (its {@link ProcessEngineAuthenticationFilter} with the
 * {@link HttpBasicAuthenticationProvider}), authorization on, the starter's default history level ({@code full}).
 * {@code io.redress.bench.PlainNode} starts it in a JVM of its own with the dependency jars and this class only (no
 * Redress classes, no application.yaml), on a database of its own.
 *
 * <p>At start it deploys the benchmark's one-user-task process (the BPMN file {@code plain.bpmn}) and creates the
 * user {@code plain.user} (not an administrator: Camunda skips the authorization checks of administrators) in group
 * {@code plain.group}, with grants to start the process and work its tasks.
 *
 * <p>Deliberately no {@code @SpringBootApplication}/{@code @Configuration}: the class sits in the tests of
 * {@code io.redress}, and a stereotype would let the Redress application's component scan pick it up in the tests.
 * {@code SpringApplication.run(PlainCamunda.class)} reads its {@code @Bean} methods all the same.
 */
@EnableAutoConfiguration
public class PlainCamunda {

  public static void main(String[] args) {
    SpringApplication.run(PlainCamunda.class, args);
  }

  /** Camunda's documented HTTP Basic for the engine REST API (docs: REST API, Authentication; Spring Boot). */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> processEngineAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  @Value("${plain.bpmn:}")
  String bpmn;
  @Value("${plain.user:demo}")
  String user;
  @Value("${plain.password:demo}")
  String password;
  @Value("${plain.group:workers}")
  String group;
  @Value("${plain.process:bench-baseline}")
  String processKey;

  /** The process, the user and its grants, once the application is up; then what it is, for the report. */
  @EventListener
  public void ready(ApplicationReadyEvent event) throws Exception {
    setUp(event.getApplicationContext().getBean(ProcessEngine.class));
    describe(event);
  }

  private void setUp(ProcessEngine engine) throws Exception {
    if (!bpmn.isBlank()) {
      Path file = Path.of(bpmn);
      engine.getRepositoryService().createDeployment().name("plain-baseline").enableDuplicateFiltering(true)
          .addString(file.getFileName().toString(), Files.readString(file)).deploy();
    }
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(user).count() > 0) {
      return;
    }
    User u = identity.newUser(user);
    u.setPassword(password);
    identity.saveUser(u);
    Group g = identity.newGroup(group);
    g.setName(group);
    identity.saveGroup(g);
    identity.createMembership(user, group);
    AuthorizationService authorizations = engine.getAuthorizationService();
    grant(authorizations, Resources.PROCESS_DEFINITION, processKey, Permissions.READ, Permissions.CREATE_INSTANCE,
        Permissions.READ_INSTANCE, Permissions.READ_TASK, Permissions.UPDATE_TASK);
    grant(authorizations, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
  }

  private void grant(AuthorizationService authorizations, Resources resource, String resourceId,
      Permissions... permissions) {
    Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    a.setGroupId(group);
    a.setResource(resource);
    a.setResourceId(resourceId);
    for (Permissions p : permissions) {
      a.addPermission(p);
    }
    authorizations.saveAuthorization(a);
  }

  /** What the application is, for the benchmark's report: its beans, servlet filters, engine and deployments. */
  private void describe(ApplicationReadyEvent event) {
    var context = event.getApplicationContext();
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    ServletContext servlet = context.getBean(ServletContext.class);
    System.out.println("[plain] beans: " + context.getBeanDefinitionCount());
    System.out.println("[plain] servlet filters: " + new TreeMap<>(servlet.getFilterRegistrations()).entrySet()
        .stream().map(e -> e.getKey() + " " + e.getValue().getUrlPatternMappings())
        .collect(Collectors.joining("; ")));
    System.out.println("[plain] engine: authorization " + config.isAuthorizationEnabled() + ", history "
        + config.getHistoryLevel().getName() + ", plugins " + config.getProcessEnginePlugins().stream()
            .flatMap(p -> p instanceof CompositeProcessEnginePlugin c ? c.getPlugins().stream() : Stream.of(p))
            .map(p -> p.getClass().getSimpleName()).collect(Collectors.joining(", ")));
    System.out.println("[plain] process definitions: " + engine.getRepositoryService()
        .createProcessDefinitionQuery().list().stream().map(d -> d.getKey() + ":" + d.getVersion())
        .collect(Collectors.joining(", ")));
  }
}
