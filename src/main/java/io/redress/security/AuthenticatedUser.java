package io.redress.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** Who is calling the complaint API, as established by {@link ApiAuthenticationFilter}. */
public record AuthenticatedUser(String userId, List<String> groups) {

  static final String ATTRIBUTE = AuthenticatedUser.class.getName();

  public static AuthenticatedUser of(HttpServletRequest request) {
    return (AuthenticatedUser) request.getAttribute(ATTRIBUTE);
  }
}
