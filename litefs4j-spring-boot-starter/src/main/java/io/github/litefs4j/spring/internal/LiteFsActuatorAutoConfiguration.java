package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.spring.LiteFsAutoConfiguration;
import io.github.litefs4j.spring.LiteFsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health ({@code litefs}), info ({@code litefs}) and Micrometer meters ({@code litefs.*}), each on
 * when its library is on the class path and {@code litefs.mount} is set.
 */
@AutoConfiguration(after = LiteFsAutoConfiguration.class)
@ConditionalOnProperty(prefix = "litefs", name = "mount")
public class LiteFsActuatorAutoConfiguration {

  /** Created by Spring. */
  public LiteFsActuatorAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "litefsHealthIndicator")
    LiteFsHealthIndicator litefsHealthIndicator(NodeView node, LiteFsProperties properties) {
      return new LiteFsHealthIndicator(node, properties.getHealth().getMaxLag());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
  static class Info {
    @Bean
    @ConditionalOnMissingBean(name = "litefsInfoContributor")
    LiteFsInfoContributor litefsInfoContributor(NodeView node, LiteFsProperties properties) {
      return new LiteFsInfoContributor(node, properties.getRouting().getMode());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    LiteFsMeters liteFsMeters(NodeView node, PrimaryMonitor monitor) {
      return new LiteFsMeters(node, monitor);
    }
  }
}
