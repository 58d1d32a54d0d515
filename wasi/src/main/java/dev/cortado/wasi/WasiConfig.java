package dev.cortado.wasi;

import dev.cortado.wasi.internal.HostTerminals;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a WASI guest is given: immutable, each {@code with*} returns a changed copy. A guest sees
 * only these arguments, these environment variables, these directories, streams and sockets; {@link
 * #defaults()} gives it nothing (no arguments, no environment, no directories, empty stdin, stdout
 * and stderr discarded).
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.defaults()
 *     .withArgs("wc", "/data/words.txt")
 *     .withEnv("LANG", "C")
 *     .withReadOnlyPreopen(Path.of("/srv/data"), "/data")
 *     .withInheritedStdio();
 * }</pre>
 */
public final class WasiConfig {
  private final List<String> args;
  private final Map<String, String> env;
  private final List<Preopen> preopens;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final WasiClock clock;
  private final RandomGenerator random;
  private final List<ServerSocketChannel> listeners;
  private final PrintStream trace;

  /** Which stdio streams are terminals: bit 0 stdin, bit 1 stdout, bit 2 stderr. */
  private final int terminals;

  private WasiConfig(
      List<String> args,
      Map<String, String> env,
      List<Preopen> preopens,
      InputStream stdin,
      OutputStream stdout,
      OutputStream stderr,
      WasiClock clock,
      RandomGenerator random,
      List<ServerSocketChannel> listeners,
      PrintStream trace,
      int terminals) {
    this.args = List.copyOf(args);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.preopens = List.copyOf(preopens);
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.stderr = Objects.requireNonNull(stderr, "stderr");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.listeners = List.copyOf(listeners);
    this.trace = trace;
    this.terminals = terminals;
  }

  /** Nothing granted; the system clock and a {@link SecureRandom}. */
  public static WasiConfig defaults() {
    return new WasiConfig(
        List.of(),
        Map.of(),
        List.of(),
        InputStream.nullInputStream(),
        OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream(),
        WasiClock.system(),
        new LazySecureRandom(),
        List.of(),
        null,
        0);
  }

