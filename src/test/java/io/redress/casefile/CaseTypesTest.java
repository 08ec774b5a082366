package io.redress.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The types' wire values are those the API accepts and the tables list: the wire format is unchanged. */
class CaseTypesTest {

  @Test
  void channelsAreThoseTheApiAcceptsAndTheTablesList() throws Exception {
    assertThat(Channel.wireValues()).isEqualTo(alternatives(NewCase.CHANNELS))
        .isEqualTo(inputValues("classification-suggestion.dmn", "InputValues_Channel"));
  }

  @Test
  void tiersAreThoseTheApiAccepts() {
    assertThat(Tier.wireValues()).isEqualTo(alternatives(NewCase.TIERS));
  }

  @Test
  void severitiesAreThoseTheTablesList() throws Exception {
    assertThat(Severity.wireValues()).isEqualTo(inputValues("escalation-level.dmn", "InputValues_Severity"));
  }

  @Test
  void aWrittenValueIsReadBack() {
    assertThat(Severity.of("important")).contains(Severity.IMPORTANT);
    assertThat(Severity.IMPORTANT.wire()).isEqualTo("important");
    assertThat(Channel.EMAIL.is("email")).isTrue();
    assertThat(Channel.EMAIL.is("EMAIL")).isFalse();
    assertThat(Tier.of("gold")).isEmpty();
  }

  private static Set<String> alternatives(String regex) {
    return Set.of(regex.replace("^(", "").replace(")$", "").split("\\|"));
  }

  private static Set<String> inputValues(String table, String id) throws Exception {
    String dmn = Files.readString(Path.of("processes", table));
    Matcher m = Pattern.compile("id=\"" + id + "\">\\s*<text>([^<]*)</text>").matcher(dmn);
    assertThat(m.find()).as(id + " in " + table).isTrue();
    return Arrays.stream(m.group(1).split(",")).map(v -> v.trim().replace("\"", "")).collect(Collectors.toSet());
  }
}
