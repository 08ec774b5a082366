package io.redress.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The housekeeping of an H2 file that H2 leaves undone under {@code WRITE_DELAY=0}: rewriting the few
 * pages still alive in old chunks of the file, so whole chunks fall empty and their space is used again. The default
 * URL has a write delay (each commit made durable by {@link H2GroupCommit} instead), so H2's own thread does this
 * there and this class stays idle; it serves a URL that sets {@code WRITE_DELAY=0}.
 *
 * <p>H2 appends each commit to its file as a new chunk, and its background thread normally moves the pages still
 * alive out of half-empty chunks. {@code WRITE_DELAY=0} (each commit written before it returns, which
 * {@code CrashIT} needs) switches that thread off altogether. Then every chunk that keeps a single live page, and
 * nearly all do, keeps its whole space: the file grew by about 500 KB per complaint taken in (4.7 GB after 8,900
 * intakes at 8 clients, a tenth of it alive; docs/benchmark-notes.md). This node does that work instead, every
 * {@code redress.h2.housekeeping-interval} (500 ms): when less than H2's own fill target (90%) of the chunks is
 * alive, it asks H2 to rewrite up to {@code redress.h2.housekeeping-write-limit} (6 MB) of live pages from the
 * emptiest, oldest chunks ({@link MVStore#compact}); the next commit writes them, and the emptied chunks are reused
 * once H2's retention time ({@code RETENTION_TIME}, 5 s in the default URL) has passed. Passes of 16 MB a second kept the file
 * smaller under load but held H2's store lock long enough to lift the intake's p99 (docs/benchmark-notes.md). Only on an H2 file opened in
 * this process; PostgreSQL and in-memory H2 need nothing.
 */
@Component
class H2FileHousekeeping implements SmartLifecycle {

  /** The fill rate below which pages are moved: H2's own default target (its {@code autoCompactFillRate}). */
  static final int TARGET_FILL_RATE = 90;

  private static final Logger LOG = LoggerFactory.getLogger(H2FileHousekeeping.class);

  private final DataSource dataSource;
  private final Duration interval;
  private final int writeLimit;
  private volatile ScheduledExecutorService executor;
  private volatile MVStore store;

  H2FileHousekeeping(DataSource dataSource,
      @Value("${redress.h2.housekeeping-interval:500ms}") Duration interval,
      @Value("${redress.h2.housekeeping-write-limit:6MB}") DataSize writeLimit) {
    this.dataSource = dataSource;
    this.interval = interval;
    this.writeLimit = (int) Math.min(Integer.MAX_VALUE, writeLimit.toBytes());
  }

  @Override
  public void start() {
    store = fileStoreWithoutHousekeeping(dataSource);
    if (store == null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "h2-housekeeping");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::compactOnce, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("H2 file housekeeping every {} (WRITE_DELAY=0 leaves H2's own off)", interval);
  }

  /** One pass; true when pages were moved. */
  boolean compactOnce() {
    return compactWith(store);
  }

  /** One pass on the given store; true when pages were moved. */
  boolean compactWith(MVStore s) {
    if (s == null || s.isClosed()) {
      return false;
    }
    try {
      return s.compact(TARGET_FILL_RATE, writeLimit);
    } catch (RuntimeException e) {
      // the database closing, or a write failing: H2 reports its own errors to the next statement
      LOG.debug("H2 housekeeping pass failed: {}", e.toString());
      return false;
    }
  }

  /** The H2 file store of this process when H2's background thread is off (WRITE_DELAY=0), else null. */
  static MVStore fileStoreWithoutHousekeeping(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      MVStore mvStore = localFileStore(c);
      return mvStore != null && mvStore.getAutoCommitDelay() == 0 ? mvStore : null;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("H2 file housekeeping not started: {}", e.toString());
      return null;
    }
  }

  /** The writable H2 file store a connection of this process works on; null in memory, over TCP or not on H2. */
  static MVStore localFileStore(Connection c) throws SQLException {
    if (!c.isWrapperFor(JdbcConnection.class)
        || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)
        || local.getDatabase().getStore() == null) {
      return null;
    }
    MVStore mvStore = local.getDatabase().getStore().getMvStore();
    FileStore<?> file = mvStore.getFileStore();
    return file != null && !file.isReadOnly() ? mvStore : null;
  }

  @Override
  public void stop() {
    ScheduledExecutorService e = executor;
    if (e != null) {
      e.shutdownNow();
      try {
        e.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    executor = null;
    store = null;
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
