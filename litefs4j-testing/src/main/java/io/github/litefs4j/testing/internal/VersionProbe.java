package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Asks a binary for its version ({@code <binary> version}) and compares it with a pin.
 *
 * <p>Stateless and thread-safe.
 */
final class VersionProbe {
  private static final long TIMEOUT_SECONDS = 10;

  private VersionProbe() {}

  /**
   * The first line that {@code <binary> version} prints, or a description of why there is none
   * ("exited with 2", "did not answer within 10 s").
   */
  static String report(java.nio.file.Path binary) {
    Process process;
    try {
      process =
          new ProcessBuilder(binary.toString(), "version")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      return "cannot run it: " + e.getMessage();
    }
    try {
      byte[] out = process.getInputStream().readNBytes(4096);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "did not answer 'version' within " + TIMEOUT_SECONDS + " s";
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      String first = text.isEmpty() ? "" : text.lines().findFirst().orElse("");
      return process.exitValue() == 0 ? first : "exited with " + process.exitValue() + ": " + first;
    } catch (IOException e) {
      process.destroyForcibly();
      return "cannot read its version: " + e.getMessage();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted while asking its version";
    }
  }

  /**
   * Whether a version line names exactly {@code pin}: "LiteFS v0.5.14, commit=..." and "Consul
   * v1.14.8" match v0.5.14 and v1.14.8; "v0.5.140", "v0.5.14-rc1" and "development build" do not.
   */
  static boolean matches(String reported, String pin) {
    return Pattern.compile("(^|\\s)" + Pattern.quote(pin) + "(,|\\s|$)").matcher(reported).find();
  }
}
