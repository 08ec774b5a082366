package io.redress.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST API runs as the user Spring Security authenticated (HTTP Basic): for the request, the addressed
 * engine's authorization checks apply to that user, their groups and tenants (what Camunda's
 * {@code ProcessEngineAuthenticationFilter} did). Also the engine's 401: a Basic challenge of realm
 * {@code default}, as Camunda's REST API answers it.
 */
class EngineRestAuthentication extends OncePerRequestFilter implements AuthenticationEntryPoint {

  private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine-rest/engine/([^/]+)(?:/|$)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher named = NAMED_ENGINE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    String name = named.find() ? named.group(1) : "default";
    ProcessEngine engine = EngineUtil.lookupProcessEngine(name);
    if (engine == null) {
      answer(response, 404, "InvalidRequestException", "Process engine " + name + " not available");
      return;
    }
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    List<String> tenants = engine.getIdentityService().createTenantQuery().userMember(user.getName())
        .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList();
    engine.getIdentityService().setAuthentication(user.getName(), CamundaIdentityAuthentication.groups(user),
        tenants);
    try {
      chain.doFilter(request, response);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response,
      org.springframework.security.core.AuthenticationException failure) throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
    answer(response, 401, "AuthenticationException", "Log in with HTTP Basic.");
  }

  private static void answer(HttpServletResponse response, int status, String type, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", type, "message", message)));
  }
}
