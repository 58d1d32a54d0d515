package dev.cortado.wasi.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The guest's stdin: an {@link InputStream} the embedder owns (closing the descriptor does not
 * close it). Reading blocks as the stream does; with {@code nonblock} a read with nothing {@link
 * InputStream#available() available} fails with {@code again}.
 */
public final class InputStreamDescriptor extends Descriptor {
  private final InputStream in;

  /** A byte read ahead by {@code poll_oneoff} to learn readiness, or -1. */
  private int readAhead = -1;

  private boolean eof;

  public InputStreamDescriptor(InputStream in) {
    super(Rights.STDIN, 0, 0);
    this.in = in;
  }

  @Override
  public int filetype() {
    return FileType.CHARACTER_DEVICE;
  }

  /** Reads up to {@code len} bytes; returns 0 at end of input. */
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (readAhead >= 0) {
      b[off] = (byte) readAhead;
      readAhead = -1;
      int more = Math.min(len - 1, in.available());
      int n = more > 0 ? in.read(b, off + 1, more) : 0;
      return 1 + Math.max(n, 0);
    }
    if (eof) {
      return 0;
    }
    if (nonBlocking() && in.available() <= 0) {
      throw new ErrnoException(Errno.AGAIN, "no input available");
    }
    int n = in.read(b, off, len);
    if (n < 0) {
      eof = true;
      return 0;
    }
    return n;
  }

  /** How many bytes a read would return without blocking (0 if unknown or none). */
  public long available() throws IOException {
    return (readAhead >= 0 ? 1 : 0) + Math.max(0, in.available());
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
    int b = in.read();
    if (b < 0) {
      eof = true;
      return 0;
    }
    readAhead = b;
    return available();
  }

  @Override
  public void close() {
    // The stream belongs to the embedder.
  }
}
