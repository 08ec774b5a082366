package io.redress.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pieces of issue 5 that need no running application. */
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
    assertThat(EngineRestGuard.hasExpression("${currentUser()}")).isTrue();
    assertThat(EngineRestGuard.hasExpression("#{1+1}")).isTrue();
    assertThat(EngineRestGuard.hasExpression("$ {no}")).isFalse();
    assertThat(EngineRestGuard.hasExpression("price in $")).isFalse();
  }
}
