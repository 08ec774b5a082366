package io.redress.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;

/**
 * Passwords hashed with PBKDF2-HMAC-SHA256 (the JDK's, no library needed): a slow key-derivation function with a
 * random salt of its own and the iteration count stored beside the hash ({@code iterations$salt$hash}), so the
 * count can be raised later without breaking stored passwords. Camunda keeps its own salt too and prefixes the
 * stored value with {@code {PBKDF2-SHA256}}; older SHA-512 hashes are still checked (see
 * {@link PasswordHashingPlugin}).
 */
class Pbkdf2PasswordEncryptor implements PasswordEncryptor {

  static final String NAME = "PBKDF2-SHA256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;

  Pbkdf2PasswordEncryptor(int iterations) {
    this.iterations = iterations;
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
    try {
      int rounds = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] expected = Base64.getDecoder().decode(parts[2]);
      return MessageDigest.isEqual(expected, derive(password, salt, rounds));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String hashAlgorithmName() {
    return NAME;
  }

  private static byte[] derive(String password, byte[] salt, int rounds) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
