package io.github.litefs4j.examples.dashboard;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Tells the story in the terminal, for a person without a browser: numbered steps, and what
 * happened under each, with the time.
 *
 * <p>Thread-safe: lines are printed whole.
 */
final class Narrator {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final PrintStream out;
  private int steps;
  private boolean muted;

  Narrator(PrintStream out) {
    this.out = out;
  }

  /** Prints nothing more: the demo is shutting down, and nodes going away is no news. */
  synchronized void mute() {
    muted = true;
  }

  /** Starts a new step. */
  synchronized void step(String text) {
    if (muted) {
      return;
    }
    steps++;
    out.println();
    out.println("==> " + steps + ". " + text);
  }

  /** A line under the current step. */
  synchronized void say(String text) {
    if (muted) {
      return;
    }
    out.println("    " + LocalTime.now().format(TIME) + "  " + text);
  }

  /** A check that held. */
  synchronized void ok(String text) {
    out.println("    " + LocalTime.now().format(TIME) + "  OK   " + text);
  }

  /** A check that failed. */
  synchronized void failed(String text) {
    out.println("    " + LocalTime.now().format(TIME) + "  FAIL " + text);
  }
}
