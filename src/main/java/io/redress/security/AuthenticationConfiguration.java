package io.redress.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
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
