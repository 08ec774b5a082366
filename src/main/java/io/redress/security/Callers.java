package io.redress.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;

/** Who a request says it comes from: the user of its Basic header, else of its webapp session (unverified). */
final class Callers {

  /** Spring Security's parser of the Basic header, the one its BasicAuthenticationFilter uses. */
  private static final BasicAuthenticationConverter BASIC = new BasicAuthenticationConverter();

  private Callers() {
  }

  /** The user of an HTTP Basic header (unverified), or null. */
  static String basicUser(HttpServletRequest request) {
    try {
      UsernamePasswordAuthenticationToken token = BASIC.convert(request);
      return token == null || token.getName().isEmpty() ? null : token.getName();
    } catch (AuthenticationException e) {
      return null; // not Base64, or no colon
    }
  }

  static String sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    return auths.getAuthenticationForProcessEngine("default") instanceof UserAuthentication a
        ? a.getIdentityId() : null;
  }

  /** The webapp session's login (verified when the user logged in), with the groups it was granted; or null. */
  static UserAuthentication sessionAuthentication(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    return AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine("default")
        instanceof UserAuthentication a ? a : null;
  }

  static String of(HttpServletRequest request) {
    String user = basicUser(request);
    return user != null ? user : sessionUser(request);
  }

  /** The path of the request without its query string (which may hold search terms). */
  static String what(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }
}
