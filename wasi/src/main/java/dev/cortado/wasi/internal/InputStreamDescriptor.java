package dev.cortado.wasi.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The guest's stdin: an {@link InputStream} the embedder owns (closing the descriptor does not
 * close it). Reading blocks as the stream does; with {@code nonblock} a read with nothing {@link
 * InputStream#available() available} fails with {@code again}. A read that would block goes through
 * an {@link InputPump} (and so do all later ones), so that an interrupted guest's wait ends
 * promptly.
 */
public final class InputStreamDescriptor extends Descriptor {
  private final InputStream in;

  /** A byte read ahead by {@code poll_oneoff} to learn readiness, or -1. */
  private int readAhead = -1;

  private boolean eof;

  /** Reads the stream once a read would have blocked; null before. */
  private InputPump pump;

  /** A terminal is a character device; any other stream's type is unknown (as in wasmtime). */
  private final boolean terminal;

  public InputStreamDescriptor(InputStream in, boolean terminal) {
    super(Rights.STDIN, 0, 0);
    this.in = in;
    this.terminal = terminal;
  }

  @Override
  public int filetype() {
    return terminal ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
  }

  /** Reads up to {@code len} bytes; returns 0 at end of input. */
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (readAhead >= 0) {
      b[off] = (byte) readAhead;
      readAhead = -1;
      int more = Math.min(len - 1, streamAvailable());
      int n = more > 0 ? blockingRead(b, off + 1, more) : 0;
      return 1 + Math.max(n, 0);
    }
    if (eof) {
      return 0;
    }
    if (nonBlocking() && streamAvailable() <= 0) {
      throw new ErrnoException(Errno.AGAIN, "no input available");
    }
    int n = blockingRead(b, off, len);
    if (n < 0) {
      eof = true;
      return 0;
    }
    return n;
  }

  /** How many bytes a read would return without blocking (0 if unknown or none). */
  public long available() throws IOException {
    return (readAhead >= 0 ? 1 : 0) + Math.max(0, streamAvailable());
  }

  /** True once end of input was seen. */
  public boolean atEof() {
    return eof && readAhead < 0;
  }

  /**
   * Blocks until input or its end arrives (for {@code poll_oneoff} without a timeout); returns the
   * bytes then available, 0 at end.
   */
  public long awaitInput() throws IOException {
    if (readAhead >= 0 || eof) {
      return available();
    }
    byte[] one = new byte[1];
    int b = blockingRead(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    if (b < 0) {
      eof = true;
      return 0;
    }
    readAhead = b;
    return available();
  }

  private int streamAvailable() throws IOException {
    return pump != null ? pump.available() : in.available();
  }

  /** Reads directly while that cannot block, through the pump from the first read that could. */
  private int blockingRead(byte[] b, int off, int len) throws IOException {
    if (pump == null) {
      if (in.available() > 0) {
        return in.read(b, off, len);
      }
      pump = new InputPump(in, "cortado-wasi-stdin");
    }
    return pump.read(b, off, len);
  }

  @Override
  public void close() {
    // The stream belongs to the embedder.
  }
}
