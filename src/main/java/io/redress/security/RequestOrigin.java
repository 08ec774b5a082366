package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The outermost filter: remembers where a request comes from (for the audit log), sets the security headers of
 * the APIs, and records in the audit log what the request came to: authentication failures (HTTP Basic, webapp
 * login), authorization denials (403 from the engine, the webapps or the complaint API) and deployments through
 * the engine REST API (Camunda Modeler's deploy).
 */
class RequestOrigin extends OncePerRequestFilter {

  private static final ThreadLocal<String> REMOTE = new ThreadLocal<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog audit;

  RequestOrigin(AuditLog audit) {
    this.audit = audit;
  }

  /** The remote address of the request this thread serves (after a trusted proxy's X-Forwarded-For). */
  static String remoteAddress() {
    String remote = REMOTE.get();
    return remote == null ? "internal" : remote;
  }

  private static final String LOGIN = "/camunda/api/admin/auth/user/[^/]+/login/[^/]+";

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    headers(request, response, path);
    boolean deployment = "POST".equals(request.getMethod()) && (path.endsWith("/deployment/create")
        || path.matches(".*/deployment/[^/]+/redeploy"));
    HttpServletResponse target = deployment ? new ContentCachingResponseWrapper(response) : response;
    REMOTE.set(request.getRemoteAddr());
    AuditLog.startRequest();
    // who tried to log in: read before the webapp's login resource consumes the form
    String loginUser = path.matches(LOGIN) ? request.getParameter("username") : null;
    try {
      chain.doFilter(request, target);
      record(request, target, path, loginUser);
    } finally {
      REMOTE.remove();
      AuditLog.startRequest();
      if (target instanceof ContentCachingResponseWrapper cached) {
        cached.copyBodyToResponse();
      }
    }
  }

  private static void headers(HttpServletRequest request, HttpServletResponse response, String path) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (path.startsWith("/camunda/")) {
      // the webapps set their own Content-Security-Policy (camunda.bpm.webapp.header-security)
      response.setHeader("X-Frame-Options", "SAMEORIGIN");
      response.setHeader("Referrer-Policy", "same-origin");
      return;
    }
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (path.equals("/track") || path.startsWith("/track/")) {
      // the customers' status page: its own script, style and API only; no inline code, no frames
      response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
      response.setHeader("Cache-Control", "no-store");
      return;
    }
    if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/actuator/")) {
      response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      response.setHeader("Cache-Control", "no-store");
    }
  }

  private void record(HttpServletRequest request, HttpServletResponse response, String path, String loginUser) {
    int status = response.getStatus();
    try {
      if (path.matches(LOGIN)) {
        String user = loginUser;
        if (status == 401) {
          audit.authenticationFailure(user, "webapp login " + path.substring(path.lastIndexOf('/') + 1));
        } else if (status == 403) {
          audit.denied(user, "webapp " + path.substring(path.lastIndexOf('/') + 1), "no access to the application");
        }
        return;
      }
      if (status == 401 && request.getHeader("Authorization") != null) {
        audit.authenticationFailure(Callers.basicUser(request), Callers.what(request));
      } else if (status == 403 && !AuditLog.denialRecorded()) {
        audit.denied(Callers.of(request), Callers.what(request), "403");
      } else if (status == 200 && response instanceof ContentCachingResponseWrapper cached) {
        JsonNode body = JSON.readTree(cached.getContentAsByteArray());
        audit.deployment(Callers.of(request), body.path("id").asText(), "via " + path + ", "
            + body.path("deployedProcessDefinitions").size() + " process(es), "
            + body.path("deployedDecisionDefinitions").size() + " decision(s)");
      }
    } catch (IOException | RuntimeException e) {
      logger.warn("Audit of " + Callers.what(request) + " failed: " + e.getClass().getSimpleName());
    }
  }
}
