package io.github.litefs4j.reliability;

import io.github.litefs4j.Event;
import io.github.litefs4j.HaltException;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.Position;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.WriteRouting;
import io.github.litefs4j.internal.EventDecoder;
import io.github.litefs4j.internal.HttpCalls;
import io.github.litefs4j.internal.LagFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the fuzz and generated-input tests reach litefs4j-core: the event line decoder, the
 * {@code .lag}, {@code -pos} and {@code .primary} readers, the read-your-writes token parsers, the
 * write-routing header and the HTTP query builder, and the typed refusals each may throw. When core
 * renames or merges one of them, this file is the only one of those tests to change.
 *
 * <p>Core types used: {@code internal.EventDecoder#decode} and its {@code NotAnEventException},
 * {@code internal.LagFile#parse}, {@code internal.HttpCalls#uri}, {@link LiteFS#position(Path)}
 * (which reads {@code <db>-pos} through {@code internal.PosFile}), {@link LiteFS#lag(Path)}, {@link
 * LiteFS#primaryHostname(Path)}, {@link ReadYourWrites.Token}, {@link WriteRouting} and its {@link
 * WriteRouting.Decision}, and the refusals: {@link LiteFsMountException} with its reason ({@code
 * MALFORMED_FILE}, {@code NOT_REPLICATED}), and {@link IllegalArgumentException} for a bad token,
 * {@code Cookie} header or primary hostname. A refusal predicate checks the exact class, the reason
 * or, for {@code IllegalArgumentException}, the message that says which argument was refused, so an
 * unrelated {@code IllegalArgumentException} from a bug does not pass. Stateless, thread-safe.
 */
final class CoreUnderTest {
  private CoreUnderTest() {}

  /**
   * How the figures name an outcome: the exception's class, with the reason of a core exception
   * that carries one ({@code LiteFsMountException(MALFORMED_FILE)}).
   */
  static String outcomeName(Throwable t) {
    Object reason = null;
    if (t instanceof LiteFsMountException m) {
      reason = m.reason();
    } else if (t instanceof LiteFsProtocolException p) {
      reason = p.reason();
    } else if (t instanceof LiteFsHttpException h) {
      reason = h.reason();
    } else if (t instanceof HaltException h) {
      reason = h.reason();
    }
    String name = t.getClass().getSimpleName();
    return reason == null ? name : name + "(" + reason + ")";
  }

  // ---- event lines -----------------------------------------------------------------------------

  /** Decodes one event line (without its newline); throws the decoder's typed refusal. */
  static Event decodeEvent(byte[] line) throws Exception {
    return EventDecoder.decode(line, 0, line.length);
  }

  /** Whether {@code t} is the decoder's refusal of a line that is not an event. */
  static boolean isNotAnEvent(Throwable t) {
    return t instanceof EventDecoder.NotAnEventException;
  }

  // ---- .lag ------------------------------------------------------------------------------------

  /** Parses the content of a {@code .lag} file (ISO-8859-1, one char per byte). */
  static Duration parseLag(Path file, String content) {
    return LagFile.parse(file, content);
  }

  /** Reads the lag of a mount through the public API. */
  static Duration readLag(Path mount) {
    return LiteFS.lag(mount);
  }

  /** Whether {@code t} says that initial replication has not finished ({@code +2147483647}). */
  static boolean isNotReplicated(Throwable t) {
    return isMountRefusal(t, LiteFsMountException.Reason.NOT_REPLICATED);
  }

  // ---- -pos and .primary -----------------------------------------------------------------------

  /** Reads {@code <db>-pos} through the public API. */
  static Position readPosition(Path db) {
    return LiteFS.position(db);
  }

  /** Reads {@code .primary} of a mount through the public API. */
  static Optional<String> readPrimaryHostname(Path mount) {
    return LiteFS.primaryHostname(mount);
  }

  /** Whether {@code t} is the refusal of a LiteFS file whose content is not its format. */
  static boolean isMalformedFile(Throwable t) {
    return isMountRefusal(t, LiteFsMountException.Reason.MALFORMED_FILE);
  }

  private static boolean isMountRefusal(Throwable t, LiteFsMountException.Reason reason) {
    return t != null
        && t.getClass() == LiteFsMountException.class
        && ((LiteFsMountException) t).reason() == reason;
  }

  // ---- read-your-writes token ------------------------------------------------------------------

  /** A token as the library handles it: its TXID, its cookie value and its Set-Cookie header. */
  record Token(long txid, String value, String setCookieHeader) {}

  /** Parses a token value ({@code __txid} cookie value). */
  static Token parseToken(String value) {
    return token(ReadYourWrites.Token.parse(value));
  }

  /** Finds the token in a {@code Cookie} header; empty when there is no {@code __txid} cookie. */
  static Optional<Token> tokenFromCookieHeader(String header) {
    return ReadYourWrites.Token.fromCookieHeader(header).map(CoreUnderTest::token);
  }

  /** The token of a TXID. */
  static Token tokenOf(long txid) {
    return token(new ReadYourWrites.Token(txid));
  }

  /**
   * Whether {@code t} is the refusal of a token value or a {@code Cookie} header: exactly {@link
   * IllegalArgumentException}, saying that the token is invalid or the header too long.
   */
  static boolean isInvalidToken(Throwable t) {
    return isArgumentRefusal(t, "invalid read-your-writes token", "Cookie header too long");
  }

  private static Token token(ReadYourWrites.Token t) {
    return new Token(t.txid(), t.value(), t.setCookieHeader());
  }

  // ---- write routing and HTTP queries ----------------------------------------------------------

  /** The header a replica answers a write with, to replay it on the primary. */
  record Replay(String headerName, String headerValue) {}

  /**
   * How a replica routes a {@code POST} when {@code primaryHostname} is the primary: the replay
   * header, or empty when there is no primary to replay to. Throws on a hostname it refuses.
   */
  static Optional<Replay> replayOfWrite(String primaryHostname) {
    WriteRouting.Decision decision =
        WriteRouting.route("POST", false, Optional.of(primaryHostname));
    if (decision instanceof WriteRouting.Decision.ReplayToPrimary replay) {
      return Optional.of(new Replay(replay.headerName(), replay.headerValue()));
    }
    if (decision instanceof WriteRouting.Decision.NoPrimary) {
      return Optional.empty();
    }
    throw new AssertionError(
        "a replica's write is neither replayed nor without primary: " + decision);
  }

  /**
   * Whether {@code t} is the refusal of a primary hostname: exactly {@link
   * IllegalArgumentException}, saying that the primary hostname is unusable.
   */
  static boolean isInvalidHostname(Throwable t) {
    return isArgumentRefusal(t, "primary hostname ");
  }

  private static boolean isArgumentRefusal(Throwable t, String... messagePrefixes) {
    if (t == null || t.getClass() != IllegalArgumentException.class || t.getMessage() == null) {
      return false;
    }
    for (String prefix : messagePrefixes) {
      if (t.getMessage().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The URI the client builds for {@code GET /export?name=<name>}. */
  static URI exportUri(String name) {
    HttpCalls http =
        new HttpCalls(
            URI.create("http://127.0.0.1:20202"),
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Map.of());
    return http.uri("/export", Map.of("name", name));
  }
}
