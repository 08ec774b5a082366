package io.redress.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Every webapp page asks who is logged in ({@code GET /camunda/api/admin/auth/user/default}) before the login;
 * Camunda answers "nobody" with 404, which the browser reports as a failed request on every visit. Here "nobody"
 * is 204, no content: the webapps treat any answer but 200 as not logged in.
 */
final class NobodyIsNoContent extends HttpServletResponseWrapper {

  static final Pattern WHO_AM_I = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+$");

  NobodyIsNoContent(HttpServletResponse response) {
    super(response);
  }

  @Override
  public void setStatus(int status) {
    super.setStatus(status == 404 ? 204 : status);
  }

  @Override
  public void sendError(int status) throws IOException {
    if (status == 404) {
      super.setStatus(204);
    } else {
      super.sendError(status);
    }
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    if (status == 404) {
      super.setStatus(204);
    } else {
      super.sendError(status, message);
    }
  }
}
