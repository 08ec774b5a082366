package io.redress.security;

import io.redress.identity.Groups;
import java.time.Duration;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may come in, by Spring Security: {@code /engine-rest} takes HTTP Basic (and then runs as that user, see
 * {@link EngineRestAuthentication}); the complaint API takes HTTP Basic or the session of a user logged into the
 * webapps ({@link WebappSessionAuthentication}), for the groups that work on complaints; its documentation (the
 * OpenAPI document and Swagger UI) the same, for any user; the reports dashboard's page ({@code /reports}) the same,
 * the page itself refusing whoever may not see it. Passwords are checked against Camunda's identity service
 * ({@link CamundaIdentityAuthentication}). Nothing else passes through Spring Security's chains: the webapps keep
 * their own login, session and CSRF protection, and {@code /actuator} shows only its health
 * ({@code management.endpoints}). Spring Security's filter runs after the login throttle and before
 * {@link EngineRestGuard} ({@code spring.security.filter.order}); no session is created, no header is set (the
 * headers come from {@link RequestOrigin}).
 */
@Configuration
@EnableWebSecurity
class AuthenticationConfiguration {

  /** The OpenAPI document ({@code .yaml}, Swagger UI's {@code swagger-config}) and Swagger UI with its redirect. */
  private static final String[] DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
      "/swagger-ui/**", "/swagger-ui.html"};

  /** The reports dashboard's page: the same logins as the complaint API (its scripts and styles are static). */
  private static final String DASHBOARD = "/reports";

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
        "/swagger-ui.html", "/camunda/api/admin/auth/user/*", DASHBOARD);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  @Bean
  CamundaIdentityAuthentication camundaIdentityAuthentication(IdentityService identity) {
    return new CamundaIdentityAuthentication(identity);
  }

  @Bean
  SecurityFilterChain engineRestSecurity(HttpSecurity http, CamundaIdentityAuthentication passwords)
      throws Exception {
    EngineRestAuthentication engineUser = new EngineRestAuthentication();
    stateless(http, passwords)
        .securityMatcher(paths("/engine-rest", "/engine-rest/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("default").authenticationEntryPoint(engineUser))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(engineUser))
        .addFilterAfter(engineUser, AuthorizationFilter.class);
    return http.build();
  }

  /**
   * The customers' status page ({@code /track}, its files) and its JSON API ({@code /api/track/**}): open to
   * anyone, before the complaint API's chain. No CSRF token: nothing there rests on a cookie or a session (what a
   * request may do comes from its body: the complaint number and contact, or a signed token), and the API takes
   * JSON only, which a page of another site cannot send without the browser's preflight (no CORS is allowed).
   */
  @Bean
  @org.springframework.core.annotation.Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain customerStatusPage(HttpSecurity http, CamundaIdentityAuthentication passwords)
      throws Exception {
    stateless(http, passwords)
        .securityMatcher(paths("/track", "/track/**", "/api/track/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  @Bean
  SecurityFilterChain complaintApiSecurity(HttpSecurity http, CamundaIdentityAuthentication passwords,
      AuditLog audit) throws Exception {
    ApiAuthenticationAnswers answers = new ApiAuthenticationAnswers();
    String[] complaintGroups = Stream.concat(Groups.COMPLAINT_WORKERS.stream(), Stream.of(Groups.CAMUNDA_ADMIN))
        .distinct().toArray(String[]::new);
    stateless(http, passwords)
        .securityMatcher(new OrRequestMatcher(paths("/api/**"), paths(DOCUMENTATION), paths(DASHBOARD)))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths(DOCUMENTATION)).authenticated()
            // the dashboard page answers who may not see it itself (a 401 or 403 page, not a problem)
            .requestMatchers(paths(DASHBOARD)).permitAll()
            .anyRequest().hasAnyAuthority(complaintGroups))
        .httpBasic(basic -> basic.realmName("Redress").authenticationEntryPoint(answers))
        .addFilterAfter(new WebappSessionAuthentication(audit), BasicAuthenticationFilter.class)
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
        .addFilterAfter(new AuthenticatedUser.Attribute(), AuthorizationFilter.class);
    return http.build();
  }

  /**
   * Spring Security's firewall sees every request, also those outside its chains; an encoded slash stays allowed
   * for the complaint API ({@code /api/complaints/CMP%2F1} is an unknown complaint, see
   * {@code io.redress.intake.EncodedSlashes}, which refuses it everywhere else before this filter).
   */
  @Bean
  WebSecurityCustomizer firewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowUrlEncodedSlash(true);
    // with the slash passed through still encoded (Tomcat), the decoded path holds its '%'
    firewall.setAllowUrlEncodedPercent(true);
    return web -> web.httpFirewall(firewall);
  }

  /** No session, no saved request, no headers, no CSRF token of Spring's (the webapps' token is checked). */
  private static HttpSecurity stateless(HttpSecurity http, CamundaIdentityAuthentication passwords)
      throws Exception {
    AuthenticationManager manager = new ProviderManager(passwords);
    return http.authenticationManager(manager)
        // no session fixation protection: these chains log nobody in (the webapps' login renews its own session);
        // renewing the id on every request made with the webapps' session failed the page's parallel requests
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        .securityContext(context -> context.securityContextRepository(
            new RequestAttributeSecurityContextRepository()))
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .anonymous(anonymous -> { });
  }

  private static RequestMatcher paths(String... patterns) {
    return new OrRequestMatcher(Stream.of(patterns)
        .<RequestMatcher>map(p -> PathPatternRequestMatcher.withDefaults().matcher(p)).toList());
  }
}
