package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Each job executor thread holds a database connection while its job runs; the job acquisition, the outbox poller and
 * the requests need connections too. With as many threads as connections (Camunda's default 10 threads against a
 * pool of 10) an escalation storm on three nodes left a node's acquisition without a connection for 5 s: the jobs it
 * had locked a moment before waited for the lock to expire (5 minutes) before they fired
 * ({@code docs/postgres-tuning.md}, *Job executor*). The shipped configuration, as the packaged application reads it
 * (H2 and the {@code postgres} profile), leaves room.
 */
class JobExecutorConnectionsTest {

  /** The acquisition, the outbox poller and at least one request. */
  static final int ROOM = 3;

  @ParameterizedTest
  @ValueSource(strings = {"default", "postgres"})
  void theJobExecutorsThreadsLeaveConnectionsForTheAcquisitionAndTheRequests(String profile) throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    List<String> files = profile.equals("default") ? List.of("application.yaml")
        : List.of("application-" + profile + ".yaml", "application.yaml");
    for (String file : files) {
      for (PropertySource<?> source : yaml.load(file, new ClassPathResource(file))) {
        env.getPropertySources().addLast(source);
      }
    }
    // unset in a file: Camunda's and Hikari's defaults
    int threads = env.getProperty("camunda.bpm.job-execution.max-pool-size", Integer.class, 10);
    int connections = env.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10);
    assertThat(threads).as("job executor threads (%s)", profile).isLessThanOrEqualTo(connections - ROOM);
    assertThat(env.getProperty("camunda.bpm.job-execution.core-pool-size", Integer.class, 3))
        .isLessThanOrEqualTo(threads);
  }
}
