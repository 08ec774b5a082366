package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * The body of a request to the engine's or the webapps' REST API, read at most once: at most {@code
 * redress.security.max-request-bytes} ({@code max-upload-bytes} for multipart uploads such as deployments), else
 * 413 before the engine sees it ({@link RequestBodies}). A JSON body is read here (so that the guard can look into
 * it) and replayed to the engine.
 */
record EngineRequestBody(HttpServletRequest request, JsonNode json) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The limits of request bodies, in bytes. */
  record Limits(long maxRequestBytes, long maxUploadBytes) {
  }

  /** The request to pass on with its parsed JSON body (null when none), or null when it was answered with 413. */
  static EngineRequestBody read(HttpServletRequest request, HttpServletResponse response, Limits limits,
      GuardAnswers answers) throws IOException {
    String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    long limit = contentType.startsWith("multipart/") ? limits.maxUploadBytes() : limits.maxRequestBytes();
    if (RequestBodies.declaredTooLarge(request, limit)) {
      tooLarge(request, response, limit, answers);
      return null;
    }
    if (!contentType.contains("json")) {
      return new EngineRequestBody(request, null);
    }
    RequestBodies.Read body = RequestBodies.read(request, limit);
    if (body == null) {
      tooLarge(request, response, limit, answers);
      return null;
    }
    JsonNode json = null;
    if (body.bytes().length > 0) {
      try {
        json = JSON.readTree(body.bytes());
      } catch (IOException e) {
        json = null; // not JSON after all: the engine answers it
      }
    }
    return new EngineRequestBody(body.request(), json);
  }

  private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit,
      GuardAnswers answers) throws IOException {
    response.setHeader("Connection", "close");
    answers.refuse(request, response, 413, "RequestTooLarge", "The request body is larger than " + limit / 1024
        + " KiB.", null);
  }
}
