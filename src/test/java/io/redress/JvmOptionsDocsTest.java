package io.redress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The application's JVM options are written once, as the pom's {@code redress.jvm} (the README's run command and the
 * benchmark start with it). What a person copies from the docs has to be the same options: docs/operations.md's
 * <em>Production start</em> and the benchmark's settings table (docs/benchmarks.md).
 */
class JvmOptionsDocsTest {

  private static List<String> pomOptions() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    Element properties = (Element) pom.getDocumentElement().getElementsByTagName("properties").item(0);
    String jvm = properties.getElementsByTagName("redress.jvm").item(0).getTextContent().trim();
    return Arrays.asList(jvm.split("\\s+"));
  }

  /** The JVM's own options (-X..., -XX:...) in a text, in their order. */
  private static List<String> jvmOptionsIn(String text) {
    Matcher m = Pattern.compile("(?<=\\s|`)-X[^\\s`]+").matcher(text);
    return m.results().map(r -> r.group()).toList();
  }

  @Test
  void theRunCommandAndTheBenchmarkUseThePomsOptions() throws Exception {
    List<String> options = pomOptions();
    assertThat(options).contains("-Xmx512m", "-XX:+UseSerialGC");
    String pom = Files.readString(Path.of("pom.xml"));
    assertThat(pom).contains("<jvmArguments>${redress.jvm} ").contains("<redress.jvm>${redress.jvm}</redress.jvm>");
  }

  @Test
  void productionStartInTheOperationsGuideHasTheSameOptions() throws Exception {
    String ops = Files.readString(Path.of("docs/operations.md"));
    int section = ops.indexOf("### Production start");
    assertThat(section).as("docs/operations.md has a Production start").isNotNegative();
    int node = ops.indexOf("# the node itself", section);
    String command = ops.substring(node, ops.indexOf("```", node));
    List<String> inDocs = jvmOptionsIn(command).stream()
        .filter(o -> !o.startsWith("-XX:SharedArchiveFile=")).toList();
    assertThat(inDocs).isEqualTo(pomOptions());
  }

  @Test
  void theBenchmarksDefaultIsThePomsOptions() throws Exception {
    String bench = Files.readString(Path.of("docs/benchmarks.md"));
    String row = bench.lines().filter(l -> l.startsWith("| `bench.jvm` |")).findFirst().orElseThrow();
    String defaultColumn = row.split("\\|")[2];
    assertThat(jvmOptionsIn(defaultColumn)).isEqualTo(pomOptions());
  }
}
