package io.redress.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles password guessing at every door that takes a password: HTTP Basic on the complaint API (and its
 * documentation) and on {@code /engine-rest}, and the webapps' login form
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}).
 * <p>
 * Failures are counted per account <em>and</em> source address (the client's address, or the one a trusted proxy
 * forwarded: see {@code server.tomcat.remoteip.internal-proxies}), and per source address over all accounts. After
 * {@code freeFailures} failures of one account from one address (or {@code addressFreeFailures} from one address),
 * that door stays shut for {@code block}, doubling with every further failure up to {@code maxBlock}: the answer is
 * {@code 429} with {@code Retry-After}, and the password is not even checked. A success clears the account's
 * count from that address; every count is forgotten {@code forgetAfter} after its last failure.
 * <p>
 * Nothing here locks an account: guesses from one address never shut out its owner at another, and every block
 * ends by itself. (Camunda's own lock, which after {@code loginMaxAttempts} failures locked the user until an
 * administrator unlocked them, is switched off in application.yaml.) Counts live in this node's memory only.
 */
class LoginThrottle extends OncePerRequestFilter {

  /** Writes the answers: problems as the complaint API's ({@link ProblemDetail}'s fields at the top level). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

  static final String PROBLEM_TYPE = "https://redress.example/problems/too-many-login-failures";
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");

  /** What a count knows: failures in a row and until when (ticker nanos) the door stays shut. */
  private record Count(int failures, long blockedUntil) {
  }

  private final int freeFailures;
  private final int addressFreeFailures;
  private final long blockNanos;
  private final long maxBlockNanos;
  private final Ticker ticker;
  private final Cache<String, Count> counts;
  private final AuditLog audit;

  LoginThrottle(AuditLog audit, int freeFailures, int addressFreeFailures, Duration block, Duration maxBlock,
      Duration forgetAfter, long maxEntries) {
    this(audit, freeFailures, addressFreeFailures, block, maxBlock, forgetAfter, maxEntries, Ticker.systemTicker());
  }

  LoginThrottle(AuditLog audit, int freeFailures, int addressFreeFailures, Duration block, Duration maxBlock,
      Duration forgetAfter, long maxEntries, Ticker ticker) {
    this.audit = audit;
    this.freeFailures = freeFailures;
    this.addressFreeFailures = addressFreeFailures;
    this.blockNanos = block.toNanos();
    this.maxBlockNanos = Math.max(block.toNanos(), maxBlock.toNanos());
    this.ticker = ticker;
    // expiry after the last write: a count is written at each failure, so it decays once the failures stop
    this.counts = Caffeine.newBuilder().ticker(ticker).maximumSize(maxEntries)
        .expireAfterWrite(Math.max(forgetAfter.toNanos(), maxBlockNanos), TimeUnit.NANOSECONDS).build();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean webappLogin = "POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches();
    String account = webappLogin ? request.getParameter("username") : Callers.basicUser(request);
    if (account == null || account.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    String pairKey = "a:" + normalize(account) + "\n" + address;
    String addressKey = "s:" + address;
    long now = ticker.read();
    long wait = Math.max(remaining(pairKey, now), remaining(addressKey, now));
    if (wait > 0) {
      refuse(request, response, path, webappLogin, wait);
      return;
    }
    chain.doFilter(request, response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      long pairBlock = failed(pairKey, freeFailures, now);
      long addressBlock = failed(addressKey, addressFreeFailures, now);
      if (pairBlock > 0 || addressBlock > 0) {
        audit.refused(account, Callers.what(request), "login throttled for "
            + seconds(Math.max(pairBlock, addressBlock)) + " s after repeated failures"
            + (addressBlock > 0 ? " from this address" : ""));
      }
    } else if (status < 400 || status == HttpServletResponse.SC_FORBIDDEN) {
      // the password was right (403: right, but no access to that application): the account's count from here
      // starts again; the address's count does not, or a guesser could clear it with an account of their own
      counts.invalidate(pairKey);
    }
  }

  /** Nanoseconds the door of this key stays shut; 0 when open. */
  private long remaining(String key, long now) {
    Count c = counts.getIfPresent(key);
    return c == null ? 0 : Math.max(0, c.blockedUntil() - now);
  }

  /** Counts a failure; returns the block it starts (nanos), 0 when still within the free failures. */
  private long failed(String key, int free, long now) {
    Count c = counts.asMap().compute(key, (k, old) -> {
      int failures = (old == null ? 0 : old.failures()) + 1;
      long block = 0;
      if (failures > free) {
        // block, 2 x block, 4 x block ... up to maxBlock
        block = blockNanos;
        for (int i = free + 1; i < failures && block < maxBlockNanos; i++) {
          block *= 2;
        }
        block = Math.min(block, maxBlockNanos);
      }
      return new Count(failures, block > 0 ? now + block : 0);
    });
    return c.blockedUntil() == 0 ? 0 : c.blockedUntil() - now;
  }

  private static String normalize(String account) {
    String a = account.length() > 256 ? account.substring(0, 256) : account;
    return a.toLowerCase(Locale.ROOT);
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String path,
      boolean webappLogin, long waitNanos) throws IOException {
    long seconds = seconds(waitNanos);
    String message = "Too many failed logins. Try again in " + seconds + (seconds == 1 ? " second." : " seconds.");
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setCharacterEncoding("UTF-8");
    if (webappLogin || path.startsWith("/engine-rest/")) {
      // the engine REST API's error shape; the webapps' login page shows its "message" under "Login Failed"
      response.setContentType("application/json");
      Map<String, String> engineError = new LinkedHashMap<>();
      engineError.put("type", "TooManyRequests");
      engineError.put("message", message);
      JSON.writeValue(response.getWriter(), engineError);
      return;
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, message);
    problem.setType(URI.create(PROBLEM_TYPE));
    problem.setTitle("Too many failed logins");
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // left out: the path is not a URI
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getWriter(), problem);
  }
}
