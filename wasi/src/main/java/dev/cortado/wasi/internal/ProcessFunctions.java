package dev.cortado.wasi.internal;

import dev.cortado.runtime.ExitException;
import dev.cortado.wasi.WasiClock;
import java.util.List;

/**
 * Arguments, environment, clocks, randomness and the process: {@code args_*}, {@code environ_*},
 * {@code clock_*}, {@code random_get}, {@code proc_exit}, {@code proc_raise}, {@code sched_yield}.
 */
final class ProcessFunctions {
  /** {@code random_get} fills memory in chunks of this size, so no guest length is allocated. */
  private static final int RANDOM_CHUNK = 64 * 1024;

  private final WasiContext ctx;

  ProcessFunctions(WasiContext ctx) {
    this.ctx = ctx;
  }

  List<WasiFunction> functions() {
    return List.of(
        new WasiFunction(
            "args_get", "argv:p argv_buf:p", true, (m, a) -> strings(m, ctx.args(), a)),
        new WasiFunction(
            "args_sizes_get", "argc:p argv_buf_size:p", true, (m, a) -> sizes(m, ctx.args(), a)),
        new WasiFunction(
            "environ_get", "environ:p environ_buf:p", true, (m, a) -> strings(m, ctx.env(), a)),
        new WasiFunction(
            "environ_sizes_get",
            "environc:p environ_buf_size:p",
            true,
            (m, a) -> sizes(m, ctx.env(), a)),
        new WasiFunction("clock_res_get", "id resolution:p", true, this::clockResGet),
        new WasiFunction("clock_time_get", "id precision:l time:p", true, this::clockTimeGet),
        new WasiFunction("random_get", "buf:p buf_len", true, this::randomGet),
        new WasiFunction("proc_exit", "rval", false, this::procExit),
        new WasiFunction("proc_raise", "sig", true, this::procRaise),
        new WasiFunction("sched_yield", "", true, (m, a) -> schedYield()));
  }

  /** {@code args_sizes_get}, {@code environ_sizes_get}: count, and bytes with NUL terminators. */
  private static int sizes(GuestMemory m, List<byte[]> strings, long[] a) {
    int countPtr = (int) a[0];
    int sizePtr = (int) a[1];
    m.check(countPtr, 4);
    m.check(sizePtr, 4);
    long bytes = 0;
    for (byte[] s : strings) {
      bytes += s.length + 1;
    }
    m.putI32(countPtr, strings.size());
    m.putI32(sizePtr, (int) bytes);
    return 0;
  }

  /**
   * {@code args_get}, {@code environ_get}: a pointer per string at {@code a[0]}, the NUL-terminated
   * strings one after another at {@code a[1]}.
   */
  private static int strings(GuestMemory m, List<byte[]> strings, long[] a) {
    int pointers = (int) a[0];
    int buffer = (int) a[1];
    long bytes = 0;
    for (byte[] s : strings) {
      bytes += s.length + 1;
    }
    m.check(pointers, 4L * strings.size());
    m.check(buffer, bytes);
    long at = GuestMemory.address(buffer);
    for (int i = 0; i < strings.size(); i++) {
      byte[] s = strings.get(i);
      m.putI32(pointers + 4 * i, (int) at);
      m.write(at, s, 0, s.length);
      m.write(at + s.length, new byte[1], 0, 1);
      at += s.length + 1;
    }
    return 0;
  }

  private static WasiClock.Id clockId(int id) {
    WasiClock.Id[] ids = WasiClock.Id.values();
    if (id < 0 || id >= ids.length) {
      throw new ErrnoException(Errno.INVAL, "unknown clock id " + Integer.toUnsignedString(id));
    }
    return ids[id];
  }

  private int clockResGet(GuestMemory m, long[] a) {
    WasiClock.Id id = clockId((int) a[0]);
    int ptr = (int) a[1];
    m.check(ptr, 8);
    m.putI64(ptr, ctx.clock().resolution(id));
    return 0;
  }

  /** The precision argument is a hint the host may ignore (witx: "maximum lag"). */
  private int clockTimeGet(GuestMemory m, long[] a) {
    WasiClock.Id id = clockId((int) a[0]);
    int ptr = (int) a[2];
    m.check(ptr, 8);
    m.putI64(ptr, ctx.clock().now(id));
    return 0;
  }

  private int randomGet(GuestMemory m, long[] a) {
    int buf = (int) a[0];
    long len = Integer.toUnsignedLong((int) a[1]);
    m.check(buf, len);
    long at = GuestMemory.address(buf);
    byte[] chunk = new byte[(int) Math.min(len, RANDOM_CHUNK)];
    for (long done = 0; done < len; ) {
      int n = (int) Math.min(chunk.length, len - done);
      if (n < chunk.length) {
        chunk = new byte[n];
      }
      ctx.random().nextBytes(chunk);
      m.write(at + done, chunk, 0, n);
      done += n;
    }
    return 0;
  }

  /** Flushes stdout and stderr, then unwinds the guest with the exit code. */
  private int procExit(GuestMemory m, long[] a) {
    flushOutputs();
    throw new ExitException((int) a[0]);
  }

  /**
   * {@code proc_raise}: the guest has no host process to signal (delivering a signal to the JVM
   * would let a guest kill or stop its host), so the signal's default POSIX action is applied to
   * the guest alone: signals that terminate end it with exit status {@code 128 + sig} (as a shell
   * reports a killed process); signals ignored by default are ignored; job-control stops cannot be
   * emulated and fail with {@code notsup}.
   */
  private int procRaise(GuestMemory m, long[] a) {
    int sig = (int) a[0];
    return switch (sig) {
      case 0 -> 0; // "none": only checks that the process exists
      case 16, 17, 22, 27 -> 0; // chld, cont, urg, winch: ignored by default
      case 18, 19, 20, 21 -> // stop, tstp, ttin, ttou
          throw new ErrnoException(Errno.NOTSUP, "cannot stop the guest");
      default -> {
        if (sig < 0 || sig > 30) {
          throw new ErrnoException(Errno.INVAL, "unknown signal " + sig);
        }
        flushOutputs();
        throw new ExitException(128 + sig);
      }
    };
  }

  private static int schedYield() {
    Thread.yield();
    return 0;
  }

  private void flushOutputs() {
    for (Descriptor d : ctx.fds().snapshot().values()) {
      if (d instanceof OutputStreamDescriptor o) {
        try {
          o.flush();
        } catch (java.io.IOException e) {
          // the guest is leaving; nothing to report it to
        }
      }
    }
  }
}
