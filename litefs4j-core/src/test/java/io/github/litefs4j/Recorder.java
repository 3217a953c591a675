package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link EventListener} that records every call, for tests to take in order. */
public final class Recorder implements EventListener {

  /** {@link EventListener#onConnected(boolean)}. */
  public record Connected(boolean gap) {}

  /** {@link EventListener#onDisconnected(LiteFsException, Duration)}. */
  public record Disconnected(LiteFsException cause, Duration retryIn) {}

  private final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();

  /** A recorder with no calls yet. */
  public Recorder() {}

  @Override
  public void onEvent(Event event) {
    calls.add(event);
  }

  @Override
  public void onConnected(boolean gap) {
    calls.add(new Connected(gap));
  }

  @Override
  public void onDisconnected(LiteFsException cause, Duration retryIn) {
    calls.add(new Disconnected(cause, retryIn));
  }

  /** The next call, waiting up to 10 s; fails if there is none. */
  public Object take() throws InterruptedException {
    Object call = calls.poll(10, TimeUnit.SECONDS);
    assertThat(call).as("next listener call within 10 s").isNotNull();
    return call;
  }

  /** The next call, which must be a disconnect, waiting up to 10 s. */
  public Disconnected takeDisconnected() throws InterruptedException {
    Object call = take();
    assertThat(call).isInstanceOf(Disconnected.class);
    return (Disconnected) call;
  }

  /** The next call, or null if none comes within {@code wait}. */
  public Object poll(Duration wait) throws InterruptedException {
    return calls.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Asserts that no call is pending right now. */
  public void assertExhausted() {
    assertThat(calls).isEmpty();
  }
}
