package io.redress.casefile;

import java.time.Instant;

/**
 * What the case search asks for: every criterion optional, one page of a sort order. Columns come from the
 * {@link Sort} constants only, never from the request text.
 */
public record CaseQuery(
    String status,
    String stage,
    String severity,
    String category,
    String channel,
    String assignee,
    Boolean overdue,
    String customer,
    Instant receivedFrom,
    Instant receivedTo,
    Sort sort,
    boolean ascending,
    int page,
    int size) {

  /** The orders the search offers, each on an indexed column. */
  public enum Sort {
    RECEIVED("received_at"), DUE("due_at"), SEVERITY("severity"), STAGE("stage"), NUMBER("complaint_number");

    final String column;

    Sort(String column) {
      this.column = column;
    }
  }
}
