package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the helpers that put data into HTTP refuse: a primary hostname that would inject into the
 * {@code fly-replay} header, header names and values with CR/LF, tokens that would make a request
 * wait longer than the server's cap, and database names that would escape their query parameter.
 * The generated cases are seeded parameterized tests (10,000 inputs each, x100 with {@code
 * -Dlitefs4j.long=true}; see {@link Seeds}); the rest are examples.
 */
class SecurityTest {
  static final int TRIES = 10_000;
  private static final Pattern SAFE_REPLAY = Pattern.compile("instance=[A-Za-z0-9._-]{1,253}");
  private static final String INJECTION_CHARS = "\r\n\t \u0000;,=\"\\:/\u007f\u0085\u2028é";
  private static long hostnamesTried;
  private static long replays;
  private static long refusedHosts;
  private static long namesChecked;
  private static long headersRefused;

  /** A hostname: plausible, with injection characters, long, or random. */
  static String hostname(Random r) {
    String base = "node-" + r.nextInt(100) + ".internal";
    return switch (r.nextInt(5)) {
      case 0 -> base;
      case 1 -> {
        int at = r.nextInt(base.length() + 1);
        char c = INJECTION_CHARS.charAt(r.nextInt(INJECTION_CHARS.length()));
        yield base.substring(0, at) + c + base.substring(at);
      }
      case 2 -> base + "\r\nSet-Cookie: session=stolen";
      case 3 -> "a".repeat(240 + r.nextInt(30));
      default -> Garbage.text(r, r.nextInt(30));
    };
  }

