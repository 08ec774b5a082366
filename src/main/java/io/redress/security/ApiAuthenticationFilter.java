package io.redress.security;

import io.redress.identity.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the complaint API: HTTP Basic against Camunda's identity service, or the session of a user
 * logged into the Camunda webapps. Only the groups that work on complaints may use it. Without credentials the
 * answer is 401 with a Basic challenge, so that a browser asks for a login.
 * <p>
 * The same authentication guards the API's documentation (OpenAPI document, Swagger UI), which any user may read
 * ({@code complaintWorkersOnly} false): it describes the API, it holds no complaint data.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiAuthenticationFilter.class);
  private static final String ENGINE = "default";

  private final IdentityService identityService;
  private final AuditLog audit;

  private final boolean complaintWorkersOnly;

  ApiAuthenticationFilter(IdentityService identityService, AuditLog audit, boolean complaintWorkersOnly) {
    this.identityService = identityService;
    this.audit = audit;
    this.complaintWorkersOnly = complaintWorkersOnly;
  }

  /** Reading needs no token; a change made with the session cookie needs the token the session holds. */
  private static boolean csrfTokenMatches(HttpServletRequest request) {
    if (List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod())) {
      return true;
    }
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected != null && sent != null && java.security.MessageDigest.isEqual(
        expected.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));

  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    AuthenticatedUser user = fromBasic(request);
    if (user == null) {
      user = fromSession(request);
      if (user != null && !csrfTokenMatches(request)) {
        // a change through the webapp session needs the webapps' CSRF token, as Tasklist's own requests do
        audit.denied(user.userId(), request.getMethod() + " " + request.getRequestURI(), "missing CSRF token");
        problem(request, response, 403, "Forbidden", "A change through the webapp session needs the X-XSRF-TOKEN "
            + "header of the webapps.");
        return;
      }
    }
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Redress\", charset=\"UTF-8\"");
      problem(request, response, 401, "Unauthorized", "Log in with HTTP Basic or a Camunda webapp session.");
      return;
    }
    boolean allowed = !complaintWorkersOnly || user.groups().stream()
        .anyMatch(g -> Groups.COMPLAINT_WORKERS.contains(g) || Groups.CAMUNDA_ADMIN.equals(g));
    if (!allowed) {
      LOG.info("Complaint API refused to user {}: not in a complaint-handling group", user.userId());
      problem(request, response, 403, "Forbidden", "Only the groups that work on complaints may use this API.");
      return;
    }
    request.setAttribute(AuthenticatedUser.ATTRIBUTE, user);
    chain.doFilter(request, response);
  }

  private AuthenticatedUser fromBasic(HttpServletRequest request) {
    Callers.Credentials credentials = Callers.basic(request);
    if (credentials == null || !identityService.checkPassword(credentials.user(), credentials.password())) {
      return null;
    }
    String userId = credentials.user();
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    return new AuthenticatedUser(userId, groups);
  }

  private static AuthenticatedUser fromSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    if (!(AuthenticationUtil.getAuthsFromSession(session)
        .getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication auth)) {
      return null;
    }
    return new AuthenticatedUser(auth.getIdentityId(), List.copyOf(auth.getGroupIds()));
  }

  private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\",\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\"}");
  }
}
