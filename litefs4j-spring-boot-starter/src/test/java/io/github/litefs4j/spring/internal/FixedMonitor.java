package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import java.time.Duration;
import java.util.Optional;

/** A monitor whose state the test sets: routing decisions without a LiteFS node. */
final class FixedMonitor implements PrimaryMonitor {
  volatile PrimaryState state;

  FixedMonitor(PrimaryState state) {
    this.state = state;
  }

  @Override
  public PrimaryState awaitReady(Duration timeout) {
    return state;
  }

  @Override
  public PrimaryState state() {
    return state;
  }

  @Override
  public boolean isPrimary() {
    return state.role() == PrimaryState.Role.PRIMARY;
  }

  @Override
  public Optional<String> primaryHostname() {
    return state.primaryHostname();
  }

  @Override
  public void addListener(Listener listener) {}

  @Override
  public void removeListener(Listener listener) {}

  @Override
  public void close() {}
}
