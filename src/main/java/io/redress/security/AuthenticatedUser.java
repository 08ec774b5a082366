package io.redress.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Who is calling the complaint API, as Spring Security authenticated them (HTTP Basic or webapp session). */
public record AuthenticatedUser(String userId, List<String> groups) {

  static final String ATTRIBUTE = AuthenticatedUser.class.getName();

  public static AuthenticatedUser of(HttpServletRequest request) {
    return (AuthenticatedUser) request.getAttribute(ATTRIBUTE);
  }

  /** The last filter of the complaint API's security chain: the authenticated user for the controllers. */
  static final class Attribute extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication user = SecurityContextHolder.getContext().getAuthentication();
      if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
        request.setAttribute(ATTRIBUTE, new AuthenticatedUser(user.getName(),
            CamundaIdentityAuthentication.groups(user)));
      }
      chain.doFilter(request, response);
    }
  }
}
