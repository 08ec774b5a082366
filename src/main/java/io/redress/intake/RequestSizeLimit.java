package io.redress.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies sent to the complaint API are at most {@value #MAX_BYTES} bytes: a larger declared length is answered
 * 413 before anything is read, and a chunked body is cut off when it passes the limit (413 too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

  static final int MAX_BYTES = 64 * 1024;
  /** The request attribute with what was read of the body (at most {@link #MAX_BYTES}), for the 400's second look. */
  static final String BODY = RequestSizeLimit.class.getName() + ".body";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/problem+json");
      response.setHeader("Connection", "close");
      response.getOutputStream().write(("{\"type\":\"https://redress.example/problems/request-too-large\","
          + "\"title\":\"Request too large\",\"status\":413,\"detail\":\"The request body is larger than "
          + MAX_BYTES / 1024 + " KiB.\",\"instance\":\"" + request.getRequestURI().replace("\"", "")
          + "\"}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(new Limited(request), response);
  }

  /** Thrown while reading a body that turned out larger than the limit. */
  static class TooLarge extends IOException {
    TooLarge() {
      super("Request body larger than " + MAX_BYTES + " bytes");
    }

    static boolean in(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof TooLarge) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private ServletInputStream stream;

    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        setAttribute(BODY, copy);
        stream = new Counting(super.getInputStream(), copy);
      }
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final java.io.ByteArrayOutputStream copy;
    private long count;

    Counting(ServletInputStream in, java.io.ByteArrayOutputStream copy) {
      this.in = in;
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        add(1);
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = in.read(buffer, off, len);
      if (n > 0) {
        add(n);
        copy.write(buffer, off, n);
      }
      return n;
    }

    private void add(int n) throws TooLarge {
      count += n;
      if (count > MAX_BYTES) {
        throw new TooLarge();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
