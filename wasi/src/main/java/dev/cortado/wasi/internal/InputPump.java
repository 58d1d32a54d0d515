package dev.cortado.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads an {@link InputStream} on a daemon thread of its own, so that a guest waiting for input can
 * be woken: a thread blocked in {@code FileInputStream.read} (a pipe, a terminal) ignores {@link
 * Thread#interrupt()}, but one waiting on this pump's queue does not (docs/limits.md). The pump
 * starts only when a read would block; from then on every read goes through it, so bytes stay in
 * order. If the guest is stopped, the pump thread stays blocked in the stream until input or its
 * end arrives.
 */
final class InputPump {
  private static final int CHUNK = 64 * 1024;

  /** A queued end of input. */
  private static final byte[] END = new byte[0];

  /** A failed read of the stream. */
  private record Failure(IOException error) {}

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  InputPump(InputStream in, String name) {
    Thread t = new Thread(() -> pump(in), name);
    t.setDaemon(true);
    t.start();
  }

  private void pump(InputStream in) {
    try {
      while (true) {
        byte[] buf = new byte[CHUNK];
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          queue.put(new Failure(e));
          return;
        }
        if (n < 0) {
          queue.put(END);
          return;
        }
        if (n > 0) {
          queue.put(Arrays.copyOf(buf, n));
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts the pump; if someone does, it stops.
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads up to {@code len} bytes, waiting for at least one; returns -1 at the end of input. Throws
   * {@link InterruptedIOException} if the waiting thread is interrupted.
   */
  int read(byte[] b, int off, int len) throws IOException {
    if (!fill(true)) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  /** The bytes a read would return without waiting. */
  int available() throws IOException {
    fill(false);
    return current.length - position;
  }

  /** Whether the end of input has been reached (and every byte before it read). */
  boolean atEnd() throws IOException {
    fill(false);
    return ended && position == current.length;
  }

  /** Makes bytes current if there are any (waiting for them if {@code wait}); false at the end. */
  private boolean fill(boolean wait) throws IOException {
    while (position == current.length && !ended) {
      Object next;
      try {
        next = wait ? queue.take() : queue.poll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for input");
      }
      if (next == null) {
        return true;
      }
      if (next == END) {
        ended = true;
      } else if (next instanceof Failure f) {
        ended = true;
        throw f.error();
      } else {
        current = (byte[]) next;
        position = 0;
      }
    }
    return !(ended && position == current.length);
  }
}