  /** The command line, program name first (what C's {@code argv} will hold). */
  public WasiConfig withArgs(List<String> args) {
    for (String a : args) {
      checkNoNul(a, "argument");
    }
    return new WasiConfig(
        args, env, preopens, stdin, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  public WasiConfig withArgs(String... args) {
    return withArgs(List.of(args));
  }

  /** Adds (or replaces) one environment variable. */
  public WasiConfig withEnv(String name, String value) {
    checkNoNul(name, "variable name");
    checkNoNul(value, "variable value");
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      throw new IllegalArgumentException("bad environment variable name: " + name);
    }
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put(name, value);
    return new WasiConfig(
        args, e, preopens, stdin, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  /** Replaces the whole environment (iteration order is the guest's order). */
  public WasiConfig withEnvironment(Map<String, String> environment) {
    WasiConfig c =
        new WasiConfig(
            args, Map.of(), preopens, stdin, stdout, stderr, clock, random, listeners, trace,
            terminals);
    for (Map.Entry<String, String> e : environment.entrySet()) {
      c = c.withEnv(e.getKey(), e.getValue());
    }
    return c;
  }

  /** Grants a directory (read-write). */
  public WasiConfig withPreopen(Path hostPath, String guestPath) {
    return withPreopen(new Preopen(hostPath, guestPath, false));
  }

  /** Grants a directory read-only. */
  public WasiConfig withReadOnlyPreopen(Path hostPath, String guestPath) {
    return withPreopen(new Preopen(hostPath, guestPath, true));
  }

  /** Grants a directory; preopens get descriptors 3, 4, ... in the order they were added. */
  public WasiConfig withPreopen(Preopen preopen) {
    List<Preopen> p = new ArrayList<>(preopens);
    p.add(Objects.requireNonNull(preopen));
    return new WasiConfig(
        args, env, p, stdin, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  /** The guest's stdin (not closed by {@link Wasi#close()}). */
  public WasiConfig withStdin(InputStream in) {
    return new WasiConfig(
        args, env, preopens, in, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  /** The guest's stdout (flushed after each write, not closed by {@link Wasi#close()}). */
  public WasiConfig withStdout(OutputStream out) {
    return new WasiConfig(
        args, env, preopens, stdin, out, stderr, clock, random, listeners, trace, terminals);
  }

  /** The guest's stderr (flushed after each write, not closed by {@link Wasi#close()}). */
  public WasiConfig withStderr(OutputStream err) {
    return new WasiConfig(
        args, env, preopens, stdin, stdout, err, clock, random, listeners, trace, terminals);
  }

  /**
   * The host process's {@link System#in}, {@link System#out} and {@link System#err}, each a
   * terminal to the guest if the process's own is one ({@link #withHostTerminals()}).
   */
  public WasiConfig withInheritedStdio() {
    return withStdin(System.in).withStdout(System.out).withStderr(System.err).withHostTerminals();
  }

  /**
   * Which stdio streams the guest is told are terminals: those are character devices without seek
   * rights (what C's {@code isatty} tests), the others have filetype {@code unknown}, as wasmtime
   * reports a redirected stdio. Whether stdin is a terminal changes what programs do: a shell
   * prompts, C's stdout is line-buffered instead of fully buffered. By default none is.
   */
  public WasiConfig withTerminals(boolean stdin, boolean stdout, boolean stderr) {
    int t = (stdin ? 1 : 0) | (stdout ? 2 : 0) | (stderr ? 4 : 0);
    return new WasiConfig(
        args,
        env,
        preopens,
        this.stdin,
        this.stdout,
        this.stderr,
        clock,
        random,
        listeners,
        trace,
        t);
  }

  /**
   * {@link #withTerminals} with what the host process's own descriptors 0, 1 and 2 are: for a guest
   * given the process's stdio.
   */
  public WasiConfig withHostTerminals() {
    return withTerminals(
        HostTerminals.isTerminal(0), HostTerminals.isTerminal(1), HostTerminals.isTerminal(2));
  }

  public WasiConfig withClock(WasiClock clock) {
    return new WasiConfig(
        args, env, preopens, stdin, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  /**
   * The source of {@code random_get}; e.g. {@code new SplittableRandom(42)} for repeatable runs.
   */
  public WasiConfig withRandom(RandomGenerator random) {
    return new WasiConfig(
        args, env, preopens, stdin, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  /**
   * Hands a bound, listening socket to the guest ({@code sock_accept} accepts on it). Sockets get
   * the descriptors after the preopens; the guest owns them ({@link Wasi#close()} closes them).
   */
  public WasiConfig withListener(ServerSocketChannel listener) {
    List<ServerSocketChannel> l = new ArrayList<>(listeners);
    l.add(Objects.requireNonNull(listener));
    return new WasiConfig(
        args, env, preopens, stdin, stdout, stderr, clock, random, l, trace, terminals);
  }

  /**
   * Logs every WASI call, its arguments and its result to {@code trace} (null: no log). One line
   * per call, e.g. {@code path_open(fd=3, dirflags=1, path=0x11030 "data.txt", ...) -> noent}.
   */
  public WasiConfig withTrace(PrintStream trace) {
    return new WasiConfig(
        args, env, preopens, stdin, stdout, stderr, clock, random, listeners, trace, terminals);
  }

  public List<String> args() {
    return args;
  }

  public Map<String, String> env() {
    return env;
  }

  public List<Preopen> preopens() {
    return preopens;
  }

  public InputStream stdin() {
    return stdin;
  }

  public OutputStream stdout() {
    return stdout;
  }

  public OutputStream stderr() {
    return stderr;
  }

  public WasiClock clock() {
    return clock;
  }

  public RandomGenerator random() {
    return random;
  }

  public List<ServerSocketChannel> listeners() {
    return listeners;
  }

  /** Whether stdio stream {@code fd} (0, 1 or 2) is a terminal to the guest. */
  public boolean isTerminal(int fd) {
    return fd >= 0 && fd < 3 && (terminals & (1 << fd)) != 0;
  }

  /** The trace stream, or null. */
  public PrintStream trace() {
    return trace;
  }

  private static void checkNoNul(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains NUL: " + s);
    }
  }
}
