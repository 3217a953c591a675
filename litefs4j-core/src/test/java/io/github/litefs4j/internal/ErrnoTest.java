package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrnoTest {
  @Test
  void namesTheNumbersAHaltCanMeet() {
    assertThat(Errno.name(2)).isEqualTo("ENOENT");
    assertThat(Errno.name(5)).isEqualTo("EIO");
    assertThat(Errno.name(22)).isEqualTo("EINVAL");
    assertThat(Errno.name(37)).isEqualTo("ENOLCK");
    assertThat(Errno.name(38)).isEqualTo("ENOSYS");
    assertThat(Errno.name(512)).isEqualTo("ERESTARTSYS");
    assertThat(Errno.name(4)).isEqualTo("EINTR");
    assertThat(Errno.name(99)).isEqualTo("errno 99");
  }

  @Test
  void describesWhatEachMeansForAHalt() {
    assertThat(Errno.describe(2)).startsWith("ENOENT (2): database does not exist on this node");
    assertThat(Errno.describe(38)).contains("ENOSYS (38)").contains("byte 72");
    assertThat(Errno.describe(22)).contains("EINVAL (22)").contains("byte 72, length 1");
    assertThat(Errno.describe(37)).contains("already holds or is already waiting");
    assertThat(Errno.describe(5)).contains("EIO (5)").contains("10 s acquire timeout");
    assertThat(Errno.describe(107)).contains("LiteFS exited");
    assertThat(Errno.describe(99)).isEqualTo("errno 99 (99): unexpected error");
  }
}
