package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two users on the same task at the same moment (threads held at a latch and let go together): exactly one
 * succeeds, the other gets 409 with a message saying why, one assignee is recorded and nothing downstream happens
 * twice.
 */
@RedressSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ConcurrencyTest {

  private static final int ROUNDS = 10;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;

  @Test
  void twoUsersClaimingTheSameTaskAtOnce() throws Exception {
    Api api = new Api(port);
    Cases cases = new Cases(api);
    for (int round = 0; round < ROUNDS; round++) {
      String id = cases.intake(10);
      String task = cases.task("fiona", id, "classifyComplaint");
      List<HttpResponse<String>> answers = race(
          () -> api.send("fiona", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "fiona")),
          () -> api.send("tom", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "tom")));
      assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 409);
      HttpResponse<String> loser = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
      assertThat(loser.body()).containsAnyOf("already claimed", "at the same moment");
      String assignee = taskService.createTaskQuery().taskId(task).singleResult().getAssignee();
      assertThat(assignee).isIn("fiona", "tom");
      assertThat(events(id, "task-claimed")).isOne();
      assertThat(jdbc.queryForObject("SELECT assignee FROM complaint WHERE complaint_number = ?", String.class, id))
          .isEqualTo(assignee);
    }
  }

  @Test
  void twoUsersCompletingTheSameTaskAtOnce(CapturedOutput output) throws Exception {
    Api api = new Api(port);
    Cases cases = new Cases(api);
    Map<String, Object> classification = Map.of("category", "billing", "nature", "valid", "severity", "general",
        "major", false);
    for (int round = 0; round < ROUNDS; round++) {
      String id = cases.intake(10);
      String task = cases.task("fiona", id, "classifyComplaint");
      List<HttpResponse<String>> answers = race(
          () -> cases.submit("fiona", task, classification),
          () -> cases.submit("tom", task, classification));
      assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 409);
      HttpResponse<String> loser = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
      assertThat(loser.body()).containsAnyOf("already completed", "at the same moment");
      // downstream exactly once: one completion, one classification, one assignment task
      assertThat(events(id, "task-completed")).isOne();
      assertThat(events(id, "classified")).isOne();
      assertThat(taskService.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("assignComplaint")
          .count()).isOne();
    }
    // a lost race is a 409 for the caller and no error in the log (the soak saw an ERROR and an "HTTP500" warning
    // from the engine for each one, on a task the winner had completed just before)
    assertThat(output.getAll()).doesNotContain("Cannot find task with id").doesNotContain("ENGINE-REST-HTTP500");
  }

  @Test
  void twoWithdrawalsOfTheSameComplaintAtOnceThroughTheComplaintApi() throws Exception {
    Api api = new Api(port);
    String id = new Cases(api).intake(10);
    List<HttpResponse<String>> answers = race(
        () -> api.send("fiona", "POST", "/api/complaints/" + id + "/withdrawal", Map.of("reason", "Settled")),
        () -> api.send("tom", "POST", "/api/complaints/" + id + "/withdrawal", Map.of("reason", "Settled")));
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
    HttpResponse<String> loser = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
    assertThat(loser.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(events(id, "withdrawn")).isOne();
  }

  private int events(String complaint, String type) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE complaint_number = ? AND event_type = ?",
        Integer.class, complaint, type);
  }

  /** Runs both at the same moment: each thread waits at the latch until both are ready. */
  @SafeVarargs
  private static List<HttpResponse<String>> race(Callable<HttpResponse<String>>... calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      CountDownLatch ready = new CountDownLatch(calls.length);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (Callable<HttpResponse<String>> call : calls) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return call.call();
        }));
      }
      ready.await();
      go.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : futures) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
