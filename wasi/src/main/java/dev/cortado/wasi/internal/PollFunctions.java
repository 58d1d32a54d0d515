package dev.cortado.wasi.internal;

import dev.cortado.wasi.WasiClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}: waits until a clock subscription expires or a descriptor is ready.
 *
 * <p>What the JVM can know about readiness: regular files are always ready (as in POSIX); stdout
 * and stderr are always writable; stdin is readable when {@link java.io.InputStream#available()}
 * says so or its end was seen; sockets are watched with a {@link Selector}. A stdin that has data
 * coming but reports none available is seen only once the data arrives, polled every {@link
 * #STEP_NANOS} while a timeout runs, or by a blocking read when there is no timeout.
 */
final class PollFunctions {
  private static final int SUBSCRIPTION_SIZE = 48;
  private static final int EVENT_SIZE = 32;
  private static final int TYPE_CLOCK = 0;
  private static final int TYPE_FD_READ = 1;
  private static final int TYPE_FD_WRITE = 2;
  private static final int SUBCLOCK_ABSTIME = 1;
  private static final int HANGUP = 1;

  /** How often pending stdin and sockets are looked at again while a timeout runs. */
  static final long STEP_NANOS = 10_000_000L;

  private final WasiContext ctx;

  PollFunctions(WasiContext ctx) {
    this.ctx = ctx;
  }

  List<WasiFunction> functions() {
    return List.of(
        new WasiFunction(
            "poll_oneoff", "in:p out:p nsubscriptions nevents:p", true, this::pollOneoff));
  }

  /** One subscription and, once it fires, its event. */
  private static final class Sub {
    long userdata;
    int type;

    /** Clock: the deadline on the monotonic clock. */
    long deadline;

    /** Fd: the descriptor, or null when the subscription already failed. */
    Descriptor fd;

    boolean fired;
    int error;
    long nbytes;
    int flags;

    void fire(int error, long nbytes, int flags) {
      this.fired = true;
      this.error = error;
      this.nbytes = nbytes;
      this.flags = flags;
    }
  }

  private int pollOneoff(GuestMemory m, long[] a) throws IOException {
    int in = (int) a[0];
    int out = (int) a[1];
    long n = Integer.toUnsignedLong((int) a[2]);
    int nevents = (int) a[3];
    if (n == 0) {
      throw new ErrnoException(Errno.INVAL, "no subscriptions");
    }
    m.check(in, n * SUBSCRIPTION_SIZE);
    m.check(out, n * EVENT_SIZE);
    m.check(nevents, 4);
    List<Sub> subs = parse(m, in, (int) n);
    try (Selector selector = needsSelector(subs) ? Selector.open() : null) {
      registerSockets(subs, selector);
      waitForEvents(subs, selector);
    }
    int count = 0;
    for (Sub s : subs) {
      if (!s.fired) {
        continue;
      }
      ByteBuffer e = ByteBuffer.allocate(EVENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      e.putLong(0, s.userdata);
      e.putShort(8, (short) s.error);
      e.put(10, (byte) s.type);
      if (s.type != TYPE_CLOCK) {
        e.putLong(16, s.nbytes);
        e.putShort(24, (short) s.flags);
      }
      m.putBytes(out + EVENT_SIZE * count, e.array());
      count++;
    }
    m.putI32(nevents, count);
    return 0;
  }

  private List<Sub> parse(GuestMemory m, int in, int n) {
    WasiClock clock = ctx.clock();
    long now = clock.now(WasiClock.Id.MONOTONIC);
    List<Sub> subs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ByteBuffer b =
          ByteBuffer.wrap(m.bytes(in + SUBSCRIPTION_SIZE * i, SUBSCRIPTION_SIZE))
              .order(ByteOrder.LITTLE_ENDIAN);
      Sub s = new Sub();
      s.userdata = b.getLong(0);
      s.type = b.get(8) & 0xFF;
      switch (s.type) {
        case TYPE_CLOCK -> parseClock(s, b, now);
        case TYPE_FD_READ, TYPE_FD_WRITE -> parseFd(s, b.getInt(16));
        default -> throw new ErrnoException(Errno.INVAL, "unknown subscription type " + s.type);
      }
      subs.add(s);
    }
    return subs;
  }

  private void parseClock(Sub s, ByteBuffer b, long now) {
    int id = b.getInt(16);
    long timeout = b.getLong(24);
    int flags = b.getShort(40) & 0xFFFF;
    if (id < 0 || id > 3 || (flags & ~SUBCLOCK_ABSTIME) != 0) {
      s.fire(Errno.INVAL.code(), 0, 0);
      return;
    }
    long relative = timeout;
    if ((flags & SUBCLOCK_ABSTIME) != 0) {
      // An absolute time on clock `id`, turned into a wait from now.
      long clockNow = ctx.clock().now(WasiClock.Id.values()[id]);
      relative = Long.compareUnsigned(timeout, clockNow) <= 0 ? 0 : timeout - clockNow;
    }
    s.deadline = relative < 0 || now + relative < now ? Long.MAX_VALUE : now + relative;
  }

  private void parseFd(Sub s, int fd) {
    Descriptor d;
    try {
      d = ctx.fds().get(fd, Rights.POLL_FD_READWRITE);
    } catch (ErrnoException e) {
      s.fire(e.errno().code(), 0, 0);
      return;
    }
    boolean read = s.type == TYPE_FD_READ;
    boolean fits =
        switch (d) {
          case InputStreamDescriptor x -> read;
          case OutputStreamDescriptor x -> !read;
          case ListeningSocket x -> read;
          case OpenFile x -> true;
          case ConnectedSocket x -> true;
          case OpenDirectory x -> false;
        };
    if (!fits) {
      s.fire(Errno.BADF.code(), 0, 0);
      return;
    }
    s.fd = d;
  }

  private static boolean needsSelector(List<Sub> subs) {
    for (Sub s : subs) {
      if (!s.fired && (s.fd instanceof ListeningSocket || s.fd instanceof ConnectedSocket)) {
        return true;
      }
    }
    return false;
  }

  private static void registerSockets(List<Sub> subs, Selector selector) throws IOException {
    if (selector == null) {
      return;
    }
    for (Sub s : subs) {
      SelectableChannel ch =
          switch (s.fd) {
            case ListeningSocket l -> l.channel();
            case ConnectedSocket c -> c.channel();
            case null, default -> null;
          };
      if (ch == null || s.fired) {
        continue;
      }
      int ops =
          s.fd instanceof ListeningSocket
              ? SelectionKey.OP_ACCEPT
              : s.type == TYPE_FD_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
      synchronized (ch.blockingLock()) {
        ch.configureBlocking(false);
        SelectionKey k = ch.keyFor(selector);
        if (k == null) {
          ch.register(selector, ops);
        } else {
          k.interestOps(k.interestOps() | ops);
        }
      }
    }
  }

  private void waitForEvents(List<Sub> subs, Selector selector) throws IOException {
    WasiClock clock = ctx.clock();
    while (true) {
      if (selector != null) {
        selector.selectNow();
      }
      boolean any = false;
      boolean stdinPending = false;
      boolean socketsPending = false;
      for (Sub s : subs) {
        if (!s.fired && s.fd != null) {
          checkReady(s, selector);
          if (!s.fired) {
            stdinPending |= s.fd instanceof InputStreamDescriptor;
            socketsPending |= !(s.fd instanceof InputStreamDescriptor);
          }
        }
        any |= s.fired;
      }
      long now = clock.now(WasiClock.Id.MONOTONIC);
      long earliest = Long.MAX_VALUE;
      for (Sub s : subs) {
        if (s.type == TYPE_CLOCK && !s.fired) {
          if (s.deadline <= now) {
            s.fire(0, 0, 0);
            any = true;
          } else {
            earliest = Math.min(earliest, s.deadline);
          }
        }
      }
      if (any) {
        return;
      }
      long remaining = earliest == Long.MAX_VALUE ? Long.MAX_VALUE : earliest - now;
      try {
        if (!stdinPending && !socketsPending) {
          clock.sleep(remaining);
        } else if (remaining == Long.MAX_VALUE && !socketsPending) {
          for (Sub s : subs) {
            if (!s.fired && s.fd instanceof InputStreamDescriptor in) {
              in.awaitInput();
              break;
            }
          }
        } else {
          long step = Math.min(remaining, STEP_NANOS);
          long before = clock.now(WasiClock.Id.MONOTONIC);
          if (socketsPending) {
            selector.select(Math.max(1, step / 1_000_000));
          } else {
            Thread.sleep(java.time.Duration.ofNanos(step));
          }
          // Time waited for real counts on the guest's clock too (a deterministic clock would
          // otherwise never reach the deadline).
          long advanced = clock.now(WasiClock.Id.MONOTONIC) - before;
          if (advanced < step && remaining != Long.MAX_VALUE) {
            clock.sleep(step - advanced);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ErrnoException(Errno.INTR, "interrupted");
      }
    }
  }

  private static void checkReady(Sub s, Selector selector) throws IOException {
    switch (s.fd) {
      case OpenFile f -> {
        long left = s.type == TYPE_FD_READ ? f.channel().size() - f.channel().position() : 0;
        s.fire(0, Math.max(0, left), 0);
      }
      case OutputStreamDescriptor o -> s.fire(0, 0, 0);
      case InputStreamDescriptor in -> {
        // A failing stream is ready (a read would fail at once): the error goes in its event,
        // not in poll_oneoff's result, which other subscriptions share.
        try {
          long avail = in.available();
          if (avail > 0) {
            s.fire(0, avail, 0);
          } else if (in.atEof()) {
            s.fire(0, 0, HANGUP);
          }
        } catch (IOException e) {
          s.fire(Errno.IO.code(), 0, 0);
        }
      }
      case ListeningSocket l -> {
        SelectionKey k = l.channel().keyFor(selector);
        if (k != null && k.isValid() && k.isAcceptable()) {
          s.fire(0, 1, 0);
        }
      }
      case ConnectedSocket c -> {
        if (s.type == TYPE_FD_READ && c.hasPeeked()) {
          s.fire(0, 0, 0);
          return;
        }
        SelectionKey k = c.channel().keyFor(selector);
        if (k != null && k.isValid()) {
          if (s.type == TYPE_FD_READ && k.isReadable()) {
            s.fire(0, 0, 0);
          } else if (s.type == TYPE_FD_WRITE && k.isWritable()) {
            s.fire(0, 0, 0);
          }
        }
      }
      case OpenDirectory d -> s.fire(Errno.BADF.code(), 0, 0);
    }
  }
}
