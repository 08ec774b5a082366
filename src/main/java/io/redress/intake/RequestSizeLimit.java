package io.redress.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.security.RequestBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies sent to the complaint API are at most {@value #MAX_BYTES} bytes ({@link RequestBodies}, as the engine's
 * REST API): a larger declared length is answered 413 before anything is read, and a chunked body as soon as it
 * passes the limit (413 too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

  static final int MAX_BYTES = 64 * 1024;
  /** The request attribute with the body as read (at most {@link #MAX_BYTES}), for the 400's second look. */
  static final String BODY = RequestSizeLimit.class.getName() + ".body";

  private final ObjectMapper json;

  RequestSizeLimit(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    RequestBodies.Read body = RequestBodies.read(request, MAX_BYTES);
    if (body == null) {
      tooLarge(request, response);
      return;
    }
    body.request().setAttribute(BODY, body.bytes());
    chain.doFilter(body.request(), response);
  }

  /** The 413 as the complaint API's other answers: a problem with type, title, detail and the request's path. */
  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "The request body is larger than " + MAX_BYTES / 1024 + " KiB.");
    problem.setType(ApiProblems.TOO_LARGE);
    problem.setTitle("Request too large");
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // left out: the path is not a URI
    }
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setHeader("Connection", "close");
    json.writeValue(response.getOutputStream(), problem);
  }
}
