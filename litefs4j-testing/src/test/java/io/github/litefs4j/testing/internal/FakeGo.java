package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fake {@code go} for tests of the build recipe: a shell script that "builds" a tool by writing a
 * script that reports the pinned version, records each build in a file, and can hold every build
 * until a release file exists.
 */
final class FakeGo {
  final Path bin;
  final Path builds;
  final Path started;
  final Path release;

  private FakeGo(Path bin, Path builds, Path started, Path release) {
    this.bin = bin;
    this.builds = builds;
    this.started = started;
    this.release = release;
  }

  /**
   * Writes the fake into {@code dir/bin}; builds wait for {@code dir/release} when {@code held}.
   */
  static FakeGo in(Path dir, boolean held) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path builds = dir.resolve("builds");
    Path started = dir.resolve("started");
    Path release = dir.resolve("release");
    Path moduleDir = Files.createDirectories(dir.resolve("consul-module"));
    String hold = held ? "  while [ ! -e '" + release + "' ]; do sleep 0.05; done\n" : "";
    String script =
        "#!/bin/sh\n"
            + "# fake go for litefs4j-testing's unit tests\n"
            + "fake() { # $1: output file, $2: what it reports\n"
            + "  touch '"
            + started
            + "'\n"
            + hold
            + "  echo built >> '"
            + builds
            + "'\n"
            + "  printf '#!/bin/sh\\necho \"%s\"\\n' \"$2\" > \"$1\"; chmod +x \"$1\"\n"
            + "}\n"
            + "case \"$1\" in\n"
            + "  version) echo 'go version go0.0-fake linux/amd64' ;;\n"
            + "  mod) if [ \"$2\" = download ]; then printf '{\\n\\t\"Dir\": \"%s\",\\n}\\n' '"
            + moduleDir
            + "'; fi ;;\n"
            + "  get) ;;\n"
            + "  install) fake \"$GOBIN/litefs\" 'LiteFS v0.5.14, commit=' ;;\n"
            + "  build) fake \"$3\" 'Consul v1.14.8' ;;\n"
            + "  *) echo \"fake go: unexpected $*\" >&2; exit 1 ;;\n"
            + "esac\n";
    Path go = Files.writeString(bin.resolve("go"), script);
    Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwx------"));
    return new FakeGo(bin, builds, started, release);
  }

  /** {@code PATH}: the fake first, then the system's own tools (bash, gcc, flock, sed). */
  String path() {
    return bin + ":/usr/bin:/bin";
  }

  /** How many builds ran. */
  int buildCount() throws IOException {
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  /** An executable script at {@code dir/name} that prints {@code version} for "version". */
  static Path versionScript(Path dir, String name, String version) throws IOException {
    Files.createDirectories(dir);
    Path file =
        Files.writeString(
            dir.resolve(name), "#!/bin/sh\n[ \"$1\" = version ] && echo '" + version + "'\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
