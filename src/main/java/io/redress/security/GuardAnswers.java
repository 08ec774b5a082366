package io.redress.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The guard's own answers in the engine REST API's error shape ({@code {"type": ..., "message": ...}}), which the
 * webapps show to their users; a refusal with a reason is written to the audit log (403 as a denial).
 */
final class GuardAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog audit;

  GuardAnswers(AuditLog audit) {
    this.audit = audit;
  }

  void refuse(HttpServletRequest request, HttpServletResponse response, int status, String type, String message,
      String auditReason) throws IOException {
    if (auditReason != null) {
      if (status == 403) {
        audit.denied(Callers.of(request), Callers.what(request), auditReason);
      } else {
        audit.refused(Callers.of(request), Callers.what(request), auditReason);
      }
    }
    write(response, status, type, message);
  }

  /** Replaces whatever the response holds (it must still be buffered) with this answer. */
  static void replace(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.resetBuffer();
    write(response, status, type, message);
  }

  private static void write(HttpServletResponse response, int status, String type, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("type", type, "message", message)));
  }
}
