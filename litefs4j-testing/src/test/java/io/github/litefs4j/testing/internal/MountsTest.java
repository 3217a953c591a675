package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {
  private static final String MOUNTINFO =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
          + "98 22 0:45 / /tmp/litefs4j-cluster-1/node-0/mnt rw,nosuid,nodev,relatime shared:50"
          + " - fuse litefs rw,user_id=0,group_id=0\n"
          + "99 22 0:46 / /tmp/with\\040space/mnt rw,relatime - fuse.sshfs host: rw\n"
          + "100 22 0:47 / /proc rw master:3 master:4 - proc proc rw\n"
          + "garbage line\n";

  @Test
  void parsesMountPointAndTypeAfterTheSeparatorWhateverTheOptionalFields() {
    List<Mounts.Mount> mounts = Mounts.parse(MOUNTINFO);

    assertThat(mounts)
        .containsExactly(
            new Mounts.Mount(Path.of("/"), "ext4"),
            new Mounts.Mount(Path.of("/tmp/litefs4j-cluster-1/node-0/mnt"), "fuse"),
            new Mounts.Mount(Path.of("/tmp/with space/mnt"), "fuse.sshfs"),
            new Mounts.Mount(Path.of("/proc"), "proc"));
  }

  @Test
  void fuseAndFuseSubtypesAreFuseOthersAreNot() {
    assertThat(new Mounts.Mount(Path.of("/a"), "fuse").isFuse()).isTrue();
    assertThat(new Mounts.Mount(Path.of("/a"), "fuse.litefs").isFuse()).isTrue();
    assertThat(new Mounts.Mount(Path.of("/a"), "fuseblk").isFuse()).isFalse();
    assertThat(new Mounts.Mount(Path.of("/a"), "ext4").isFuse()).isFalse();
  }

  @Test
  void unescapesKernelOctalEscapesOnly() {
    assertThat(Mounts.unescape("/a\\040b\\011c\\012d\\134e")).isEqualTo("/a b\tc\nd\\e");
    assertThat(Mounts.unescape("/plain")).isEqualTo("/plain");
    assertThat(Mounts.unescape("/not\\9octal\\04")).isEqualTo("/not\\9octal\\04");
  }

  @Test
  void theRootFileSystemOfThisMachineIsListed() {
    assertThat(Mounts.list()).extracting(Mounts.Mount::mountPoint).contains(Path.of("/"));
  }

  @Test
  void nothingIsFuseMountedOnAPlainDirectory() {
    assertThat(Mounts.isFuseMounted(Path.of("/"))).isFalse();
    assertThat(Mounts.mountsUnder(Path.of("/no/such/dir/litefs4j"))).isEmpty();
  }
}
