package io.redress.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Online backups of the default H2 database, taken by the application itself while it runs (docs/backup-and-restore.md):
 * on the schedule {@code redress.backup.h2.schedule} (a Spring cron expression with seconds, in the calendar's zone;
 * unset: no backups), H2's {@code BACKUP TO} copies the database into {@code redress-<UTC time>.zip} in
 * {@code redress.backup.h2.directory} (default {@code ./backup}), and only the newest {@code redress.backup.h2.keep}
 * (default 7) are kept. {@code BACKUP TO} locks nothing and its copy is transactionally consistent (H2's store is
 * copy-on-write): every commit before it is in the copy, none after. Nobody else can open the application's H2 file
 * while it runs, hence the schedule inside. On PostgreSQL it does nothing: use {@code pg_dump}.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "redress.backup.h2.schedule")
class H2Backup {

  static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final Logger LOG = LoggerFactory.getLogger(H2Backup.class);

  private final DataSource dataSource;
  private final Path directory;
  private final int keep;
  private boolean warned;

  H2Backup(DataSource dataSource, @Value("${redress.backup.h2.directory:./backup}") String directory,
      @Value("${redress.backup.h2.keep:7}") int keep) {
    this.dataSource = dataSource;
    // a folder of the file system, relative to the working directory (a String: Spring's Path conversion would look
    // on the classpath first)
    this.directory = Path.of(directory).toAbsolutePath().normalize();
    this.keep = Math.max(1, keep);
  }

  @Scheduled(cron = "${redress.backup.h2.schedule}", zone = "${redress.calendar.zone:Asia/Shanghai}")
  void backUp() {
    Instant started = Instant.now();
    Path file = directory.resolve("redress-" + NAME.format(started) + ".zip");
    Path part = directory.resolve(file.getFileName() + ".part");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (!"H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
        if (!warned) {
          LOG.warn("redress.backup.h2.schedule is set, but the database is {}: no backup taken (pg_dump, see "
              + "docs/backup-and-restore.md)", c.getMetaData().getDatabaseProductName());
          warned = true;
        }
        return;
      }
      Files.createDirectories(directory);
      s.execute("BACKUP TO '" + part.toString().replace("'", "''") + "'");
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("H2 backup {} ({} bytes, {} ms)", file, Files.size(file),
          java.time.Duration.between(started, Instant.now()).toMillis());
      prune();
    } catch (SQLException | IOException | RuntimeException e) {
      LOG.error("H2 backup to {} failed: {}", file, e.toString());
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // left for the next run to overwrite
      }
    }
  }

  /** Deletes all but the newest {@code keep} backups (their names sort by time). */
  private void prune() throws IOException {
    List<Path> backups;
    try (Stream<Path> files = Files.list(directory)) {
      backups = files.filter(p -> p.getFileName().toString().matches("redress-\\d{8}T\\d{6}Z\\.zip"))
          .sorted().toList();
    }
    for (Path old : backups.subList(0, Math.max(0, backups.size() - keep))) {
      Files.deleteIfExists(old);
      LOG.info("H2 backup {} deleted (keeping the newest {})", old.getFileName(), keep);
    }
  }
}
