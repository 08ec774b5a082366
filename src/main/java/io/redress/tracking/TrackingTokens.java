package io.redress.tracking;

import io.redress.notification.CaseLinks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring tokens that stand for "the holder may see complaint N": {@code base64url(N|expiry)} and its
 * HMAC-SHA256. The key is {@code redress.tracking.secret} or, unset, one generated on first use and kept in table
 * {@code tracking_secret}, so every node and every restart signs alike. The links in the customer's messages last
 * {@code redress.tracking.link-validity}; the token a look-up returns for the page's next steps
 * {@code redress.tracking.session-validity}.
 */
@Component
class TrackingTokens implements CaseLinks {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private final JdbcTemplate jdbc;
  private final String configured;
  private final String baseUrl;
  private final Duration linkValidity;
  private final Duration sessionValidity;
  private final Clock clock;
  private volatile byte[] key;

  TrackingTokens(JdbcTemplate jdbc, @Value("${redress.tracking.secret:}") String configured,
      @Value("${redress.tracking.base-url:http://localhost:${server.port:8080}}") String baseUrl,
      @Value("${redress.tracking.link-validity:30d}") Duration linkValidity,
      @Value("${redress.tracking.session-validity:2h}") Duration sessionValidity, Clock clock) {
    this.jdbc = jdbc;
    this.configured = configured;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.linkValidity = linkValidity;
    this.sessionValidity = sessionValidity;
    this.clock = clock;
  }

  @Override
  public Optional<String> statusLink(String number) {
    // the token after '#': browsers do not send it to the server, nor in a Referer
    return Optional.of(baseUrl + "/track#t=" + sign(number, clock.instant().plus(linkValidity)));
  }

  /** A token for the page's next steps after a look-up. */
  String session(String number) {
    return sign(number, clock.instant().plus(sessionValidity));
  }

  String sign(String number, Instant expiry) {
    String payload = B64.encodeToString((number + "|" + expiry.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
    return payload + "." + B64.encodeToString(mac(payload));
  }

  /** The complaint number of a valid token; empty when forged, damaged or expired. */
  Optional<String> verify(String token) {
    if (token == null || token.length() > 300) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    byte[] signature;
    String plain;
    try {
      signature = UNB64.decode(token.substring(dot + 1));
      plain = new String(UNB64.decode(payload), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(signature, mac(payload))) {
      return Optional.empty();
    }
    int bar = plain.lastIndexOf('|');
    if (bar <= 0) {
      return Optional.empty();
    }
    try {
      long expiry = Long.parseLong(plain.substring(bar + 1));
      return clock.instant().getEpochSecond() < expiry ? Optional.of(plain.substring(0, bar)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A source address as the limits keep it: keyed, so the addresses cannot be read back by hashing them all. */
  String sourceKey(String source) {
    return B64.encodeToString(mac("source|" + source));
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key = configured.isBlank() ? stored() : configured.getBytes(StandardCharsets.UTF_8);
        }
        k = key;
      }
    }
    return k;
  }

  /** The generated key of the database; the first node to need one creates it. */
  private byte[] stored() {
    String secret = jdbc.queryForList("SELECT secret FROM tracking_secret WHERE id = 1", String.class).stream()
        .findFirst().orElse(null);
    if (secret == null) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      try {
        jdbc.update("INSERT INTO tracking_secret (id, secret, created_at) VALUES (1, ?, ?)",
            B64.encodeToString(random), Timestamp.from(clock.instant()));
      } catch (DuplicateKeyException raced) {
        // another node stored its key first: that one counts
      }
      secret = jdbc.queryForObject("SELECT secret FROM tracking_secret WHERE id = 1", String.class);
    }
    return UNB64.decode(secret);
  }
}
