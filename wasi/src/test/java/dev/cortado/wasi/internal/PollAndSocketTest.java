package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cortado.wasi.WasiClock;
import dev.cortado.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class PollAndSocketTest {
  @TempDir Path dir;

  /** Lays out subscriptions: {type, fd-or-clock, timeout} each; returns the pointer. */
  private static int subscriptions(TestGuest g, long[]... subs) {
    int p = g.alloc(48 * subs.length);
    for (int i = 0; i < subs.length; i++) {
      int s = p + 48 * i;
      g.memory.putI64(s, 100 + i); // userdata
      g.memory.putU8(s + 8, (int) subs[i][0]);
      g.memory.putI32(s + 16, (int) subs[i][1]);
      if (subs[i][0] == 0) {
        g.memory.putI64(s + 24, subs[i][2]);
        g.memory.putU16(s + 40, subs[i].length > 3 ? (int) subs[i][3] : 0);
      }
    }
    return p;
  }

  private record Event(long userdata, int error, int type, long nbytes, int flags) {}

  private static Event[] poll(TestGuest g, long[]... subs) {
    int in = subscriptions(g, subs);
    int out = g.alloc(32 * subs.length);
    int n = g.alloc(4);
    assertThat(g.call("poll_oneoff", in, out, subs.length, n)).isZero();
    Event[] events = new Event[g.i32(n)];
    for (int i = 0; i < events.length; i++) {
      int e = out + 32 * i;
      events[i] =
          new Event(
              g.i64(e),
              g.memory.u16(e + 8),
              g.memory.u8(e + 10),
              g.i64(e + 16),
              g.memory.u16(e + 24));
    }
    return events;
  }

  @Test
  void clockSubscriptionSleepsOnTheInjectedClock() throws IOException {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    WasiClock clock = WasiClock.deterministic(start, Duration.ofNanos(1));
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withClock(clock))) {
      int t = g.alloc(8);
      g.call("clock_time_get", 1, 0L, t);
      long before = g.i64(t);
      Event[] e = poll(g, new long[] {0, 1, 5_000_000_000L});
      assertThat(e).containsExactly(new Event(100, 0, 0, 0, 0));
      g.call("clock_time_get", 1, 0L, t);
      assertThat(g.i64(t) - before).isGreaterThanOrEqualTo(5_000_000_000L);
      // Two clocks: only the earlier fires. An absolute time already past fires at once.
      e = poll(g, new long[] {0, 1, 9_000_000_000L}, new long[] {0, 1, 1_000_000L});
      assertThat(e).extracting(Event::userdata).containsExactly(101L);
      e = poll(g, new long[] {0, 0, 1L, 1});
      assertThat(e).extracting(Event::userdata).containsExactly(100L);
      // A bad clock id is an event error, not a call error.
      e = poll(g, new long[] {0, 9, 1L});
      assertThat(e).containsExactly(new Event(100, Errno.INVAL.code(), 0, 0, 0));
    }
  }

  @Test
  void realClockSleeps() throws IOException {
    try (TestGuest g = new TestGuest(WasiConfig.defaults())) {
      long t0 = System.nanoTime();
      poll(g, new long[] {0, 1, 50_000_000L});
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(50_000_000L);
    }
  }

  @Test
  void filesAndStdoutAreAlwaysReady() throws IOException {
    Files.writeString(dir.resolve("f"), "0123456789");
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int fd = g.open(3, "f", 0, Rights.FILE_BASE, 0);
      g.read(fd, 3);
      Event[] e =
          poll(g, new long[] {1, fd}, new long[] {2, 1}, new long[] {0, 1, 10_000_000_000L});
      assertThat(e)
          .containsExactlyInAnyOrder(new Event(100, 0, 1, 7, 0), new Event(101, 0, 2, 0, 0));
      // Bad descriptors and descriptors without the poll right give event errors.
      e = poll(g, new long[] {1, 42}, new long[] {1, 3});
      assertThat(e)
          .containsExactly(
              new Event(100, Errno.BADF.code(), 1, 0, 0),
              new Event(101, Errno.NOTCAPABLE.code(), 1, 0, 0));
      int out = g.alloc(32);
      int n = g.alloc(4);
      assertThat(g.call("poll_oneoff", subscriptions(g), out, 0, n)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("poll_oneoff", TestGuest.MEMORY_SIZE - 10, out, 1, n))
          .isEqualTo(Errno.FAULT.code());
    }
  }

  @Test
  void stdinReadinessAndHangup() throws IOException {
    InputStream in = new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8));
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withStdin(in))) {
      assertThat(poll(g, new long[] {1, 0})).containsExactly(new Event(100, 0, 1, 3, 0));
      assertThat(g.read(0, 10)).isEqualTo("abc");
      assertThat(g.read(0, 10)).isEmpty();
      assertThat(poll(g, new long[] {1, 0})).containsExactly(new Event(100, 0, 1, 0, 1));
    }
  }

  @Test
  void pipedStdinWakesAPollWithoutTimeout() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(feed);
    // The writer stays alive until the end: a PipedInputStream whose writer thread died fails
    // reads with "Write end dead" (a broken pipe, tested below), not an empty pipe.
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withStdin(in))) {
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      Thread.sleep(50);
                      feed.write("late".getBytes(StandardCharsets.UTF_8));
                      feed.flush();
                      done.await();
                    } catch (IOException | InterruptedException e) {
                      throw new RuntimeException(e);
                    }
                  });
      Event[] e = poll(g, new long[] {1, 0});
      assertThat(e).hasSize(1);
      assertThat(e[0].nbytes()).isPositive();
      assertThat(g.read(0, 10)).isEqualTo("late");
      // With a timeout and nothing coming, the clock fires.
      e = poll(g, new long[] {1, 0}, new long[] {0, 1, 30_000_000L});
      assertThat(e).extracting(Event::userdata).containsExactly(101L);
      // Non-blocking stdin with nothing there: again.
      assertThat(g.call("fd_fdstat_set_flags", 0, Descriptor.NONBLOCK)).isZero();
      int buf = g.alloc(4);
      int n = g.alloc(4);
      assertThat(g.call("fd_read", 0, g.iovecs(buf, 4), 1, n)).isEqualTo(Errno.AGAIN.code());
      // The writer goes away without closing: the stream fails, and the poll reports it in the
      // event rather than failing as a whole.
      done.countDown();
      writer.join();
      assertThat(g.call("fd_fdstat_set_flags", 0, 0)).isZero();
      e = poll(g, new long[] {1, 0}, new long[] {0, 1, 30_000_000_000L});
      assertThat(e)
          .extracting(Event::userdata, Event::error)
          .containsExactly(tuple(100L, Errno.IO.code()));
    }
  }

  @Test
  void acceptReceiveSendShutdown() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      try (TestGuest g =
          new TestGuest(WasiConfig.defaults().withPreopen(dir, ".").withListener(server))) {
        int listener = 4;
        int st = g.alloc(24);
        assertThat(g.call("fd_fdstat_get", listener, st)).isZero();
        assertThat(g.memory.u8(st)).isEqualTo(FileType.SOCKET_STREAM);
        int fdOut = g.alloc(4);
        assertThat(g.call("fd_fdstat_set_flags", listener, Descriptor.NONBLOCK)).isZero();
        assertThat(g.call("sock_accept", listener, 0, fdOut)).isEqualTo(Errno.AGAIN.code());
        assertThat(g.call("sock_accept", listener, 1, fdOut)).isEqualTo(Errno.INVAL.code());
        assertThat(g.call("sock_accept", 3, 0, fdOut)).isEqualTo(Errno.NOTCAPABLE.code());
        try (Socket client = new Socket("127.0.0.1", port)) {
          OutputStream toGuest = client.getOutputStream();
          InputStream fromGuest = client.getInputStream();
          // Wait for the connection to be acceptable.
          assertThat(poll(g, new long[] {1, listener})).extracting(Event::userdata).contains(100L);
          assertThat(g.call("sock_accept", listener, 0, fdOut)).isZero();
          int conn = g.i32(fdOut);
          toGuest.write("ping".getBytes(StandardCharsets.UTF_8));
          toGuest.flush();
          assertThat(poll(g, new long[] {1, conn})).extracting(Event::userdata).contains(100L);
          int buf = g.alloc(16);
          int len = g.alloc(4);
          int flags = g.alloc(2);
          int iov = g.iovecs(buf, 16);
          assertThat(g.call("sock_recv", conn, iov, 1, 1, len, flags)).isZero(); // peek
          String peeked = g.string(buf, g.i32(len));
          assertThat("ping").startsWith(peeked);
          // waitall: blocks until the 4-byte buffer is full.
          assertThat(g.call("sock_recv", conn, g.iovecs(buf, 4), 1, 2, len, flags)).isZero();
          assertThat(g.string(buf, g.i32(len))).isEqualTo("ping");
          int data = g.str("pong");
          assertThat(g.call("sock_send", conn, g.iovecs(data, 4), 1, 0, len)).isZero();
          assertThat(g.i32(len)).isEqualTo(4);
          assertThat(fromGuest.readNBytes(4)).isEqualTo("pong".getBytes(StandardCharsets.UTF_8));
          assertThat(g.write(conn, "fd_write works")).isEqualTo(14);
          assertThat(fromGuest.readNBytes(14))
              .isEqualTo("fd_write works".getBytes(StandardCharsets.UTF_8));
          assertThat(g.call("sock_shutdown", conn, 2)).isZero();
          assertThat(fromGuest.read()).isEqualTo(-1);
          assertThat(g.call("sock_shutdown", conn, 4)).isEqualTo(Errno.INVAL.code());
          client.shutdownOutput();
          assertThat(g.call("sock_recv", conn, iov, 1, 0, len, flags)).isZero();
          assertThat(g.i32(len)).isZero();
          assertThat(g.call("sock_send", conn, g.iovecs(data, 4), 1, 1, len))
              .isEqualTo(Errno.INVAL.code());
        }
        int file = g.open(3, "f", PathFunctions.O_CREAT, Rights.FILE_BASE, 0);
        int len = g.alloc(4);
        int flags = g.alloc(2);
        assertThat(g.call("sock_recv", file, g.iovecs(g.alloc(4), 4), 1, 0, len, flags))
            .isEqualTo(Errno.NOTSOCK.code());
        assertThat(g.call("sock_send", file, g.iovecs(g.alloc(4), 4), 1, 0, len))
            .isEqualTo(Errno.NOTSOCK.code());
        assertThat(g.call("sock_send", 99, g.iovecs(g.alloc(4), 4), 1, 0, len))
            .isEqualTo(Errno.BADF.code());
        assertThat(g.call("sock_recv", 99, g.iovecs(g.alloc(4), 4), 1, 0, len, flags))
            .isEqualTo(Errno.BADF.code());
        assertThat(g.call("sock_shutdown", 1, 1)).isEqualTo(Errno.NOTCAPABLE.code());
        assertThat(g.call("sock_shutdown", 99, 1)).isEqualTo(Errno.BADF.code());
      }
      assertThat(server.isOpen()).isFalse();
    }
  }
}
