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
import org.junit.jupiter.api.Test;

/** Every template of {@link Templates} has its texts, in both languages, and values are put in as text. */
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
    assertThat(constants).hasSize(12);
    assertThat(MessageTemplates.all().keySet()).containsExactlyInAnyOrderElementsOf(constants);
    for (String name : constants) {
      MessageTemplates.Template t = MessageTemplates.get(name);
      assertThat(t.zh()).as(name).containsPattern(CHINESE);
      assertThat(t.subjectZh()).as(name).containsPattern(CHINESE);
      assertThat(t.en()).as(name).doesNotContainPattern(CHINESE).contains("{number}");
      assertThat(t.subjectEn()).as(name).doesNotContainPattern(CHINESE).contains("{number}");
      MessageTemplates.Rendered r = MessageTemplates.render(name, "CMP-2026-000042", "王芳", VALUES);
      assertThat(r.subject()).as(name).contains("CMP-2026-000042").contains(" / ").doesNotContain("{");
      assertThat(r.text()).as(name).contains("CMP-2026-000042").doesNotContain("{", "}");
      if (t.toCustomer()) {
        assertThat(r.text()).as(name).startsWith("王芳,您好!").contains("\n\nDear 王芳,\n");
        assertThat(r.text().length()).as("%s is short enough for a text message", name).isLessThan(400);
      } else {
        assertThat(r.text()).as("%s: no customer data for staff", name).startsWith("您好!").doesNotContain("王芳");
      }
    }
    assertThat(MessageTemplates.get(Templates.ACKNOWLEDGEMENT).toCustomer()).isTrue();
    assertThat(MessageTemplates.get(Templates.ESCALATION).toCustomer()).isFalse();
  }

  @Test
  void theAcknowledgementSaysWhenTheCustomerWillHaveAnAnswerWhenItIsKnown() {
    String with = MessageTemplates.render(Templates.ACKNOWLEDGEMENT, "CMP-2026-000001", null,
        Map.of("due", "2026-11-27 18:00 Asia/Shanghai")).text();
    assertThat(with).isEqualTo("""
        您好!我们已收到您的投诉(编号 CMP-2026-000001),会尽快处理并与您联系。我们将在 2026-11-27 18:00 Asia/Shanghai 前给您明确答复。

        Dear customer,
        We have received your complaint CMP-2026-000001. We will handle it promptly and get back to you. \
        You will have our answer by 2026-11-27 18:00 Asia/Shanghai.""");
    String without = MessageTemplates.render(Templates.ACKNOWLEDGEMENT, "CMP-2026-000001", " ", Map.of()).text();
    assertThat(without).endsWith("We will handle it promptly and get back to you.").startsWith("您好!");
  }

  @Test
  void valuesAreNeverReadAsTemplatesOrExpressions() {
    Map<String, String> values = new HashMap<>();
    values.put("text", "${'x'.getClass()} #{1+1} {number} {name} $1 \\");
    values.put(MessageTemplates.NOTE, "{due} ${note}");
    String text = MessageTemplates.render(Templates.REPLY, "CMP-2026-000007", "{number}$", values).text();
    assertThat(text).startsWith("{number}$,您好!关于您的投诉 CMP-2026-000007,")
        .endsWith("\n\n${'x'.getClass()} #{1+1} {number} {name} $1 \\\n\n{due} ${note}");
  }

  @Test
  void aMissingValueTheTextNeedsAndAnUnknownTemplateAreRefused() {
    assertThatThrownBy(() -> MessageTemplates.render(Templates.REPLY, "CMP-2026-000007", null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the value 'text'");
    assertThatThrownBy(() -> MessageTemplates.render(Templates.ESCALATION, "CMP-2026-000007", null,
        Map.of("task", "x"))).hasMessageContaining("needs the value 'due'");
    assertThatThrownBy(() -> MessageTemplates.render("apology", "CMP-2026-000007", null, Map.of()))
        .hasMessageContaining("Unknown message template 'apology'");
  }

  @Test
  void subjectsStayOnOneLine() {
    String subject = MessageTemplates.render(Templates.DEADLINE_WARNING, "CMP-2026-000007", null,
        Map.of("task", "Assign\r\nBcc: x@example.cn", "due", "today")).subject();
    assertThat(subject).doesNotContain("\r", "\n");
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
