package io.redress.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;

/**
 * Passwords hashed with PBKDF2-HMAC-SHA256 (spring-security-crypto's {@link Pbkdf2PasswordEncoder}): a slow
 * key-derivation function with a random 16-byte salt of its own and the iteration count stored beside the hash
 * ({@code iterations$salt$hash}, Base64), so the count can be raised later without breaking stored passwords.
 * Camunda keeps its own salt too and prefixes the stored value with {@code {PBKDF2-SHA256}}; older SHA-512 hashes
 * are still checked (see {@link PasswordHashingPlugin}). The encoder runs without a secret ("pepper"), so hashes
 * stored before it was used (the JDK's PBKDF2WithHmacSHA256, same salt size and width) verify unchanged.
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
  private static final String HMAC = "HmacSHA256";

  private final int iterations;
  /** One encoder per iteration count met in stored hashes (the encoder holds its count). */
  private final Map<Integer, Pbkdf2PasswordEncoder> encoders = new ConcurrentHashMap<>();
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
    derivations.incrementAndGet();
    byte[] saltAndHash = Base64.getDecoder().decode(encoder(iterations).encode(password));
    Base64.Encoder base64 = Base64.getEncoder();
    return iterations + "$" + base64.encodeToString(Arrays.copyOfRange(saltAndHash, 0, SALT_BYTES)) + "$"
        + base64.encodeToString(Arrays.copyOfRange(saltAndHash, SALT_BYTES, saltAndHash.length));
  }

  @Override
  public boolean check(String password, String encrypted) {
    String[] parts = encrypted == null ? new String[0] : encrypted.split("\\$");
    if (parts.length != 3 || password == null) {
      return false;
    }
    ByteBuffer key = verified == null ? null : cacheKey(password, encrypted);
    if (key != null && verified.getIfPresent(key) != null) {
      return true;
    }
    boolean matches;
    try {
      int rounds = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] hash = Base64.getDecoder().decode(parts[2]);
      if (salt.length != SALT_BYTES || rounds < 1) {
        return false;
      }
      byte[] saltAndHash = Arrays.copyOf(salt, SALT_BYTES + hash.length);
      System.arraycopy(hash, 0, saltAndHash, SALT_BYTES, hash.length);
      derivations.incrementAndGet();
      matches = encoder(rounds).matches(password, Base64.getEncoder().encodeToString(saltAndHash));
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

  private Pbkdf2PasswordEncoder encoder(int rounds) {
    return encoders.computeIfAbsent(rounds, r -> {
      Pbkdf2PasswordEncoder encoder = new Pbkdf2PasswordEncoder("", SALT_BYTES, r,
          SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
      encoder.setEncodeHashAsBase64(true);
      return encoder;
    });
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
}
