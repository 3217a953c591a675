package io.github.litefs4j.spring.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A response that runs a hook once, just before its headers can be sent: when the handler asks for
 * the body stream or writer, flushes, sends an error or a redirect, or, at the latest, when the
 * request ends. The starter's hook adds the {@code __txid} cookie, read after the handler's
 * transaction committed (a handler that starts its body before committing gets the position of that
 * moment). Used by one request thread at a time.
 */
final class TxidCookieResponse extends HttpServletResponseWrapper {
  private final Consumer<HttpServletResponse> hook;
  private boolean done;

  TxidCookieResponse(HttpServletResponse response, Consumer<HttpServletResponse> hook) {
    super(response);
    this.hook = hook;
  }

  /** Runs the hook if it has not run and the response is not committed yet. */
  void beforeCommit() {
    if (!done) {
      done = true;
      if (!isCommitted()) {
        hook.accept(this);
      }
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    beforeCommit();
    return super.getOutputStream();
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    beforeCommit();
    return super.getWriter();
  }

  @Override
  public void flushBuffer() throws IOException {
    beforeCommit();
    super.flushBuffer();
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    beforeCommit();
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    beforeCommit();
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    beforeCommit();
    super.sendRedirect(location);
  }
}
