package io.redress.security;

import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nothing but {@code /actuator/health} and the webapps' own login is open: {@code /engine-rest} takes HTTP Basic
 * through Camunda's authentication filter (which also switches the engine's authorization checks to the caller),
 * the complaint API takes HTTP Basic or the webapp session, and so does its documentation (the OpenAPI document
 * and Swagger UI), for any user.
 */
@Configuration
class AuthenticationConfiguration {

  /**
   * Before every check of a password (HTTP Basic on the APIs and their documentation, the webapps' login form):
   * the throttle of repeated failures per account and source address (429 with Retry-After).
   */
  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottle(AuditLog audit,
      @Value("${redress.security.login-throttle.free-failures:5}") int freeFailures,
      @Value("${redress.security.login-throttle.address-free-failures:50}") int addressFreeFailures,
      @Value("${redress.security.login-throttle.block:30s}") Duration block,
      @Value("${redress.security.login-throttle.max-block:15m}") Duration maxBlock,
      @Value("${redress.security.login-throttle.forget-after:1h}") Duration forgetAfter,
      @Value("${redress.security.login-throttle.max-entries:100000}") long maxEntries) {
    FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(new LoginThrottle(audit,
        freeFailures, addressFreeFailures, block, maxBlock, forgetAfter, maxEntries));
    registration.setName("login-throttle");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/v3/api-docs/*", "/v3/api-docs.yaml", "/swagger-ui/*",
        "/swagger-ui.html", "/camunda/api/admin/auth/user/*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> complaintApiAuthentication(IdentityService identityService,
      AuditLog audit) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, audit, true));
    registration.setName("complaint-api-authentication");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  /**
   * springdoc's endpoints: the OpenAPI document ({@code /v3/api-docs}, {@code .yaml}, Swagger UI's
   * {@code /v3/api-docs/swagger-config}) and Swagger UI with its redirect. A browser gets the Basic challenge and
   * asks for a login (or brings its webapp session); Swagger UI's "Try it out" then calls {@code /api} with it.
   */
  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiDocumentationAuthentication(IdentityService identityService,
      AuditLog audit) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, audit, false));
    registration.setName("api-documentation-authentication");
    registration.addUrlPatterns("/v3/api-docs/*", "/v3/api-docs.yaml", "/swagger-ui/*", "/swagger-ui.html");
    return registration;
  }
}
