package io.redress.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The complaint API (and its documentation) also takes the session of a user logged into the Camunda webapps (the
 * webapps' own login verified the password): without HTTP Basic, the session's user and groups become the
 * request's authentication. A change (anything but GET, HEAD, OPTIONS) through the session needs the webapps' CSRF
 * token in {@code X-XSRF-TOKEN}, as Tasklist's own requests do: else 403.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final AuditLog audit;

  WebappSessionAuthentication(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    UserAuthentication session = current == null ? Callers.sessionAuthentication(request) : null;
    if (session != null && session.getIdentityId() != null) {
      if (!csrfTokenMatches(request)) {
        audit.denied(session.getIdentityId(), request.getMethod() + " " + request.getRequestURI(),
            "missing CSRF token");
        ApiAuthenticationAnswers.problem(request, response, 403, "Forbidden", "A change through the webapp session "
            + "needs the X-XSRF-TOKEN header of the webapps.");
        return;
      }
      List<String> groups = session.getGroupIds() == null ? List.of() : List.copyOf(session.getGroupIds());
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(session.getIdentityId(), null,
          CamundaIdentityAuthentication.authorities(groups)));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }

  /** Reading needs no token; a change made with the session cookie needs the token the session holds. */
  private static boolean csrfTokenMatches(HttpServletRequest request) {
    if (READS.contains(request.getMethod())) {
      return true;
    }
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected != null && sent != null && MessageDigest.isEqual(
        expected.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
