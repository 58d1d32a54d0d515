package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * {@code sock_accept}, {@code sock_recv}, {@code sock_send}, {@code sock_shutdown}: over listening
 * sockets the host handed to the guest ({@link dev.cortado.wasi.WasiConfig#withListener}) and the
 * connections accepted on them. Preview 1 has no way to open or connect a socket.
 */
final class SocketFunctions {
  private static final int RECV_PEEK = 1;
  private static final int RECV_WAITALL = 2;

  private final WasiContext ctx;

  SocketFunctions(WasiContext ctx) {
    this.ctx = ctx;
  }

  List<WasiFunction> functions() {
    return List.of(
        new WasiFunction("sock_accept", "fd flags fd_out:p", true, this::accept),
        new WasiFunction(
            "sock_recv",
            "fd ri_data:p ri_data_len ri_flags ro_datalen:p ro_flags:p",
            true,
            this::recv),
        new WasiFunction(
            "sock_send", "fd si_data:p si_data_len si_flags so_datalen:p", true, this::send),
        new WasiFunction("sock_shutdown", "fd how", true, this::shutdown));
  }

  private int accept(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.SOCK_ACCEPT);
    int flags = (int) a[1];
    int out = (int) a[2];
    if ((flags & ~Descriptor.NONBLOCK) != 0) {
      throw new ErrnoException(Errno.INVAL, "bad accept flags " + flags);
    }
    if (!(d instanceof ListeningSocket l)) {
      throw new ErrnoException(Errno.NOTSOCK, "not a listening socket");
    }
    m.check(out, 4);
    SocketChannel c = l.accept();
    if (c == null) {
      throw new ErrnoException(Errno.AGAIN, "no pending connection");
    }
    ConnectedSocket s = new ConnectedSocket(c, l.rightsInheriting() & Rights.SOCKET, flags);
    int fd;
    try {
      fd = ctx.fds().add(s);
    } catch (ErrnoException e) {
      s.close();
      throw e;
    }
    m.putI32(out, fd);
    return 0;
  }

  private int recv(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_READ);
    IoVecs vecs = IoVecs.read(m, (int) a[1], (int) a[2]);
    int flags = (int) a[3];
    int datalen = (int) a[4];
    int roFlags = (int) a[5];
    if ((flags & ~(RECV_PEEK | RECV_WAITALL)) != 0) {
      throw new ErrnoException(Errno.INVAL, "bad riflags " + flags);
    }
    if (!(d instanceof ConnectedSocket s)) {
      throw new ErrnoException(Errno.NOTSOCK, "not a socket");
    }
    m.check(datalen, 4);
    m.check(roFlags, 2);
    boolean peek = (flags & RECV_PEEK) != 0;
    boolean waitAll = (flags & RECV_WAITALL) != 0 && !peek;
    long n;
    if (peek) {
      ByteBuffer tmp = ByteBuffer.allocate((int) Math.min(vecs.total(), IoVecs.CHUNK));
      s.receive(tmp, true, false);
      tmp.flip();
      n = vecs.scatter(b -> copy(tmp, b));
    } else {
      boolean[] first = {true};
      n =
          vecs.scatter(
              b -> {
                if (!first[0] && !waitAll) {
                  return 0;
                }
                first[0] = false;
                return s.receive(b, false, waitAll);
              });
    }
    m.putI32(datalen, (int) n);
    m.putU16(roFlags, 0); // ro_flags: data_truncated never applies to a stream
    return 0;
  }

  private static int copy(ByteBuffer from, ByteBuffer to) {
    int n = Math.min(from.remaining(), to.remaining());
    ByteBuffer slice = from.duplicate();
    slice.limit(slice.position() + n);
    to.put(slice);
    from.position(from.position() + n);
    return n;
  }

  private int send(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_WRITE);
    IoVecs vecs = IoVecs.read(m, (int) a[1], (int) a[2]);
    int flags = (int) a[3];
    int datalen = (int) a[4];
    if (flags != 0) {
      throw new ErrnoException(Errno.INVAL, "bad siflags " + flags);
    }
    if (!(d instanceof ConnectedSocket s)) {
      throw new ErrnoException(Errno.NOTSOCK, "not a socket");
    }
    m.check(datalen, 4);
    long n = vecs.gather(s::send);
    m.putI32(datalen, (int) n);
    return 0;
  }

  private int shutdown(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.SOCK_SHUTDOWN);
    if (!(d instanceof ConnectedSocket s)) {
      throw new ErrnoException(Errno.NOTSOCK, "not a connected socket");
    }
    s.shutdown((int) a[1]);
    return 0;
  }
}
