package io.github.litefs4j;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A LiteFS node answered an HTTP request with an error status. {@link #reason()} says what it means
 * for the caller; {@link #status()} and {@link #body()} keep what the node sent.
 */
public class LiteFsHttpException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** What an error status means. */
  public enum Reason {
    /** 400: LiteFS rejected the request (for example a bad database name or file). */
    INVALID_REQUEST,
    /** The call must go to the primary: import on a replica (503), handoff on a replica (500). */
    NOT_PRIMARY,
    /** Promote while the cluster has no primary to take over from (500 "no primary"). */
    NO_PRIMARY,
    /** Promote on a node that is not a candidate for the primary lease (409). */
    NOT_CANDIDATE,
    /** Export of a database the node does not have (404); see {@link #database()}. */
    DATABASE_NOT_FOUND,
    /** Any other error status. */
    OTHER
  }

  private final Reason reason;
  private final String method;
  private final URI uri;
  private final int status;
  private final String body;
  private final String database;

  /**
   * Creates the exception.
   *
   * @param reason what the status means
   * @param message what failed, naming the node and the status
   * @param method the HTTP method
   * @param uri the request URI
   * @param status the HTTP status code
   * @param body the response body (shortened), or null
   * @param database the database the request was about, or null
   * @param cause the underlying failure, or null
   */
  public LiteFsHttpException(
      Reason reason,
      String message,
      String method,
      URI uri,
      int status,
      String body,
      String database,
      Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.method = method;
    this.uri = uri;
    this.status = status;
    this.body = body == null ? "" : body;
    this.database = database;
  }

  /**
   * What the status means.
   *
   * @return the reason; {@link Reason#OTHER} for a status without a meaning of its own
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The HTTP method of the request.
   *
   * @return for example {@code "GET"}
   */
  public String method() {
    return method;
  }

  /**
   * The request URI.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The HTTP status code.
   *
   * @return for example 404
   */
  public int status() {
    return status;
  }

  /**
   * The response body as text, shortened.
   *
   * @return the body; empty if there was none
   */
  public String body() {
    return body;
  }

  /**
   * The database the request was about.
   *
   * @return the name, for example {@code "app.db"}; empty for calls not about one database
   */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }
}
