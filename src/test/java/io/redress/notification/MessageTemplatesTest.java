package io.redress.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.redress.language.WorkingLanguage;
import org.junit.jupiter.api.Test;

/**
 * Every template of {@link Templates} has its texts in both languages, a message is in the working language only,
 * and values are put in as text.
 */
class MessageTemplatesTest {

  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  static final Map<String, String> VALUES = Map.of("due", "2026-11-27 18:00 Asia/Shanghai", "text", "Refund sent.",
      "reason", "your refund", "nextContact", "2026-11-26 15:00", "task", "Assign handler", "level", "managers");

  @Test
  void everyTemplateConstantHasBilingualTextsAndSubjectsAndTheFileHasNoOthers() throws Exception {
    List<String> constants = new ArrayList<>();
    for (Field f : Templates.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        constants.add((String) f.get(null));
      }
    }
    constants.removeAll(Templates.ABOUT_A_MONTH);
    assertThat(constants).hasSize(12);
    assertThat(MessageTemplates.all().keySet()).containsExactlyInAnyOrderElementsOf(
        java.util.stream.Stream.concat(constants.stream(), Templates.ABOUT_A_MONTH.stream()).toList());
    for (String name : constants) {
      MessageTemplates.Template t = MessageTemplates.get(name);
      assertThat(t.zh()).as(name).containsPattern(CHINESE);
      assertThat(t.subjectZh()).as(name).containsPattern(CHINESE);
      assertThat(t.en()).as(name).doesNotContainPattern(CHINESE).contains("{number}");
      assertThat(t.subjectEn()).as(name).doesNotContainPattern(CHINESE).contains("{number}");
      MessageTemplates.Rendered zh = MessageTemplates.render(name, "CMP-2026-000042", "王芳", VALUES,
          WorkingLanguage.ZH_CN);
      MessageTemplates.Rendered en = MessageTemplates.render(name, "CMP-2026-000042", "王芳", VALUES,
          WorkingLanguage.EN);
      for (MessageTemplates.Rendered r : List.of(zh, en)) {
        assertThat(r.subject()).as(name).contains("CMP-2026-000042").doesNotContain("{", " / ");
        assertThat(r.text()).as(name).contains("CMP-2026-000042").doesNotContain("{", "}");
      }
      assertThat(zh.subject()).as(name).containsPattern(CHINESE);
      assertThat(en.subject()).as(name).doesNotContainPattern(CHINESE);
      if (t.toCustomer()) {
        assertThat(zh.text()).as(name).startsWith("王芳,您好!").doesNotContain("Dear");
        assertThat(en.text()).as(name).startsWith("Dear 王芳,\n").doesNotContain("您好");
        assertThat(en.text().replace("王芳", "")).as(name).doesNotContainPattern(CHINESE);
        assertThat(zh.text().length()).as("%s is short enough for a text message", name).isLessThan(200);
        assertThat(en.text().length()).as("%s is short enough for a text message", name).isLessThan(400);
      } else {
        assertThat(zh.text()).as("%s: no customer data for staff", name).startsWith("您好!").doesNotContain("王芳");
        assertThat(en.text()).as("%s: no customer data for staff", name).startsWith("Hello,\n")
            .doesNotContain("王芳").doesNotContainPattern(CHINESE);
      }
    }
    assertThat(MessageTemplates.get(Templates.ACKNOWLEDGEMENT).toCustomer()).isTrue();
    assertThat(MessageTemplates.get(Templates.ESCALATION).toCustomer()).isFalse();
  }

  @Test
  void theMonthlyTemplatesNameTheMonthAndNoComplaint() {
    for (String name : Templates.ABOUT_A_MONTH) {
      MessageTemplates.Template t = MessageTemplates.get(name);
      assertThat(t.toCustomer()).as(name).isFalse();
      assertThat(t.en()).as(name).contains("{month}").doesNotContain("{number}").doesNotContainPattern(CHINESE);
      for (WorkingLanguage language : WorkingLanguage.values()) {
        MessageTemplates.Rendered r = MessageTemplates.render(name, null, null,
            Map.of("month", "2026-11", "due", "2026-12-31"), language);
        assertThat(r.subject()).as(name).contains("2026-11").doesNotContain("{");
        assertThat(r.text()).as(name).contains("2026-11").doesNotContain("{", "}");
      }
    }
  }

  @Test
  void theAcknowledgementSaysWhenTheCustomerWillHaveAnAnswerWhenItIsKnown() {
    Map<String, String> due = Map.of("due", "2026-11-27 18:00 Asia/Shanghai");
    assertThat(MessageTemplates.render(Templates.ACKNOWLEDGEMENT, "CMP-2026-000001", null, due,
        WorkingLanguage.ZH_CN).text()).isEqualTo(
        "您好!我们已收到您的投诉(编号 CMP-2026-000001),会尽快处理并与您联系。我们将在 2026-11-27 18:00 Asia/Shanghai 前给您明确答复。");
    assertThat(MessageTemplates.render(Templates.ACKNOWLEDGEMENT, "CMP-2026-000001", null, due,
        WorkingLanguage.EN).text()).isEqualTo("""
        Dear customer,
        We have received your complaint CMP-2026-000001. We will handle it promptly and get back to you. \
        You will have our answer by 2026-11-27 18:00 Asia/Shanghai.""");
    assertThat(MessageTemplates.render(Templates.ACKNOWLEDGEMENT, "CMP-2026-000001", " ", Map.of(),
        WorkingLanguage.EN).text()).isEqualTo("Dear customer,\nWe have received your complaint CMP-2026-000001. "
        + "We will handle it promptly and get back to you.");
    assertThat(MessageTemplates.render(Templates.ACKNOWLEDGEMENT, "CMP-2026-000001", " ", Map.of(),
        WorkingLanguage.ZH_CN).text()).isEqualTo("您好!我们已收到您的投诉(编号 CMP-2026-000001),会尽快处理并与您联系。");
  }

  @Test
  void valuesAreNeverReadAsTemplatesOrExpressions() {
    Map<String, String> values = new HashMap<>();
    values.put("text", "${'x'.getClass()} #{1+1} {number} {name} $1 \\");
    values.put(MessageTemplates.NOTE, "{due} ${note}");
    String text = MessageTemplates.render(Templates.REPLY, "CMP-2026-000007", "{number}$", values,
        WorkingLanguage.ZH_CN).text();
    assertThat(text).startsWith("{number}$,您好!关于您的投诉 CMP-2026-000007,")
        .endsWith("\n\n${'x'.getClass()} #{1+1} {number} {name} $1 \\\n\n{due} ${note}");
  }

  @Test
  void aMissingValueTheTextNeedsAndAnUnknownTemplateAreRefused() {
    assertThatThrownBy(() -> MessageTemplates.render(Templates.REPLY, "CMP-2026-000007", null, Map.of(),
        WorkingLanguage.EN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the value 'text'");
    assertThatThrownBy(() -> MessageTemplates.render(Templates.ESCALATION, "CMP-2026-000007", null,
        Map.of("task", "x"), WorkingLanguage.ZH_CN)).hasMessageContaining("needs the value 'due'");
    assertThatThrownBy(() -> MessageTemplates.render("apology", "CMP-2026-000007", null, Map.of(),
        WorkingLanguage.EN))
        .hasMessageContaining("Unknown message template 'apology'");
  }

  @Test
  void subjectsStayOnOneLine() {
    for (WorkingLanguage language : WorkingLanguage.values()) {
      String subject = MessageTemplates.render(Templates.DEADLINE_WARNING, "CMP-2026-000007", null,
          Map.of("task", "Assign\r\nBcc: x@example.cn", "due", "today"), language).subject();
      assertThat(subject).doesNotContain("\r", "\n");
    }
  }

  @Test
  void theWorkingLanguageIsZhCnOrEnAndEnByDefault() {
    assertThat(WorkingLanguage.of(null)).isEqualTo(WorkingLanguage.EN);
    assertThat(WorkingLanguage.of(" ")).isEqualTo(WorkingLanguage.EN);
    assertThat(WorkingLanguage.of("en")).isEqualTo(WorkingLanguage.EN);
    assertThat(WorkingLanguage.of("zh-CN")).isEqualTo(WorkingLanguage.ZH_CN);
    assertThat(WorkingLanguage.of("zh_cn")).isEqualTo(WorkingLanguage.ZH_CN);
    assertThatThrownBy(() -> WorkingLanguage.of("fr")).hasMessage("redress.locale must be one of zh-CN, en, not 'fr'");
  }

  @Test
  void backOffDoublesUpToTheCap() {
    NotificationProperties p = new NotificationProperties(true, java.time.Duration.ofSeconds(2), "a@b", 20,
        java.time.Duration.ofMinutes(5), 10, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(5), null);
    assertThat(List.of(1, 2, 3, 4, 5, 6, 20).stream().map(p::backoff).map(java.time.Duration::toSeconds).toList())
        .containsExactly(30L, 60L, 120L, 240L, 300L, 300L, 300L);
    assertThat(p.replyWithin()).containsKeys("vip", "premium", "standard");
  }
}