  static Stream<Seeds.Case> cases() {
    return Seeds.cases(TRIES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aReplayHeaderNeverCarriesAnythingButASafeHostname(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> replayIsSafe(hostname(r)));
  }

  private static void replayIsSafe(String hostname) {
    hostnamesTried++;
    Optional<CoreUnderTest.Replay> decision;
    try {
      decision = CoreUnderTest.replayOfWrite(hostname);
    } catch (RuntimeException e) {
      assertThat(e)
          .matches(
              CoreUnderTest::isInvalidHostname,
              "is IllegalArgumentException refusing the hostname");
      refusedHosts++;
      assertThat(e.getMessage()).doesNotContain("\r", "\n");
      return;
    }
    if (decision.isPresent()) {
      CoreUnderTest.Replay replay = decision.get();
      replays++;
      assertThat(replay.headerName()).isEqualTo("fly-replay");
      assertThat(SAFE_REPLAY.matcher(replay.headerValue()).matches())
          .as("%s", Texts.printable(replay.headerValue()))
          .isTrue();
    } else {
      assertThat(hostname).isEmpty(); // no primary: only for an empty hostname
    }
  }

  /** A database name: plain, with URI syntax, with control characters, long. */
  static String name(Random r) {
    String[] tricky = {
      "a.db&name=other.db",
      "a.db#frag",
      "../../etc/passwd",
      "a b.db",
      "a+b.db",
      "a%26b.db",
      "a.db?x=1",
      "a.db\r\nHost: evil",
      "%00",
      "é.db",
      "😀.db",
      "=",
      "&"
    };
    return switch (r.nextInt(3)) {
      case 0 -> tricky[r.nextInt(tricky.length)] + r.nextInt(10);
      case 1 -> Garbage.text(r, 1 + r.nextInt(40));
      default -> {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
          s.append((char) r.nextInt(0x80));
        }
        yield s.toString();
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aDatabaseNameStaysInsideItsQueryParameter(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> nameStaysInItsParameter(name(r)));
  }

  private static void nameStaysInItsParameter(String name) {
    URI uri = CoreUnderTest.exportUri(name);
    assertNameIsTheOnlyParameter(uri.getRawPath(), uri.getRawQuery(), name);
    assertThat(uri.getRawFragment()).isNull();
    namesChecked++;
  }

  static void assertNameIsTheOnlyParameter(String rawPath, String rawQuery, String name) {
    assertThat(rawPath).isEqualTo("/export");
    assertThat(rawQuery).startsWith("name=");
    String encoded = rawQuery.substring("name=".length());
    assertThat(encoded).as("%s", Texts.printable(name)).matches("[A-Za-z0-9%._*~-]*");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aClientHeaderWithControlCharactersIsRefused(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> headerWithControlCharactersIsRefused(hostname(r)));
  }

  private static void headerWithControlCharactersIsRefused(String value) {
    boolean control = value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    try {
      LiteFsClient.builder().header("X-Forwarded-Host", value);
      assertThat(control).as("accepted %s", Texts.printable(value)).isFalse();
    } catch (IllegalArgumentException e) {
      headersRefused++;
      assertThat(control).as("refused %s", Texts.printable(value)).isTrue();
    }
  }

  @AfterAll
  static void report() {
    Figures.of("SecurityTest")
        .put("runSeed", Seeds.hex(Seeds.runSeed()))
        .put("hostnames", hostnamesTried)
        .put("replayHeaders", replays)
        .put("refusedHostnames", refusedHosts)
        .put("databaseNames", namesChecked)
        .put("clientHeadersRefused", headersRefused)
        .report();
  }

  // ---- examples --------------------------------------------------------------------------------

  @Test
  void headerNamesThatAreNotTokensAreRefused() {
    for (String name : new String[] {"", "X Y", "X:Y", "X\r\nY", "Ü", "X(Y)"}) {
      assertThatThrownBy(() -> LiteFsClient.builder().header(name, "v"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aCookieHeaderTooLongToSearchIsRefusedNotScanned() {
    String huge = "a=b; ".repeat(20_000) + "__txid=0000000000000001";
    assertThatThrownBy(() -> ReadYourWrites.Token.fromCookieHeader(huge))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cookie header too long");
  }

  @Test
  void noTokenAndNoRequestedWaitMakesARequestWaitLongerThanTheCap(@TempDir Path mount)
      throws IOException {
    Files.writeString(mount.resolve(".lag"), "+0000000000\n");
    Path db = mount.resolve("app.db");
    Files.writeString(mount.resolve("app.db-pos"), new Position(5, 7) + "\n");
    Duration cap = Duration.ofMillis(300);
    ReadYourWrites ryw = ReadYourWrites.builder(db).maxWait(cap).build();
    ReadYourWrites.Token farAhead =
        new ReadYourWrites.Token(-1L); // ffffffffffffffff: never reached

    for (Runnable wait :
        new Runnable[] {
          () -> ryw.awaitToken(farAhead),
          () -> ryw.awaitToken(farAhead, Duration.ofDays(365)),
          () -> ryw.awaitToken("ffffffffffffffff"),
          () -> ryw.awaitCookieHeader("a=b; __txid=ffffffffffffffff")
        }) {
      long start = System.nanoTime();
      assertThatThrownBy(wait::run)
          .isInstanceOfSatisfying(
              PositionTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(cap));
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(tookMs).isBetween(cap.toMillis() - 10, cap.toMillis() + 3_000);
    }
    // A malformed token is refused before any wait.
    assertThatThrownBy(() -> ryw.awaitToken("ffffffffffffffff\r\n"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid read-your-writes token");
  }

  @Test
  void databaseNamesSentToARealServerStayInTheirParameter() throws Exception {
    try (FakeHttpServer server =
        FakeHttpServer.start(
            ex -> {
              ex.drainBody();
              ex.respond(404, "database not found");
            })) {
      LiteFsClient client = LiteFsClient.create(server.uri());
      String[] names = {"a.db&name=b.db", "a b#c.db", "../x.db", "a.db\r\nX-Injected: 1", "é😀.db"};
      for (String name : names) {
        assertThatThrownBy(() -> client.exportDatabase(name, new ByteArrayOutputStream()))
            .isInstanceOf(LiteFsHttpException.class)
            .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.DATABASE_NOT_FOUND);
        String head = server.takeRequest(5, TimeUnit.SECONDS).orElse(null);
        assertThat(head).isNotNull();
        assertThat(head.split("\r\n"))
            .as("no header was injected")
            .noneMatch(line -> line.startsWith("X-Injected"));
        String target = head.substring(4, head.indexOf(" HTTP/1.1\r\n"));
        URI uri = URI.create(target);
        assertNameIsTheOnlyParameter(uri.getRawPath(), uri.getRawQuery(), name);
      }
    }
  }
}
