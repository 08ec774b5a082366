package io.redress.security;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: authentication failures, authorization denials, deployments, approvals with their amounts and
 * erasures; who, what, outcome, when and from where. Each event is a line of the logger {@code redress.audit}
 * and a row of {@code audit_event}. Ids, numbers and groups only: anything that looks like an e-mail address or a
 * phone number is masked before it is written, whoever the caller.
 *
 * <p>Failures and denials are written in a transaction of their own, so that the rollback of the refused work
 * does not take its record with it; approvals, deployments and erasures join the caller's transaction, so that
 * only what happened is recorded.
 */
@Component
public class AuditLog {

  public static final String AUTHENTICATION_FAILED = "authentication-failed";
  public static final String ACCESS_DENIED = "access-denied";
  public static final String REQUEST_REFUSED = "request-refused";
  public static final String DEPLOYMENT = "deployment";
  public static final String APPROVAL = "approval";
  public static final String ERASURE = "erasure";
  public static final String ADMIN_CREATED = "admin-created";
  public static final String INTAKE_FAILED = "intake-failed";
  public static final String REASSIGNMENT = "reassignment";
  public static final String PERSONAL_DATA_EXPORT = "personal-data-export";

  private static final Logger AUDIT = LoggerFactory.getLogger("redress.audit");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w-])\\+?\\d[\\d ]{5,}\\d(?![\\w-])");

  private static final ThreadLocal<Boolean> DENIAL_RECORDED = new ThreadLocal<>();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public void authenticationFailure(String attemptedUser, String where) {
    write(true, attemptedUser, AUTHENTICATION_FAILED, "failure", where, null);
  }

  public void denied(String actor, String what, String why) {
    DENIAL_RECORDED.set(Boolean.TRUE);
    write(true, actor, ACCESS_DENIED, "denied", what, why);
  }

  /** Whether this thread recorded a denial since {@link #startRequest()}: the 403 needs no second entry. */
  static boolean denialRecorded() {
    return Boolean.TRUE.equals(DENIAL_RECORDED.get());
  }

  static void startRequest() {
    DENIAL_RECORDED.remove();
  }

  public void refused(String actor, String what, String why) {
    write(true, actor, REQUEST_REFUSED, "refused", what, why);
  }

  /** A complaint that could not be taken in (nothing of it is stored): the reference its caller got, and why. */
  public void intakeFailed(String actor, String reference, String why) {
    write(true, actor, INTAKE_FAILED, "failure", "complaint intake, reference " + reference, why);
  }

  public void deployment(String actor, String deploymentId, String detail) {
    write(false, actor, DEPLOYMENT, "success", "deployment " + deploymentId, detail);
  }

  public void approval(String actor, String complaintNumber, BigDecimal amount, String authority,
      boolean approved) {
    write(false, actor, APPROVAL, approved ? "approved" : "sent-back", complaintNumber,
        "amount " + (amount == null ? "none" : amount.toPlainString()) + ", authority " + authority);
  }

  /** A supervisor, manager or team lead handed a task to someone (the one path for it: POST task/{id}/assignee). */
  public void reassignment(String actor, String complaintNumber, String task, String from, String to) {
    write(true, actor, REASSIGNMENT, "success", complaintNumber == null ? "task " + task : complaintNumber,
        task + ": " + (from == null ? "unassigned" : from) + " -> " + (to == null ? "unassigned" : to));
  }

  public void erasure(String actor, String customerId, int complaints) {
    write(false, actor, ERASURE, "success", "customer " + customerId, complaints + " complaint(s)");
  }

  /** Someone exported customers' phone numbers and e-mail addresses unmasked: what they asked for, no data. */
  public void personalDataExport(String actor, String what, String criteria) {
    write(true, actor, PERSONAL_DATA_EXPORT, "success", what, criteria);
  }

  public void adminCreated(String adminId) {
    write(false, "system", ADMIN_CREATED, "success", "user " + adminId, "first administrator from configuration");
  }

  private void write(boolean separate, String actor, String action, String outcome, String target, String detail) {
    Instant now = Instant.now();
    String who = clean(actor == null ? "anonymous" : actor, 64);
    String what = clean(target, 200);
    String why = clean(detail, 500);
    String from = clean(RequestOrigin.remoteAddress(), 64);
    AUDIT.info("audit action={} outcome={} actor={} target=\"{}\" detail=\"{}\" from={} at={}", action, outcome, who,
        what, why, from, now);
    Runnable insert = () -> jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, outcome, target, "
        + "detail, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?)", Timestamp.from(now), who, action, outcome, what,
        why, from);
    try {
      if (separate) {
        ownTransaction.executeWithoutResult(s -> insert.run());
      } else {
        insert.run();
      }
    } catch (RuntimeException e) {
      // the line above is written; a failing table must not turn a refusal into a server error
      AUDIT.warn("audit event not stored: {}", e.getClass().getSimpleName());
      if (!separate) {
        throw e;
      }
    }
  }

  /** Masks e-mail addresses and phone numbers, removes line breaks and quotes, and cuts to the column's size. */
  static String clean(String value, int max) {
    if (value == null) {
      return null;
    }
    String s = EMAIL.matcher(value).replaceAll("[email]");
    s = PHONE.matcher(s).replaceAll("[number]");
    s = s.replaceAll("[\\r\\n\\t\"]", " ");
    return s.length() > max ? s.substring(0, max) : s;
  }
}
