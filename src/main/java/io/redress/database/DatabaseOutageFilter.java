package io.redress.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around everything that reads the database for a request of the APIs (the login check of HTTP Basic, the guards'
 * look-ups, the handlers): a failure that comes from the database being unavailable becomes the 503 problem of
 * {@link DatabaseOutage} instead of the servlet container's 500. (The handlers answer it themselves where they
 * can: the complaint API's {@code ApiProblems}, the engine REST API's {@link DatabaseOutageMappers}.)
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (response.isCommitted() || !DatabaseOutage.isCause(e)) {
        throw e;
      }
      String path = request.getRequestURI();
      DatabaseOutage.log(request.getMethod(), path, e);
      DatabaseOutage.write(path, response, !path.startsWith(request.getContextPath() + "/api/"));
    }
  }
}
