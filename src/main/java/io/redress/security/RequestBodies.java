package io.redress.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/**
 * The request size limit, one implementation for the complaint API and the engine's REST API: a request's body read
 * at most once, up to a limit, and replayed to whoever reads it next. A larger declared length is refused before
 * anything is read; a chunked body, as soon as it passes the limit.
 */
public final class RequestBodies {

  private RequestBodies() {
  }

  /** A body within its limit: the request that replays it, and its bytes. */
  public record Read(HttpServletRequest request, byte[] bytes) {
  }

  /** Whether the request declares a body larger than {@code limit} bytes (nothing is read). */
  public static boolean declaredTooLarge(HttpServletRequest request, long limit) {
    return request.getContentLengthLong() > limit;
  }

  /** Reads the body, at most {@code limit} bytes; null when it is larger (then the caller answers 413). */
  public static Read read(HttpServletRequest request, long limit) throws IOException {
    if (declaredTooLarge(request, limit)) {
      return null;
    }
    byte[] bytes = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit) + 1);
    if (bytes.length > limit) {
      return null;
    }
    return new Read(new CachedBody(request, bytes), bytes);
  }

  /** The request with its body read once and replayed. */
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
