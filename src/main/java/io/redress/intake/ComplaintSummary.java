package io.redress.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One line of the case search: enough to pick a case, personal data masked. */
@Schema(description = "One case in the search results: enough to pick it; phone and e-mail masked.")
record ComplaintSummary(
    @Schema(description = "The complaint number.", example = "CMP-2026-000042",
        requiredMode = Schema.RequiredMode.REQUIRED)
    String id,
    @Schema(description = "Whether the case is open or how it ended.", example = "open",
        requiredMode = Schema.RequiredMode.REQUIRED,
        allowableValues = {"open", "closed", "closed-no-response", "withdrawn"})
    String status,
    @Schema(description = "Where the case is: `intake`, the task key of its current stage, or its status once ended.",
        example = "investigateComplaint")
    String stage,
    @Schema(description = "The severity confirmed at classification.", example = "important",
        allowableValues = {"general", "important", "urgent"})
    String severity,
    @Schema(description = "The category confirmed at classification.", example = "hotel")
    String category,
    @Schema(description = "The channel the complaint came in by.", example = "phone",
        allowableValues = {"phone", "chat", "email", "social", "web", "letter", "visit"})
    String channel,
    @Schema(description = "The customer's id.", example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a")
    String customerId,
    @Schema(description = "The customer's name.", example = "王芳")
    String customerName,
    @Schema(description = "The customer's phone number, masked.", example = "138****8000")
    String customerPhone,
    @Schema(description = "The customer's e-mail address, masked.", example = "w***@example.com")
    String customerEmail,
    @Schema(description = "Who has claimed the current stage's task.", example = "hank")
    String assignee,
    @Schema(description = "The handler assigned to the case.", example = "hank")
    String handler,
    @Schema(description = "The amount the customer claims.", example = "680.00", multipleOf = 0.01)
    BigDecimal amountClaimed,
    @Schema(description = "The ISO 4217 code of `amountClaimed`.", example = "CNY")
    String currency,
    @Schema(description = "A second complaint about the same order, or reopened after feedback.", example = "false")
    boolean secondComplaint,
    @Schema(description = "When the complaint was taken in.", example = "2026-11-25T01:31:07Z")
    Instant receivedAt,
    @Schema(description = "When the current stage is due.", example = "2026-11-27T10:00:00Z")
    Instant dueAt,
    @Schema(description = "The case is open and its current stage is past due.", example = "false")
    boolean overdue,
    @Schema(description = "When the case ended.", example = "2026-12-02T06:45:00Z")
    Instant closedAt) {

  /** A page of results: the items, where they are, and how many match in all. */
  @Schema(name = "ComplaintPage", description = "A page of search results, and how many cases match in all.")
  record Page(
      @Schema(description = "The cases on this page, in the order asked for.")
      List<ComplaintSummary> items,
      @Schema(description = "The page number, from 0.", example = "0")
      int page,
      @Schema(description = "The page size asked for.", example = "20")
      int size,
      @Schema(description = "How many cases match in all.", example = "1")
      long total,
      @Schema(description = "How many pages of this size there are.", example = "1")
      long totalPages) {
  }
}
