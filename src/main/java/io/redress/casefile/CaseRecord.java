package io.redress.casefile;

import java.math.BigDecimal;
import java.time.Instant;

/** One complaint as the case record keeps it. */
public record CaseRecord(
    String number,
    String processInstanceId,
    CaseStatus status,
    String stage,
    String channel,
    String customerName,
    String customerPhone,
    String customerEmail,
    String customerTier,
    String orderRef,
    String description,
    String desiredOutcome,
    BigDecimal amountClaimed,
    String currency,
    boolean safetyRisk,
    boolean resolvedAtIntake,
    String resolution,
    String severity,
    String category,
    String nature,
    Boolean major,
    String handler,
    boolean secondComplaint,
    String satisfaction,
    Instant receivedAt,
    String receivedBy,
    Instant closedAt,
    String customerId,
    String earlierComplaint,
    String identityCheck,
    String identityRelationship,
    Instant dueAt,
    String assignee,
    String withdrawalReason,
    boolean erased) {

  /** The caller's identity check failed: no order data goes back to the caller. */
  public boolean identityFailed() {
    return "failed".equals(identityCheck);
  }

  public boolean isOpen() {
    return status == CaseStatus.OPEN;
  }
}
