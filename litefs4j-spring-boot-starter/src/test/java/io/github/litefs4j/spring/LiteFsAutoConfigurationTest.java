package io.github.litefs4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.spring.internal.LiteFsActuatorAutoConfiguration;
import io.github.litefs4j.spring.internal.LiteFsWebMvcAutoConfiguration;
import io.github.litefs4j.spring.internal.NotLiteFsMountFailureAnalyzer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;

/** Wiring and property binding, on a fake mount (no LiteFS node: its URL refuses connections). */
class LiteFsAutoConfigurationTest {
  private static final AutoConfigurations ALL =
      AutoConfigurations.of(
          LiteFsAutoConfiguration.class,
          LiteFsWebMvcAutoConfiguration.class,
          LiteFsActuatorAutoConfiguration.class);

  @TempDir Path mount;

  private ApplicationContextRunner runner() {
    FakeMount.create(mount, "app.db", 1);
    return new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "litefs.mount=" + mount,
            "litefs.database=app.db",
            "litefs.url=http://127.0.0.1:1",
            "litefs.flyway.enabled=false");
  }

  private WebApplicationContextRunner webRunner() {
    FakeMount.create(mount, "app.db", 1);
    return new WebApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "litefs.mount=" + mount,
            "litefs.database=app.db",
            "litefs.url=http://127.0.0.1:1",
            "litefs.flyway.enabled=false");
  }

  @Test
  void offWithoutAMount() {
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .run(context -> assertThat(context).doesNotHaveBean(LiteFsClient.class));
  }

  @Test
  void mountGivesTheCoreBeans() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context)
                  .hasSingleBean(LiteFsClient.class)
                  .hasSingleBean(PrimaryMonitor.class)
                  .hasSingleBean(LiteFsDatabase.class)
                  .hasSingleBean(DataSource.class)
                  .hasSingleBean(ReadYourWrites.class);
              assertThat(context.getBean(LiteFsClient.class).baseUri())
                  .isEqualTo(URI.create("http://127.0.0.1:1"));
              LiteFsDatabase db = context.getBean(LiteFsDatabase.class);
              assertThat(db.path()).isEqualTo(mount.resolve("app.db").toAbsolutePath());
              assertThat(db.writePolicy()).isEqualTo(WritePolicy.refuse());
            });
  }

  @Test
  void propertiesBindWithKebabCaseNamesAndDurations() {
    runner()
        .withPropertyValues(
            "litefs.write-policy=halt",
            "litefs.halt-timeout=7s",
            "litefs.routing.mode=fly-replay",
            "litefs.routing.retry-after=3s",
            "litefs.routing.forward.url-template=http://{hostname}.internal:9090",
            "litefs.routing.forward.urls.node-0=http://127.0.0.1:8081",
            "litefs.read-your-writes.max-wait=250ms",
            "litefs.read-your-writes.on-timeout=serve-stale",
            "litefs.flyway.locations=classpath:db/a,classpath:db/b",
            "litefs.flyway.on-replica=await-replication",
            "litefs.health.max-lag=2s")
        .run(
            context -> {
              LiteFsProperties p = context.getBean(LiteFsProperties.class);
              assertThat(p.getRouting().getMode()).isEqualTo(RoutingMode.FLY_REPLAY);
              assertThat(p.getRouting().getRetryAfter()).isEqualTo(Duration.ofSeconds(3));
              assertThat(p.getRouting().getForward().getUrls())
                  .containsEntry("node-0", URI.create("http://127.0.0.1:8081"));
              assertThat(p.getReadYourWrites().getOnTimeout())
                  .isEqualTo(ReadYourWritesFallback.SERVE_STALE);
              assertThat(p.getFlyway().getLocations())
                  .containsExactly("classpath:db/a", "classpath:db/b");
              assertThat(p.getFlyway().getOnReplica())
                  .isEqualTo(FlywayProperties.ReplicaMigrationName.AWAIT_REPLICATION);
              assertThat(p.getHealth().getMaxLag()).isEqualTo(Duration.ofSeconds(2));
              assertThat(context.getBean(LiteFsDatabase.class).writePolicy())
                  .isEqualTo(WritePolicy.forwardThroughHalt(Duration.ofSeconds(7)));
              assertThat(context.getBean(ReadYourWrites.class).maxWait())
                  .isEqualTo(Duration.ofMillis(250));
            });
  }

  @Test
  void applicationBeansReplaceTheStartersOwn() {
    runner()
        .withUserConfiguration(OwnClient.class)
        .run(
            context ->
                assertThat(context.getBean(LiteFsClient.class).baseUri())
                    .isEqualTo(URI.create("http://127.0.0.1:2")));
  }

  @Test
  void missingDatabaseNameFailsTheStartupNamingTheProperty() {
    FakeMount.create(mount, "app.db", 1);
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues("litefs.mount=" + mount, "litefs.url=http://127.0.0.1:1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("litefs.database is not set"));
  }

  @Test
  void nonPositiveDurationFailsTheStartupNamingTheProperty() {
    runner()
        .withPropertyValues("litefs.read-your-writes.max-wait=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("litefs.read-your-writes.max-wait must be a positive"));
  }

  @Test
  void forwardTemplateInSpringPlaceholderSyntaxFailsTheStartup() {
    webRunner()
        .withPropertyValues(
            "litefs.routing.mode=forward",
            "litefs.routing.forward.url-template=http://\\${hostname}:8080")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("must contain {hostname}"));
  }

  @Test
  void directoryThatIsNotALiteFsMountFailsTheStartupWithAnAnalysis(@TempDir Path plain) {
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "litefs.mount=" + plain, "litefs.database=app.db", "litefs.url=http://127.0.0.1:1")
        .run(
            context -> {
              Throwable failure = context.getStartupFailure();
              assertThat(failure).hasRootCauseInstanceOf(LiteFsMountException.class);
              FailureAnalysis analysis = new NotLiteFsMountFailureAnalyzer().analyze(failure);
              assertThat(analysis.getDescription())
                  .contains("litefs.mount is " + plain)
                  .contains("not a LiteFS mount");
              assertThat(analysis.getAction()).contains("Start LiteFS first");
            });
  }

  @Test
  void webApplicationGetsTheRouterAndTheCookieFilter() {
    webRunner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(HandlerInterceptor.class)).hasSize(1);
              assertThat(context).hasBean("liteFsTxidCookieFilter");
            });
  }

  @Test
  void nonWebApplicationGetsNoRouter() {
    runner().run(context -> assertThat(context.getBeansOfType(HandlerInterceptor.class)).isEmpty());
  }

  @Test
  void readYourWritesOffGivesNoCookieFilter() {
    webRunner()
        .withPropertyValues("litefs.read-your-writes.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("liteFsTxidCookieFilter"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    LiteFsClient myClient() {
      return LiteFsClient.create(URI.create("http://127.0.0.1:2"));
    }
  }
}
