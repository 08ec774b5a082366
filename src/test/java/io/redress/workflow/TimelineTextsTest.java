package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.casefile.TimelineFacts;
import io.redress.language.WorkingLanguage;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A timeline entry's facts in words: in English exactly the sentences the timeline always had, in Chinese the same
 * facts in Chinese (codes by their Chinese labels, times in the centre's zone), with the same values in both.
 */
class TimelineTextsTest {

  private static final Pattern PLACE = Pattern.compile("\\{\\??[A-Za-z][A-Za-z0-9]*}");
  private static final Instant DUE = Instant.parse("2026-11-24T07:00:00Z"); // 15:00 in Shanghai

  private final TimelineTexts en = new TimelineTexts(new ModelTexts(WorkingLanguage.EN), "Asia/Shanghai");
  private final TimelineTexts zh = new TimelineTexts(new ModelTexts(WorkingLanguage.ZH_CN), "Asia/Shanghai");

  @Test
  void englishSaysWhatTheTimelineAlwaysSaid() {
    assertThat(en.words(created())).isEqualTo(
        "Classify complaint for candidate groups frontline, due 2026-11-24 15:00 Asia/Shanghai");
    assertThat(en.words(TimelineFacts.say("received.api").with("channel", "phone")))
        .isEqualTo("Received by phone through the complaint API");
    assertThat(en.words(classified())).isEqualTo(
        "Severity important (raised to important: second complaint), valid, billing-refund, major");
    assertThat(en.words(TimelineFacts.say("classified").with("severity", "general").with("nature", "valid")
        .with("category", "billing-refund"))).isEqualTo("Severity general, valid, billing-refund");
    assertThat(en.words(feedback())).isEqualTo(
        "Customer very satisfied, attitude 5/5, speed 4/5, effectiveness 3/5");
    assertThat(en.words(TimelineFacts.say("task-completed").with("task", "executeResolution")
        .with("taskName", "Execute resolution").with("amount", "500")))
        .isEqualTo("Execute resolution completed, amount 500 as approved");
    assertThat(en.words(TimelineFacts.say("customer-notified").with("template", "resolution").with("via", "sms")
        .when(true, "note"))).isEqualTo("Message 'resolution' queued for sending by sms, with a note");
    assertThat(en.words(TimelineFacts.say("withdrawn"))).isEqualTo("Withdrawn by the customer");
    assertThat(en.words(TimelineFacts.say("deadline-missed").with("deadline", "first-reply")
        .with("deadlineName", "First reply to the customer").with("dueAt", DUE).when(true, "sent")))
        .isEqualTo("First reply to the customer missed (due 2026-11-24 15:00 Asia/Shanghai): the customer got the "
            + "automatic message");
  }

  @Test
  void chineseSaysTheSameFactsInChinese() {
    assertThat(zh.words(created())).isEqualTo("投诉分类,候选组 frontline,截止 2026-11-24 15:00 Asia/Shanghai");
    assertThat(zh.words(TimelineFacts.say("received.api").with("channel", "phone")))
        .isEqualTo("通过投诉接口受理,渠道:电话");
    assertThat(zh.words(classified())).isEqualTo("严重程度:重要(二次投诉,升为重要),有效投诉,账单 / 退款,重大投诉");
    assertThat(zh.words(feedback())).isEqualTo("客户非常满意,服务态度 5/5,处理速度 4/5,处理效果 3/5");
    assertThat(zh.words(TimelineFacts.say("deadline-missed").with("deadline", "first-reply")
        .with("deadlineName", "First reply to the customer").with("dueAt", DUE).when(true, "noAddress")))
        .isEqualTo("首次答复客户已超时(期限 2026-11-24 15:00 Asia/Shanghai),没有可发送自动消息的地址");
    // a code without a Chinese label, a user id: as they are
    assertThat(zh.words(TimelineFacts.say("task-claimed").with("assignee", "hank"))).isEqualTo("已指派给 hank");
  }

  @Test
  void valuesAreInsertedLiterallyAndUnknownWordingsAreLeftToTheCaller() {
    TimelineFacts odd = TimelineFacts.say("withdrawn").with("reason", "$1 {reason} \\0 {?reason}");
    assertThat(en.words(odd)).isEqualTo("Withdrawn by the customer: $1 {reason} \\0 {?reason}");
    assertThat(en.words(TimelineFacts.say("no-such-wording"))).isNull();
  }

  @Test
  void bothLanguagesWordTheSameValues() throws Exception {
    Properties english = load("en");
    Properties chinese = load("zh-CN");
    for (String key : english.stringPropertyNames()) {
      if (key.startsWith("say.")) {
        assertThat(places(chinese.getProperty(key))).as(key).isEqualTo(places(english.getProperty(key)));
      }
    }
  }

  private static TimelineFacts created() {
    return TimelineFacts.say("task-created.groups").with("groups", "frontline").with("task", "classifyComplaint")
        .with("taskName", "Classify complaint").with("dueAt", DUE);
  }

  private static TimelineFacts classified() {
    return TimelineFacts.say("classified").with("severity", "important").when(true, "raised").with("nature", "valid")
        .with("category", "billing-refund").when(true, "major");
  }

  private static TimelineFacts feedback() {
    return TimelineFacts.say("feedback").with("satisfaction", "very_satisfied").with("attitude", 5)
        .with("speed", 4).with("effectiveness", 3);
  }

  private static Set<String> places(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACE.matcher(text == null ? "" : text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static Properties load(String tag) throws Exception {
    Properties p = new Properties();
    try (var in = TimelineTextsTest.class.getClassLoader().getResourceAsStream("language/" + tag + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
