package dev.cortado.wasi.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The guest's stdout or stderr: an {@link OutputStream} the embedder owns (closing the descriptor
 * does not close it). Each {@code fd_write} is flushed, so the embedder sees output as the guest
 * writes it (the guest's C library does its own buffering).
 */
public final class OutputStreamDescriptor extends Descriptor {
  private final OutputStream out;

  /** A terminal is a character device; any other stream's type is unknown (as in wasmtime). */
  private final boolean terminal;

  public OutputStreamDescriptor(OutputStream out, boolean terminal) {
    super(Rights.STDOUT, 0, 0);
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public int filetype() {
    return terminal ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
  }

  @Override
  public void setFdflags(int flags) {
    // Appending is what a stream does anyway; nonblock never blocks an in-memory stream.
    if ((flags & ~(NONBLOCK | APPEND)) != 0) {
      throw new ErrnoException(Errno.NOTSUP, "fdflags not supported on a stream: " + flags);
    }
    storeFdflags(flags);
  }

  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
