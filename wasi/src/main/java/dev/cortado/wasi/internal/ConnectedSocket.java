package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket from {@code sock_accept}. {@code recv_peek} is served from a buffer of
 * bytes read ahead (the JDK has no {@code MSG_PEEK}); later reads take those bytes first.
 */
public final class ConnectedSocket extends Descriptor {
  private final SocketChannel channel;
  private ByteBuffer peeked = ByteBuffer.allocate(0);
  private boolean eof;

  public ConnectedSocket(SocketChannel channel, long rightsBase, int fdflags) {
    super(rightsBase, 0, fdflags);
    this.channel = channel;
  }

  @Override
  public int filetype() {
    return FileType.SOCKET_STREAM;
  }

  public SocketChannel channel() {
    return channel;
  }

  /** True if bytes read ahead by a peek are waiting. */
  public boolean hasPeeked() {
    return peeked.hasRemaining() || eof;
  }

  /**
   * Receives into {@code dst}: peeked bytes first, then one read from the socket. Returns 0 at end
   * of stream; fails with {@code again} if non-blocking and nothing is there.
   *
   * @param peek leave the bytes to be received again
   * @param waitAll keep reading until {@code dst} is full or the stream ends
   */
  public int receive(ByteBuffer dst, boolean peek, boolean waitAll) throws IOException {
    if (peek) {
      ensurePeeked(dst.remaining());
      ByteBuffer view = peeked.duplicate();
      int n = Math.min(view.remaining(), dst.remaining());
      view.limit(view.position() + n);
      dst.put(view);
      return n;
    }
    int n = 0;
    if (peeked.hasRemaining()) {
      int k = Math.min(peeked.remaining(), dst.remaining());
      ByteBuffer view = peeked.duplicate();
      view.limit(view.position() + k);
      dst.put(view);
      peeked.position(peeked.position() + k);
      n += k;
      if (!waitAll || !dst.hasRemaining()) {
        return n;
      }
    }
    while (dst.hasRemaining() && !eof) {
      int r = readOnce(dst, n == 0);
      if (r < 0) {
        eof = true;
        break;
      }
      n += r;
      if (!waitAll || r == 0) {
        break;
      }
    }
    return n;
  }

  /** Reads once; blocks unless non-blocking (then 0 or {@code again} when {@code first}). */
  private int readOnce(ByteBuffer dst, boolean first) throws IOException {
    synchronized (channel.blockingLock()) {
      channel.configureBlocking(!nonBlocking());
      int r = channel.read(dst);
      if (r == 0 && nonBlocking() && first) {
        throw new ErrnoException(Errno.AGAIN, "no data available");
      }
      return r;
    }
  }

  /** Reads ahead until {@code want} bytes are peeked, one read at most. */
  private void ensurePeeked(int want) throws IOException {
    if (peeked.remaining() >= want || eof) {
      return;
    }
    ByteBuffer more = ByteBuffer.allocate(want - peeked.remaining());
    int r = readOnce(more, !peeked.hasRemaining());
    if (r < 0) {
      eof = true;
      return;
    }
    more.flip();
    ByteBuffer joined = ByteBuffer.allocate(peeked.remaining() + more.remaining());
    joined.put(peeked).put(more).flip();
    peeked = joined;
  }

  public int send(ByteBuffer src) throws IOException {
    synchronized (channel.blockingLock()) {
      channel.configureBlocking(!nonBlocking());
      int n = channel.write(src);
      if (n == 0 && src.hasRemaining() && nonBlocking()) {
        throw new ErrnoException(Errno.AGAIN, "send buffer full");
      }
      while (!nonBlocking() && src.hasRemaining()) {
        n += channel.write(src);
      }
      return n;
    }
  }

  /** {@code sock_shutdown}: {@code how} is a set of {@code sdflags} (rd = 1, wr = 2). */
  public void shutdown(int how) throws IOException {
    if (how == 0 || (how & ~3) != 0) {
      throw new ErrnoException(Errno.INVAL, "bad sdflags: " + how);
    }
    if ((how & 1) != 0) {
      channel.shutdownInput();
    }
    if ((how & 2) != 0) {
      channel.shutdownOutput();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
