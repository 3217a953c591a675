package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and caps on a directory laid out like a mount; the real cluster is in the ITs. */
class ReadYourWritesTest {
  @TempDir Path tmp;
  FakeMount mount;
  ReadYourWrites ryw;

  @BeforeEach
  void setUp() {
    mount = new FakeMount(tmp);
    mount.setPosition("app.db", new Position(0x10, 0xabc));
    ryw = ReadYourWrites.builder(mount.database("app.db")).maxWait(Duration.ofMillis(300)).build();
  }

  @Test
  void tokenAfterWriteIsTheDatabasesTxid() {
    ReadYourWrites.Token token = ryw.tokenAfterWrite();
    assertThat(token.value()).isEqualTo("0000000000000010");
    assertThat(token.setCookieHeader()).startsWith("__txid=0000000000000010;");
  }

  @Test
  void tokenAfterWriteOnAnAbsentDatabaseIsDatabaseNotFound() {
    ReadYourWrites other = ReadYourWrites.builder(mount.database("nope.db")).build();
    assertThatThrownBy(other::tokenAfterWrite)
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.DATABASE_NOT_FOUND);
  }

  @Test
  void aReachedTokenReturnsAtOnce() {
    assertThat(ryw.awaitToken("0000000000000010")).isEqualTo(new Position(0x10, 0xabc));
    assertThat(ryw.awaitCookieHeader("x=1; __txid=000000000000000f"))
        .contains(new Position(0x10, 0xabc));
  }

  @Test
  void noCookieMeansNoWait() {
    assertThat(ryw.awaitCookieHeader(null)).isEmpty();
    assertThat(ryw.awaitCookieHeader("session=abc")).isEmpty();
  }

  @Test
  void waitsUntilTheNodeAppliesTheToken() throws Exception {
    ReadYourWrites patient =
        ReadYourWrites.builder(mount.database("app.db")).maxWait(Duration.ofSeconds(30)).build();
    CompletableFuture<Position> waiting =
        CompletableFuture.supplyAsync(() -> patient.awaitToken(new ReadYourWrites.Token(0x11)));
    mount.setPosition("app.db", new Position(0x11, 0xdef));
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(0x11, 0xdef));
  }

  @Test
  void aFarFutureTokenWaitsNoLongerThanTheCap() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> ryw.awaitToken("ffffffffffffffff"))
        .isInstanceOf(PositionTimeoutException.class)
        .satisfies(
            e ->
                assertThat(((PositionTimeoutException) e).timeout())
                    .isEqualTo(Duration.ofMillis(300)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(300))
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aRequestedWaitLongerThanTheCapIsCut() {
    assertThatThrownBy(() -> ryw.awaitToken(new ReadYourWrites.Token(0x99), Duration.ofHours(1)))
        .isInstanceOf(PositionTimeoutException.class)
        .satisfies(
            e ->
                assertThat(((PositionTimeoutException) e).timeout())
                    .isEqualTo(Duration.ofMillis(300)));
  }

  @Test
  void aRequestedWaitShorterThanTheCapIsKept() {
    assertThatThrownBy(() -> ryw.awaitToken(new ReadYourWrites.Token(0x99), Duration.ofMillis(20)))
        .isInstanceOf(PositionTimeoutException.class)
        .satisfies(
            e ->
                assertThat(((PositionTimeoutException) e).timeout())
                    .isEqualTo(Duration.ofMillis(20)));
  }

  @Test
  @Timeout(30)
  void malformedTokensAreRejectedNotWaitedOn() {
    ReadYourWrites patient =
        ReadYourWrites.builder(mount.database("app.db")).maxWait(Duration.ofHours(1)).build();
    // Were these waited on, the test would hang for an hour instead of failing fast.
    assertThatThrownBy(() -> patient.awaitToken("fffffffffffffff"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> patient.awaitToken("ffffffffffffffff\r\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> patient.awaitCookieHeader("__txid=; a=b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configurationIsValidated() {
    ReadYourWrites.Builder builder = ReadYourWrites.builder(mount.database("app.db"));
    assertThatThrownBy(() -> builder.maxWait(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWait must be positive: PT0S");
    assertThatThrownBy(() -> ryw.awaitToken(new ReadYourWrites.Token(1), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
    assertThat(ReadYourWrites.builder(mount.database("app.db")).build().maxWait())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void buildCopiesTheConfiguration() {
    ReadYourWrites.Builder builder =
        ReadYourWrites.builder(mount.database("app.db")).maxWait(Duration.ofSeconds(1));
    ReadYourWrites built = builder.build();
    builder.maxWait(Duration.ofSeconds(9));
    assertThat(built.maxWait()).isEqualTo(Duration.ofSeconds(1));
  }
}
