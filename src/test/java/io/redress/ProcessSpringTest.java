package io.redress;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Spring context of the process tests: the engine with the real delegates and rules, a mock servlet environment (no port), a
 * database and engine name of its own (so it never meets the HTTP tests' engine), the job executor off, and process
 * coverage collected with the floor of {@link CoverageFloor}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=process-test"})
@ActiveProfiles({"test", "demo"})
@Import({ProcessEngineCoverageConfiguration.class, CoverageFloor.class})
public @interface ProcessSpringTest {
}
