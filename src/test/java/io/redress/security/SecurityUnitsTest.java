package io.redress.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.junit.jupiter.api.Test;

/** The security pieces that need no running application. */
class SecurityUnitsTest {

  @Test
  void passwordsAreSaltedAndSlowlyHashedAndChecked() {
    Pbkdf2PasswordEncryptor encryptor = new Pbkdf2PasswordEncryptor(1000);
    String first = encryptor.encrypt("s3cret");
    String second = encryptor.encrypt("s3cret");
    assertThat(first).startsWith("1000$").isNotEqualTo(second).doesNotContain("s3cret");
    assertThat(encryptor.check("s3cret", first)).isTrue();
    assertThat(encryptor.check("s3cret!", first)).isFalse();
    assertThat(encryptor.check("s3cret", "garbage")).isFalse();
    // a hash made with other rounds stays valid when the configured count changes
    assertThat(new Pbkdf2PasswordEncryptor(2000).check("s3cret", first)).isTrue();
    assertThat(encryptor.hashAlgorithmName()).isEqualTo("PBKDF2-SHA256");
  }

  /**
   * A hash stored before the switch to spring-security-crypto (the JDK's PBKDF2WithHmacSHA256, 1000 rounds, this
   * salt; the same value Python's hashlib.pbkdf2_hmac gives) still verifies, as the engine reads it from its table.
   */
  @Test
  void aHashStoredEarlierStillVerifies() {
    String stored = "1000$AQIDBAUGBwgJCgsMDQ4PEA==$85io6mkDKWVcqGjwEIUj5tPbmJgfbsajIQzBnFiU4h8=";
    Pbkdf2PasswordEncryptor encryptor = new Pbkdf2PasswordEncryptor(310000);
    assertThat(encryptor.check("s3cret-\u00e9t\u00e9", stored)).isTrue();
    assertThat(encryptor.check("s3cret-ete", stored)).isFalse();
    PasswordManager engine = new PasswordManager(encryptor, List.of());
    assertThat(engine.check("s3cret-\u00e9t\u00e9", "{PBKDF2-SHA256}" + stored)).isTrue();
    assertThat(engine.check("s3cret-\u00e9t\u00e9!", "{PBKDF2-SHA256}" + stored)).isFalse();
  }

  @Test
  void aSuccessfulCheckIsRememberedAndTheNextOneDerivesNothing() {
    Pbkdf2PasswordEncryptor encryptor = new Pbkdf2PasswordEncryptor(1000, Duration.ofMinutes(5), 100);
    String stored = encryptor.encrypt("s3cret");
    long before = encryptor.derivations();
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 1);
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 1);
  }

  @Test
  void aWrongPasswordIsNeverCachedAndAlwaysDerives() {
    Pbkdf2PasswordEncryptor encryptor = new Pbkdf2PasswordEncryptor(1000, Duration.ofMinutes(5), 100);
    String stored = encryptor.encrypt("s3cret");
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    long before = encryptor.derivations();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(encryptor.check("s3cret!", stored)).isFalse();
      assertThat(encryptor.derivations()).isEqualTo(before + attempt);
    }
    // the cached right password does not open the door to a wrong one
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 3);
  }

  @Test
  void aNewStoredHashIsNeverAnsweredFromTheCache() {
    Pbkdf2PasswordEncryptor encryptor = new Pbkdf2PasswordEncryptor(1000, Duration.ofMinutes(5), 100);
    String old = encryptor.encrypt("s3cret");
    assertThat(encryptor.check("s3cret", old)).isTrue();
    String changed = encryptor.encrypt("n3w-secret");
    long before = encryptor.derivations();
    assertThat(encryptor.check("s3cret", changed)).isFalse();
    assertThat(encryptor.derivations()).isEqualTo(before + 1);
    assertThat(encryptor.check("n3w-secret", changed)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 2);
    // a reset to the same password gets a new salt, so a new hash: derived again
    String reset = encryptor.encrypt("s3cret");
    before = encryptor.derivations();
    assertThat(encryptor.check("s3cret", reset)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 1);
  }

  @Test
  void aTtlOfZeroTurnsTheCacheOff() {
    Pbkdf2PasswordEncryptor encryptor = new Pbkdf2PasswordEncryptor(1000, Duration.ZERO, 100);
    String stored = encryptor.encrypt("s3cret");
    long before = encryptor.derivations();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(encryptor.check("s3cret", stored)).isTrue();
      assertThat(encryptor.derivations()).isEqualTo(before + attempt);
    }
    assertThatThrownBy(() -> new Pbkdf2PasswordEncryptor(1000, Duration.ofSeconds(-1), 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRememberedCheckExpiresAfterTheTtl() {
    AtomicLong nanos = new AtomicLong();
    Pbkdf2PasswordEncryptor encryptor =
        new Pbkdf2PasswordEncryptor(1000, Duration.ofMinutes(5), 100, nanos::get);
    String stored = encryptor.encrypt("s3cret");
    long before = encryptor.derivations();
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    nanos.addAndGet(Duration.ofMinutes(5).minusSeconds(1).toNanos());
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 2);
    // remembered anew from the second derivation on (expiry after write, not after access)
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(encryptor.check("s3cret", stored)).isTrue();
    assertThat(encryptor.derivations()).isEqualTo(before + 2);
  }

  @Test
  void theAuditLogMasksPersonalDataButKeepsNumbersAndIds() {
    assertThat(AuditLog.clean("login as li.wei@example.cn from 13800000002", 500))
        .isEqualTo("login as [email] from [number]");
    assertThat(AuditLog.clean("approve CMP-2026-000001 deployment 12345678-aaaa-bbbb-cccc-123456789012", 500))
        .isEqualTo("approve CMP-2026-000001 deployment 12345678-aaaa-bbbb-cccc-123456789012");
    assertThat(AuditLog.clean("a\"b\nc", 500)).isEqualTo("a b c");
    assertThat(AuditLog.clean("x".repeat(600), 64)).hasSize(64);
  }

  @Test
  void expressionsAreRecognisedInAnyShape() {
    assertThat(Expressions.isExpression("${currentUser()}")).isTrue();
    assertThat(Expressions.isExpression("#{1+1}")).isTrue();
    assertThat(Expressions.isExpression("$ {no}")).isFalse();
    assertThat(Expressions.isExpression("price in $")).isFalse();
  }
}
