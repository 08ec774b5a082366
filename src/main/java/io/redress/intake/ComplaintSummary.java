package io.redress.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One line of the case search: enough to pick a case, personal data masked. */
record ComplaintSummary(
    String id,
    String status,
    String stage,
    String severity,
    String category,
    String channel,
    String customerId,
    String customerName,
    String customerPhone,
    String customerEmail,
    String assignee,
    String handler,
    BigDecimal amountClaimed,
    String currency,
    boolean secondComplaint,
    Instant receivedAt,
    Instant dueAt,
    boolean overdue,
    Instant closedAt) {

  /** A page of results: the items, where they are, and how many match in all. */
  record Page(List<ComplaintSummary> items, int page, int size, long total, long totalPages) {
  }
}
