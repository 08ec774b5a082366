package io.redress.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Error bodies of the engine's and the webapps' REST API: a server error answers a generic message with a
 * reference (the details go to the log), and no error body carries SQL or a stack trace.
 */
final class ErrorSanitizer {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRestGuard.class);
  /** What betrays internals: MyBatis' error report, JDBC exceptions, Camunda's table names, stack frames. */
  private static final Pattern LEAK = Pattern.compile("###|SQLException|SQLSyntax|JdbcSQL|PSQLException|"
      + "\\bACT_[A-Z]{2}_[A-Z_]+|\\b(?:SELECT|INSERT INTO|DELETE FROM|UPDATE \\w+ SET)\\b|Caused by:|"
      + "\\bat (?:org|java|jakarta|sun|io|com)\\.[\\w.$]+\\(");

  private ErrorSanitizer() {
  }

  static void sanitize(HttpServletRequest request, ContentCachingResponseWrapper response) throws IOException {
    int status = response.getStatus();
    if (status < 400) {
      return;
    }
    String body = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    if (status < 500 && !LEAK.matcher(body).find()) {
      return;
    }
    if (status == 503 && body.contains(io.redress.database.DatabaseOutage.TYPE.toString())
        && !LEAK.matcher(body).find()) {
      return; // the database is unavailable: the problem says so, with Retry-After (io.redress.database)
    }
    String reference = UUID.randomUUID().toString();
    LOG.warn("{} answered {} (reference {}): {}", Callers.what(request), status, reference,
        AuditLog.clean(body, 2000));
    String message = status >= 500 ? "The server could not process the request (reference " + reference + ")."
        : "The request could not be processed (reference " + reference + ").";
    GuardAnswers.replace(response, status, status >= 500 ? "ServerError" : "InvalidRequestException", message);
  }
}
