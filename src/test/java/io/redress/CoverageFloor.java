package io.redress;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The build fails when the process tests cover less than 90% of the model's flow nodes and sequence flows. */
@TestConfiguration
public class CoverageFloor {

  public static final double FLOOR = 0.9;

  @Bean
  @Primary
  ProcessEngineCoverageProperties coverageFloor() {
    return ProcessEngineCoverageProperties.Companion.builder()
        .assertClassCoverageAtLeast(FLOOR)
        .addInclusionPatternForTestClasses("*ProcessTest")
        .build();
  }
}
