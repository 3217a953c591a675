package io.github.litefs4j.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.spring.LiteFsWrite;
import io.github.litefs4j.spring.RoutingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/** Routing decisions of every mode, without LiteFS (the node's state is set by the test). */
class WriteRoutingInterceptorTest {
  private static final Duration RETRY = Duration.ofMillis(1500);

  @TempDir Path dir;
  private final List<String> outcomes = new ArrayList<>();
  private final RoutingObserver observer =
      new RoutingObserver() {
        @Override
        public void routed(RoutingMode mode, Outcome outcome) {
          outcomes.add(mode + ":" + outcome);
        }
      };

  @Test
  void flyReplayAnswers421WithTheHeaderAndAnEmptyBody() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    boolean served =
        interceptor(RoutingMode.FLY_REPLAY, replica()).preHandle(post(), response, this);
    assertThat(served).isFalse();
    assertThat(response.getStatus()).isEqualTo(421);
    assertThat(response.getHeader("fly-replay")).isEqualTo("instance=node-0");
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(outcomes).containsExactly("FLY_REPLAY:REPLAYED");
  }

  @Test
  void refuseAnswers503WithRetryAfterInWholeSeconds() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    boolean served = interceptor(RoutingMode.REFUSE, replica()).preHandle(post(), response, this);
    assertThat(served).isFalse();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("2");
    assertThat(response.getContentAsString()).contains("the primary is node-0");
  }

  @Test
  void writeOnThePrimaryIsServedAndMarkedForTheCookie() throws Exception {
    MockHttpServletRequest request = post();
    boolean served =
        interceptor(RoutingMode.REFUSE, new FixedMonitor(PrimaryState.primary()))
            .preHandle(request, new MockHttpServletResponse(), this);
    assertThat(served).isTrue();
    assertThat(request.getAttribute(TxidCookieFilter.SERVED_WRITE)).isEqualTo(Boolean.TRUE);
    assertThat(outcomes).containsExactly("REFUSE:LOCAL");
  }

  @Test
  void writeWithoutAPrimaryAnswers503InEveryMode() throws Exception {
    for (RoutingMode mode : RoutingMode.values()) {
      MockHttpServletResponse response = new MockHttpServletResponse();
      boolean served =
          interceptor(mode, new FixedMonitor(PrimaryState.disconnected()))
              .preHandle(post(), response, this);
      assertThat(served).as(mode.name()).isFalse();
      assertThat(response.getStatus()).as(mode.name()).isEqualTo(503);
      assertThat(response.getHeader("Retry-After")).isEqualTo("2");
    }
  }

  @Test
  void forwardedWriteThatReachesAReplicaAnswers508() throws Exception {
    MockHttpServletRequest request = post();
    request.addHeader(LoopGuard.HEADER, "node-0");
    MockHttpServletResponse response = new MockHttpServletResponse();
    boolean served = interceptor(RoutingMode.FORWARD, replica()).preHandle(request, response, this);
    assertThat(served).isFalse();
    assertThat(response.getStatus()).isEqualTo(508);
    assertThat(response.getContentAsString()).contains("forwarding loop");
    assertThat(outcomes).containsExactly("FORWARD:LOOP");
  }

  @Test
  void forwardedWriteThatReachesThePrimaryIsServed() throws Exception {
    MockHttpServletRequest request = post();
    request.addHeader(LoopGuard.HEADER, "node-0");
    boolean served =
        interceptor(RoutingMode.FORWARD, new FixedMonitor(PrimaryState.primary()))
            .preHandle(request, new MockHttpServletResponse(), this);
    assertThat(served).isTrue();
  }

  @Test
  void readIsServedOnAReplicaInEveryMode() throws Exception {
    for (RoutingMode mode : RoutingMode.values()) {
      boolean served =
          interceptor(mode, replica())
              .preHandle(
                  new MockHttpServletRequest("GET", "/x"), new MockHttpServletResponse(), this);
      assertThat(served).as(mode.name()).isTrue();
    }
  }

  @Test
  void annotatedGetIsRoutedAsAWrite() throws Exception {
    HandlerMethod touch = new HandlerMethod(new Handlers(), Handlers.class.getMethod("touch"));
    MockHttpServletResponse response = new MockHttpServletResponse();
    boolean served =
        interceptor(RoutingMode.REFUSE, replica())
            .preHandle(new MockHttpServletRequest("GET", "/touch"), response, touch);
    assertThat(served).isFalse();
    assertThat(response.getStatus()).isEqualTo(503);
  }

  @Test
  void errorDispatchIsNotRoutedAgain() throws Exception {
    MockHttpServletRequest request = post();
    request.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
    boolean served =
        interceptor(RoutingMode.REFUSE, replica())
            .preHandle(request, new MockHttpServletResponse(), this);
    assertThat(served).isTrue();
    assertThat(outcomes).isEmpty();
  }

  @Test
  void routingOffServesWritesLocally() throws Exception {
    WriteRoutingInterceptor off =
        new WriteRoutingInterceptor(
            replica(),
            RoutingMode.REFUSE,
            false,
            strategy(RoutingMode.REFUSE),
            null,
            RETRY,
            observer);
    assertThat(off.preHandle(post(), new MockHttpServletResponse(), this)).isTrue();
  }

  private WriteRoutingInterceptor interceptor(RoutingMode mode, FixedMonitor monitor) {
    return new WriteRoutingInterceptor(monitor, mode, true, strategy(mode), null, RETRY, observer);
  }

  private ReplicaWrites strategy(RoutingMode mode) {
    return switch (mode) {
      case FLY_REPLAY -> new FlyReplayWrites(observer);
      case REFUSE -> new RefuseWrites(RETRY, observer);
      case HALT -> new HaltWrites(dir.resolve("app.db"), RETRY, RETRY, observer);
      case FORWARD ->
          new ForwardWrites(
              new ForwardTargets("http://{hostname}:1", Map.of()), RETRY, RETRY, observer);
    };
  }

  private static FixedMonitor replica() {
    return new FixedMonitor(PrimaryState.replica("node-0"));
  }

  private static MockHttpServletRequest post() {
    return new MockHttpServletRequest("POST", "/entries");
  }

  public static class Handlers {
    @LiteFsWrite
    public void touch() {}
  }
}
