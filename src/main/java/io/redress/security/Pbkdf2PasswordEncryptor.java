package io.redress.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;

/**
 * Passwords hashed with PBKDF2-HMAC-SHA256 (the JDK's, no library needed): a slow key-derivation function with a
 * random salt of its own and the iteration count stored beside the hash ({@code iterations$salt$hash}), so the
 * count can be raised later without breaking stored passwords. Camunda keeps its own salt too and prefixes the
 * stored value with {@code {PBKDF2-SHA256}}; older SHA-512 hashes are still checked (see
 * {@link PasswordHashingPlugin}).
 *
 * <p>Every HTTP Basic request ends in {@link #check}, so successful checks are remembered for a short time (like
 * Elasticsearch's realm caches): the key is HMAC-SHA256, with a random secret of this process, over the stored hash
 * and the password, never the password itself. A failed check is never remembered (a wrong password always costs
 * the full derivation), and since the key includes the stored hash, a new password or a reset is never answered
 * from the cache. A TTL of zero turns the cache off.
 */
class Pbkdf2PasswordEncryptor implements PasswordEncryptor {

  static final String NAME = "PBKDF2-SHA256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final String HMAC = "HmacSHA256";

  private final int iterations;
  /** Keys of successful checks; null when the cache is off. */
  private final Cache<ByteBuffer, Boolean> verified;
  private final SecretKeySpec cacheSecret;
  private final AtomicLong derivations = new AtomicLong();

  /** Without a cache: every check derives. */
  Pbkdf2PasswordEncryptor(int iterations) {
    this(iterations, Duration.ZERO, 0);
  }

  Pbkdf2PasswordEncryptor(int iterations, Duration cacheTtl, long cacheSize) {
    this(iterations, cacheTtl, cacheSize, Ticker.systemTicker());
  }

  Pbkdf2PasswordEncryptor(int iterations, Duration cacheTtl, long cacheSize, Ticker ticker) {
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException("redress.security.credential-cache-ttl must not be negative: " + cacheTtl);
    }
    this.iterations = iterations;
    if (cacheTtl.isZero()) {
      this.verified = null;
      this.cacheSecret = null;
    } else {
      this.verified = Caffeine.newBuilder()
          .expireAfterWrite(cacheTtl)
          .maximumSize(cacheSize)
          .ticker(ticker)
          .build();
      byte[] secret = new byte[32];
      RANDOM.nextBytes(secret);
      this.cacheSecret = new SecretKeySpec(secret, HMAC);
    }
  }

  @Override
  public String encrypt(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
  }

  @Override
  public boolean check(String password, String encrypted) {
    String[] parts = encrypted == null ? new String[0] : encrypted.split("\\$");
    if (parts.length != 3) {
      return false;
    }
    ByteBuffer key = verified == null || password == null ? null : cacheKey(password, encrypted);
    if (key != null && verified.getIfPresent(key) != null) {
      return true;
    }
    boolean matches;
    try {
      int rounds = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] expected = Base64.getDecoder().decode(parts[2]);
      matches = MessageDigest.isEqual(expected, derive(password, salt, rounds));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (matches && key != null) {
      verified.put(key, Boolean.TRUE);
    }
    return matches;
  }

  @Override
  public String hashAlgorithmName() {
    return NAME;
  }

  /** How many PBKDF2 derivations ran (encrypt and check), for tests. */
  long derivations() {
    return derivations.get();
  }

  private ByteBuffer cacheKey(String password, String encrypted) {
    try {
      Mac mac = Mac.getInstance(HMAC); // not thread-safe, and cheap next to one derivation
      mac.init(cacheSecret);
      return ByteBuffer.wrap(mac.doFinal((encrypted + "\u0000" + password).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] derive(String password, byte[] salt, int rounds) {
    derivations.incrementAndGet();
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
