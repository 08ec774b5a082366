package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application as it was before the newest migration came: its jar, built from the project's own history.
 *
 * <p>The revision is the newest on the first-parent line of {@code HEAD}, just before a commit that changed the
 * migration scripts ({@code db/migration}, {@code db/vendor}), whose scripts are the first of today's, fewer of them
 * (so not one from the middle of a renumbering or a merge): the code that ran on the previous schema, whatever the
 * current code needs of the new one. Its sources are taken out with
 * {@code git archive} into {@code target/previous-release/<revision>} and packaged there with that revision's own
 * Maven wrapper and pom (tests not compiled); the jar is kept there and reused while {@code target} stays.
 */
final class PreviousRelease {

  private static final Pattern VERSIONED = Pattern.compile(
      "src/main/resources/db/(?:migration|vendor/([a-z0-9]+))/V(\\d+)__.*\\.sql");
  private static final List<String> MIGRATIONS = List.of("src/main/resources/db/migration",
      "src/main/resources/db/vendor");

  final String revision;
  final Path jar;
  private final List<String> files;

  private PreviousRelease(String revision, Path jar, List<String> files) {
    this.revision = revision;
    this.jar = jar;
    this.files = files;
  }

  /** Finds the previous release in the history, and builds its jar unless a build of it is already there. */
  static synchronized PreviousRelease get() throws Exception {
    if (git("rev-parse", "--is-shallow-repository").trim().equals("true")) {
      // a shallow clone (CI's may be one) lacks the history the previous release is in
      git("fetch", "--quiet", "--unshallow");
    }
    List<String> now = migrationFiles("HEAD");
    List<String> log = new ArrayList<>(List.of("log", "--first-parent", "--format=%H", "HEAD", "--"));
    log.addAll(MIGRATIONS);
    String revision = null;
    String newest = null;
    for (String commit : git(log.toArray(String[]::new)).lines().toList()) {
      List<String> before = migrationFiles(commit + "^1");
      if (isEarlier(before, now)) {
        newest = commit;
        revision = git("rev-parse", commit + "^1").trim();
        break;
      }
    }
    assertThat(revision).as("a revision whose migrations are the first of today's, fewer than today's").isNotNull();
    List<String> files = migrationFiles(revision);

    Path dir = Path.of("target", "previous-release", revision.substring(0, 12)).toAbsolutePath();
    Optional<Path> built = jarIn(dir.resolve("target"));
    if (built.isEmpty()) {
      build(revision, dir);
      built = jarIn(dir.resolve("target"));
      assertThat(built).as("the jar of " + revision + " in " + dir.resolve("target")).isPresent();
    }
    System.out.printf("PreviousRelease: %s (before %s), %s%n", revision.substring(0, 12), newest.substring(0, 12),
        built.get());
    return new PreviousRelease(revision, built.get(), files);
  }

  /** The migration scripts of a revision (paths); empty for a revision before the first commit. */
  private static List<String> migrationFiles(String revision) throws Exception {
    List<String> lsTree = new ArrayList<>(List.of("ls-tree", "-r", "--name-only", revision, "--"));
    lsTree.addAll(MIGRATIONS);
    try {
      return git(lsTree.toArray(String[]::new)).lines().filter(f -> VERSIONED.matcher(f).matches()).toList();
    } catch (AssertionError noSuchRevision) {
      return List.of();
    }
  }

  /**
   * Whether a revision's migrations are the first of today's, fewer of them: the same scripts, and none of today's
   * missing below its newest (a revision from the middle of a renumbering or a merge is no release to upgrade from).
   */
  static boolean isEarlier(List<String> before, List<String> now) {
    if (before.isEmpty() || before.size() >= now.size() || !now.containsAll(before)) {
      return false;
    }
    int newest = before.stream().mapToInt(PreviousRelease::version).max().orElseThrow();
    return now.stream().filter(f -> version(f) <= newest).allMatch(before::contains);
  }

  private static int version(String file) {
    Matcher m = VERSIONED.matcher(file);
    if (!m.matches()) {
      throw new IllegalArgumentException(file);
    }
    return Integer.parseInt(m.group(2));
  }

  /** The schema version the previous release migrates a database of the vendor to. */
  int schemaVersion(String vendor) {
    TreeSet<Integer> versions = new TreeSet<>();
    for (String f : files) {
      Matcher m = VERSIONED.matcher(f);
      if (m.matches() && (m.group(1) == null || m.group(1).equals(vendor))) {
        versions.add(Integer.parseInt(m.group(2)));
      }
    }
    assertThat(versions).as("migrations of " + revision).isNotEmpty();
    return versions.last();
  }

  private static void build(String revision, Path dir) throws Exception {
    Path sources = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "previous-release-");
    Path tar = sources.resolve("sources.tar");
    git("archive", "--format=tar", "-o", tar.toString(), revision);
    run(sources, List.of("tar", "-xf", tar.toString()), 5);
    Files.delete(tar);
    Path mvnw = sources.resolve("mvnw");
    mvnw.toFile().setExecutable(true);
    // offline first (the current build has fetched what the older one needs); online when something is missing
    List<String> command = new ArrayList<>(List.of(mvnw.toString(), "-B", "-ntp", "-q", "package",
        "-Dmaven.test.skip=true"));
    List<String> offline = new ArrayList<>(command);
    offline.add(1, "-o");
    if (run(sources, offline, 15) != 0) {
      int rc = run(sources, command, 20);
      assertThat(rc).as("packaging the previous release " + revision + " (log: "
          + sources.resolve("build.log") + ")").isZero();
    }
    Files.createDirectories(dir.getParent());
    if (!Files.exists(dir)) {
      Files.move(sources, dir);
    }
  }

  private static int run(Path dir, List<String> command, int minutes) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("build.log").toFile())).start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " took more than " + minutes + " minutes");
    }
    return p.exitValue();
  }

  private static String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0).as(command + ": " + text).isTrue();
    return text;
  }

  private static Optional<Path> jarIn(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().matches("redress-.*\\.jar")).findFirst();
    }
  }
}
