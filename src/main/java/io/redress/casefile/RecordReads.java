package io.redress.casefile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The case records a transaction has read, kept until it writes to the complaint table or ends. An intake's
 * transaction read its new case six times (the process's delegates and listeners, the SLA policy's inputs), each a
 * query and a row mapped by reflection onto {@link CaseRecord}'s 36 components; with writes in between, three reads
 * remain.
 *
 * <p>Kept by a synchronization of the transaction, so an inner transaction ({@code REQUIRES_NEW}), whose
 * synchronizations are its own, keeps its own reads. Every write of {@link CaseRecords} and {@link CaseFacts} goes
 * through {@link #update}, which forgets them all (those two classes hold every statement that changes the complaint
 * table). Outside a transaction each read is a query, as before.
 */
final class RecordReads implements TransactionSynchronization {

  private final Map<String, Optional<CaseRecord>> byNumber = new HashMap<>();

  private RecordReads() {
  }

  /** The case as this transaction last read it since its last write, else read now. */
  static Optional<CaseRecord> find(String number, Function<String, Optional<CaseRecord>> read) {
    RecordReads reads = current(true);
    if (reads == null) {
      return read.apply(number);
    }
    Optional<CaseRecord> kept = reads.byNumber.get(number);
    if (kept == null) {
      kept = read.apply(number);
      reads.byNumber.put(number, kept);
    }
    return kept;
  }

  /** A statement that changes the complaint table: the transaction's reads are forgotten first. */
  static int update(JdbcTemplate jdbc, String sql, Object... args) {
    forget();
    return jdbc.update(sql, args);
  }

  /** The complaint table is about to change in this transaction: what it read is read again. */
  static void forget() {
    RecordReads reads = current(false);
    if (reads != null) {
      reads.byNumber.clear();
    }
  }

  private static RecordReads current(boolean create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      if (s instanceof RecordReads reads) {
        return reads;
      }
    }
    if (!create) {
      return null;
    }
    RecordReads reads = new RecordReads();
    TransactionSynchronizationManager.registerSynchronization(reads);
    return reads;
  }
}
