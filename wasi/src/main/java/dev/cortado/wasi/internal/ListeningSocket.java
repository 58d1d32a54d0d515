package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening TCP socket the host opened and handed to the guest; {@code sock_accept} uses it. */
public final class ListeningSocket extends Descriptor {
  private final ServerSocketChannel channel;

  public ListeningSocket(ServerSocketChannel channel) {
    super(Rights.LISTENER, Rights.SOCKET, 0);
    this.channel = channel;
  }

  @Override
  public int filetype() {
    return FileType.SOCKET_STREAM;
  }

  public ServerSocketChannel channel() {
    return channel;
  }

  /** Accepts a connection; null if the socket is non-blocking and none is pending. */
  public SocketChannel accept() throws IOException {
    synchronized (channel.blockingLock()) {
      channel.configureBlocking(!nonBlocking());
      return channel.accept();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
