package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.language.WorkingLanguage;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The texts of the working languages: the same keys in both, Chinese in zh-CN, and a name for every user task. */
class StageRulesTextsTest {

  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  @Test
  void bothLanguagesHaveTheSameTextsAndChineseNamesEveryUserTask() throws Exception {
    Properties en = load("en");
    Properties zh = load("zh-CN");
    Set<String> zhKeys = zh.stringPropertyNames().stream().filter(k -> !k.startsWith("task.")
            && !k.startsWith("process."))
        .collect(Collectors.toSet());
    assertThat(zhKeys).isEqualTo(en.stringPropertyNames());
    zhKeys.forEach(k -> assertThat(zh.getProperty(k)).as(k).containsPattern(HAN));
    en.stringPropertyNames().forEach(k -> assertThat(en.getProperty(k)).as(k).doesNotContainPattern(HAN));
    assertThat(zh.stringPropertyNames().stream().filter(k -> k.startsWith("task.")).map(k -> k.substring(5)))
        .containsExactlyInAnyOrder(TaskKeys.CLASSIFY, TaskKeys.ASSIGN, TaskKeys.INVESTIGATE, TaskKeys.APPROVE,
            TaskKeys.EXECUTE, TaskKeys.FEEDBACK, TaskKeys.HANDLE_ESCALATION,
            "writeMonthlySummary"); // the monthly summary's one task
    ModelTexts texts = new ModelTexts(WorkingLanguage.ZH_CN);
    assertThat(texts.processName("complaint-handling")).hasValue("投诉处理");
    assertThat(texts.taskName(TaskKeys.CLASSIFY)).hasValue("投诉分类");
    assertThat(new ModelTexts(WorkingLanguage.EN).taskName(TaskKeys.CLASSIFY)).isEmpty();
    assertThat(texts.text("sheet.earlier", "-", "{0}${x}")).contains("{0}${x}");
  }

  private static Properties load(String tag) throws Exception {
    Properties p = new Properties();
    try (var in = StageRulesTextsTest.class.getClassLoader().getResourceAsStream("language/" + tag + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
