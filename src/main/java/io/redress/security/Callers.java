package io.redress.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** Who a request says it comes from: the user of its Basic header, else of its webapp session (unverified). */
final class Callers {

  private Callers() {
  }

  /** The user and password of an HTTP Basic header (unverified), or null. */
  record Credentials(String user, String password) {
  }

  static Credentials basic(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String basicUser(HttpServletRequest request) {
    Credentials credentials = basic(request);
    return credentials == null ? null : credentials.user();
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
