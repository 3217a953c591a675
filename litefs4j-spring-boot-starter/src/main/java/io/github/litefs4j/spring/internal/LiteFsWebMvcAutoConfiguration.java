package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.spring.LiteFsAutoConfiguration;
import io.github.litefs4j.spring.LiteFsProperties;
import io.github.litefs4j.spring.ReadYourWritesProperties;
import io.github.litefs4j.spring.RoutingProperties;
import jakarta.servlet.Filter;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Write routing and read-your-writes for Spring MVC: the routing interceptor with the strategy of
 * {@code litefs.routing.mode}, and the {@code __txid} cookie filter. On with a servlet web
 * application and {@code litefs.mount}.
 */
@AutoConfiguration(after = LiteFsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HandlerInterceptor.class, Filter.class})
@ConditionalOnProperty(prefix = "litefs", name = "mount")
public class LiteFsWebMvcAutoConfiguration {

  /** Created by Spring. */
  public LiteFsWebMvcAutoConfiguration() {}

  @Bean
  WriteRoutingInterceptor liteFsWriteRoutingInterceptor(
      LiteFsProperties properties,
      PrimaryMonitor monitor,
      LiteFsDatabase database,
      ReadYourWrites readYourWrites,
      ObjectProvider<RoutingObserver> observers) {
    RoutingObserver observer = observers.getIfAvailable(() -> RoutingObserver.NOOP);
    RoutingProperties routing = properties.getRouting();
    ReadYourWritesProperties ryw = properties.getReadYourWrites();
    ReadYourWritesGate gate =
        ryw.isEnabled()
            ? new ReadYourWritesGate(
                readYourWrites, ryw.getOnTimeout(), routing.getRetryAfter(), observer)
            : null;
    return new WriteRoutingInterceptor(
        monitor,
        routing.getMode(),
        routing.isEnabled(),
        replicaWrites(properties, database.path(), observer),
        gate,
        routing.getRetryAfter(),
        observer);
  }

  @Bean
  WebMvcConfigurer liteFsWebMvcConfigurer(WriteRoutingInterceptor interceptor) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor);
      }
    };
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "litefs.read-your-writes",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  TxidCookieFilter liteFsTxidCookieFilter(
      LiteFsProperties properties, ReadYourWrites readYourWrites) {
    return new TxidCookieFilter(
        new TxidCookies(readYourWrites, properties.getReadYourWrites().getCookieMaxAge()));
  }

  private static ReplicaWrites replicaWrites(
      LiteFsProperties properties, Path database, RoutingObserver observer) {
    RoutingProperties routing = properties.getRouting();
    return switch (routing.getMode()) {
      case FLY_REPLAY -> new FlyReplayWrites(observer);
      case FORWARD ->
          new ForwardWrites(
              new ForwardTargets(
                  routing.getForward().getUrlTemplate(), routing.getForward().getUrls()),
              routing.getForward().getConnectTimeout(),
              routing.getForward().getTimeout(),
              observer);
      case HALT ->
          new HaltWrites(database, properties.getHaltTimeout(), routing.getRetryAfter(), observer);
      case REFUSE -> new RefuseWrites(routing.getRetryAfter(), observer);
    };
  }
}
