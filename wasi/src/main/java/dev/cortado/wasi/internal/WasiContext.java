package dev.cortado.wasi.internal;

import dev.cortado.wasi.Preopen;
import dev.cortado.wasi.WasiClock;
import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The state of one WASI guest: its descriptor table, arguments, environment, clock and random
 * source, and the 46 functions of {@code wasi_snapshot_preview1} bound to them.
 */
public final class WasiContext implements AutoCloseable {
  private final FdTable fds = new FdTable();
  private final List<byte[]> args = new ArrayList<>();
  private final List<byte[]> env = new ArrayList<>();
  private final WasiClock clock;
  private final RandomGenerator random;
  private final PrintStream trace;
  private final List<WasiFunction> functions;

  private WasiContext(WasiConfig config) {
    this.clock = config.clock();
    this.random = config.random();
    this.trace = config.trace();
    for (String a : config.args()) {
      args.add(a.getBytes(StandardCharsets.UTF_8));
    }
    for (Map.Entry<String, String> e : config.env().entrySet()) {
      env.add((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
    }
    List<WasiFunction> all = new ArrayList<>();
    all.addAll(new ProcessFunctions(this).functions());
    all.addAll(new FdFunctions(this).functions());
    all.addAll(new FdStatFunctions(this).functions());
    all.addAll(new PathFunctions(this).functions());
    all.addAll(new PollFunctions(this).functions());
    all.addAll(new SocketFunctions(this).functions());
    this.functions = List.copyOf(all);
  }

  /**
   * Opens what {@code config} grants: stdio as descriptors 0-2, then the preopens, then the
   * listening sockets.
   */
  public static WasiContext create(WasiConfig config) throws IOException {
    return create(config, false);
  }

  /**
   * Like {@link #create(WasiConfig)}; {@code pathDirs} forces path-based directory handles even
   * where secure directory streams exist, so tests run the sandbox through both implementations.
   */
  static WasiContext create(WasiConfig config, boolean pathDirs) throws IOException {
    WasiContext ctx = new WasiContext(config);
    try {
      ctx.fds.add(new InputStreamDescriptor(config.stdin(), config.isTerminal(0)));
      ctx.fds.add(new OutputStreamDescriptor(config.stdout(), config.isTerminal(1)));
      ctx.fds.add(new OutputStreamDescriptor(config.stderr(), config.isTerminal(2)));
      for (Preopen p : config.preopens()) {
        Dir dir;
        try {
          dir =
              pathDirs
                  ? new PathDir(p.hostPath(), p.readOnly())
                  : Dir.open(p.hostPath(), p.readOnly());
        } catch (IOException e) {
          throw new IOException(
              "cannot open preopen " + p.hostPath() + " (" + p.guestPath() + "): " + e, e);
        }
        long base = Rights.DIRECTORY_BASE;
        long inheriting = Rights.DIRECTORY_INHERITING;
        if (p.readOnly()) {
          base &= ~Rights.MUTATING;
          inheriting &= ~Rights.MUTATING;
        }
        ctx.fds.add(new OpenDirectory(dir, p.guestPath(), base, inheriting));
      }
      for (ServerSocketChannel l : config.listeners()) {
        ctx.fds.add(new ListeningSocket(l));
      }
    } catch (IOException | RuntimeException e) {
      ctx.close();
      throw e;
    }
    return ctx;
  }

  public FdTable fds() {
    return fds;
  }

  public List<byte[]> args() {
    return args;
  }

  public List<byte[]> env() {
    return env;
  }

  public WasiClock clock() {
    return clock;
  }

  public RandomGenerator random() {
    return random;
  }

  /** The trace stream, or null. */
  public PrintStream trace() {
    return trace;
  }

  /** All 46 functions, in the order of the witx file's families. */
  public List<WasiFunction> functions() {
    return functions;
  }

  /** The function {@code name}; for tests. */
  public WasiFunction function(String name) {
    for (WasiFunction f : functions) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no WASI function " + name);
  }

  /** Calls function {@code name} as the guest would; returns its errno code. For tests. */
  public int call(GuestMemory memory, String name, long... args) {
    return function(name).invoke(memory, args, trace);
  }

  /** Closes every descriptor the guest still holds (embedder-owned streams stay open). */
  @Override
  public void close() throws IOException {
    List<IOException> failures = fds.closeAll();
    if (!failures.isEmpty()) {
      IOException e = new IOException("closing WASI descriptors failed");
      failures.forEach(e::addSuppressed);
      throw e;
    }
  }
}
