package dev.cortado.spectest;

import dev.cortado.runtime.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs {@code .wast} scripts (the spec interpreter's script format) against the Cortado runtime in
 * one {@link Tier}.
 *
 * <pre>{@code
 * ScriptResult r = new WastRunner(Tier.INTERPRETER).runFile(Path.of("i32.wast"), "i32.wast");
 * System.out.println(r.summaryLine()); // PASS  i32.wast  460 passed
 * }</pre>
 *
 * <p>Every module command, action, registration and assertion counts once as passed or failed.
 * Nothing escapes: an unexpected exception or error (a bug) becomes a failure that names it, and a
 * script still running after the timeout is reported as what it counted so far plus a timeout
 * failure at the command it was stuck in.
 */
public final class WastRunner {
  /** How long one script may run by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The runner thread's stack: generous, so that deep but legal recursion in the interpreter hits
   * the runtime's call depth limit (a trap) before the JVM's stack limit. Only touched pages cost
   * memory.
   */
  private static final long STACK_SIZE = 1L << 30;

  private final Tier tier;
  private final StoreConfig config;
  private final Duration timeout;
  private final PrintStream printOut;

  /** A runner for {@code tier} with the default timeout, whose spectest prints go nowhere. */
  public WastRunner(Tier tier) {
    this(tier, DEFAULT_TIMEOUT, null);
  }

  /**
   * A runner for {@code tier}; a script still running after {@code timeout} fails; the spectest
   * module's print functions write to {@code printOut}, or nowhere if it is null.
   */
  public WastRunner(Tier tier, Duration timeout, PrintStream printOut) {
    this(tier, tier.storeConfig(), timeout, printOut);
  }

  /**
   * A runner whose stores use {@code config}, a variant of {@code tier}'s settings (e.g. a tiny
   * compiled method limit, to exercise splitting); {@code tier} names it in reports.
   */
  public WastRunner(Tier tier, StoreConfig config) {
    this(tier, config, DEFAULT_TIMEOUT, null);
  }

  private WastRunner(Tier tier, StoreConfig config, Duration timeout, PrintStream printOut) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.tier = tier;
    this.config = config;
    this.timeout = timeout;
    this.printOut = printOut;
  }

  public Tier tier() {
    return tier;
  }

  /** Reads and runs the script {@code file}, reported as {@code name}. Never throws. */
  public ScriptResult runFile(Path file, String name) {
    String script;
    try {
      script = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      Tally tally = new Tally();
      tally.fail(1, "cannot read " + file + ": " + Failures.describe(e));
      return tally.snapshot(name);
    }
    return run(name, script);
  }

  /** Runs the script text {@code script}, reported as {@code name}. Never throws. */
  public ScriptResult run(String name, String script) {
    return guarded(
        name, timeout, tally -> new ScriptExecution(config, tally, printOut).run(script));
  }

  /**
   * Runs {@code body} on a thread of its own with a large stack and waits at most {@code timeout}
   * for it. If it is still running then, it is interrupted and abandoned (the JVM cannot stop a
   * thread), and a timeout failure is added at the line of the command it was in.
   */
  static ScriptResult guarded(String name, Duration timeout, Consumer<Tally> body) {
    Tally tally = new Tally();
    Runnable task =
        () -> {
          try {
            body.accept(tally);
          } catch (Throwable t) {
            tally.fail(tally.currentLine(), "runner failed: " + Failures.describe(t));
          }
        };
    Thread thread = new Thread(null, task, "wast " + name, STACK_SIZE);
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      tally.fail(tally.currentLine(), "interrupted while running");
      return tally.snapshot(name);
    }
    if (thread.isAlive()) {
      thread.interrupt();
      tally.fail(
          tally.currentLine(),
          "timeout: still running after " + words(timeout) + "; the rest was not run");
    }
    return tally.snapshot(name);
  }

  private static String words(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
