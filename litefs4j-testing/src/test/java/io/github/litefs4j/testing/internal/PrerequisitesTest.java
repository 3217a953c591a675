package io.github.litefs4j.testing.internal;

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
