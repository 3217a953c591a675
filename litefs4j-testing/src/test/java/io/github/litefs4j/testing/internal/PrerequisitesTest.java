package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrerequisitesTest {
  @TempDir Path tmp;

  private Path executable(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void explicitBinaryWinsOverPropertyEnvironmentAndPath() throws IOException {
    Path explicit = executable(tmp.resolve("a"), "litefs");
    Path property = executable(tmp.resolve("b"), "litefs");

    assertThat(
            Prerequisites.resolveBinary(
                explicit,
                property.toString(),
                property.toString(),
                property.getParent().toString()))
        .isEqualTo(explicit);
  }

  @Test
  void propertyWinsOverEnvironmentWhichWinsOverPath() throws IOException {
    Path property = executable(tmp.resolve("p"), "litefs");
    Path env = executable(tmp.resolve("e"), "litefs");
    Path onPath = executable(tmp.resolve("bin"), "litefs");
    String path = tmp.resolve("empty") + ":" + onPath.getParent();

    assertThat(Prerequisites.resolveBinary(null, property.toString(), env.toString(), path))
        .isEqualTo(property);
    assertThat(Prerequisites.resolveBinary(null, "  ", env.toString(), path)).isEqualTo(env);
    assertThat(Prerequisites.resolveBinary(null, null, null, path)).isEqualTo(onPath);
  }

  @Test
  void aNamedBinaryThatDoesNotExistFailsWithoutFallingBack() throws IOException {
    Path onPath = executable(tmp.resolve("bin"), "litefs");
    String missing = tmp.resolve("missing/litefs").toString();

    assertThatThrownBy(
            () -> Prerequisites.resolveBinary(null, missing, null, onPath.getParent().toString()))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("named by -Dlitefs4j.binary")
        .hasMessageContaining("run scripts/install-litefs (needs Go and gcc)");
    assertThatThrownBy(
            () -> Prerequisites.resolveBinary(null, null, missing, onPath.getParent().toString()))
        .hasMessageContaining("named by the environment variable LITEFS4J_BINARY");
  }

  @Test
  void aDirectoryOrANonExecutableFileIsNotABinary() throws IOException {
    Path plain = Files.writeString(tmp.resolve("litefs"), "text");

    assertThatThrownBy(() -> Prerequisites.resolveBinary(tmp, null, null, null))
        .hasMessageContaining("is not a regular file");
    assertThatThrownBy(() -> Prerequisites.resolveBinary(plain, null, null, null))
        .hasMessageContaining("is not executable");
  }

  @Test
  void nothingFoundSaysEverythingThatWasLookedAt() {
    String path = tmp.resolve("empty1") + ":" + tmp.resolve("empty2");

    assertThatThrownBy(() -> Prerequisites.resolveBinary(null, null, "", path))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("-Dlitefs4j.binary is not set")
        .hasMessageContaining("LITEFS4J_BINARY is not set")
        .hasMessageContaining("no executable 'litefs' on PATH (" + path + ")")
        .hasMessageContaining("run scripts/install-litefs (needs Go and gcc)");
  }

  @Test
  void missingDevFuseAndFusermountSayToInstallFuse3() {
    Path noDevice = tmp.resolve("fuse");
    String emptyPath = tmp.toString();

    assertThatThrownBy(() -> Prerequisites.checkFuse(noDevice, emptyPath))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining(noDevice + " is missing")
        .hasMessageContaining("fusermount3 is not on PATH (" + emptyPath + ")")
        .hasMessageContaining("install Debian's fuse3 (apt-get install fuse3)");
  }

  @Test
  void fuseCheckPassesWithTheDeviceAndFusermount3() throws IOException {
    Path device = Files.createFile(tmp.resolve("fuse"));
    Path bin = executable(tmp.resolve("bin"), "fusermount3").getParent();

    Prerequisites.checkFuse(device, bin.toString());
  }

  @Test
  void thisMachineHasFuse() {
    Prerequisites.checkFuse();
  }
}
