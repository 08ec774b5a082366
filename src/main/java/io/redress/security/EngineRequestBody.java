package io.redress.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * The body of a request to the engine's or the webapps' REST API, read at most once: at most {@code
 * redress.security.max-request-bytes} ({@code max-upload-bytes} for multipart uploads such as deployments), else
 * 413 before the engine sees it. A JSON body is read here (so that the guard can look into it) and replayed to the
 * engine.
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
    if (request.getContentLengthLong() > limit) {
      tooLarge(request, response, limit, answers);
      return null;
    }
    if (!contentType.contains("json")) {
      return new EngineRequestBody(request, null);
    }
    byte[] bytes = request.getInputStream().readNBytes((int) limit + 1);
    if (bytes.length > limit) {
      tooLarge(request, response, limit, answers);
      return null;
    }
    JsonNode json = null;
    if (bytes.length > 0) {
      try {
        json = JSON.readTree(bytes);
      } catch (IOException e) {
        json = null; // not JSON after all: the engine answers it
      }
    }
    return new EngineRequestBody(new CachedBody(request, bytes), json);
  }

  private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit,
      GuardAnswers answers) throws IOException {
    response.setHeader("Connection", "close");
    answers.refuse(request, response, 413, "RequestTooLarge", "The request body is larger than " + limit / 1024
        + " KiB.", null);
  }

  /** The request with its body read once and replayed to the engine. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          try {
            return in.available() == 0;
          } catch (IOException e) {
            return true;
          }
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
