package io.redress.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The complaint API's answers when Spring Security turns a request away, as problem details
 * ({@code application/problem+json}): 401 with a Basic challenge (so that a browser asks for a login) when neither
 * HTTP Basic nor a webapp session authenticates the caller, 403 when the caller is in no group that works on
 * complaints.
 */
final class ApiAuthenticationAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiAuthenticationAnswers.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"Redress\", charset=\"UTF-8\"");
    problem(request, response, 401, "Unauthorized", "Log in with HTTP Basic or a Camunda webapp session.");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response,
      org.springframework.security.access.AccessDeniedException denied) throws IOException {
    LOG.info("Complaint API refused to user {}: not in a complaint-handling group", Callers.of(request));
    problem(request, response, 403, "Forbidden", "Only the groups that work on complaints may use this API.");
  }

  static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(problem));
  }
}
