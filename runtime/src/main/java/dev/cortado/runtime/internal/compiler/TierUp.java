package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.internal.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tier-up in {@link Tier#TIERED}: each function counts down its interpreted calls and loop
 * iterations ({@code WasmFunction.hotness}); at zero the interpreter asks here whether compiled
 * code should take over. A hot function is compiled, with an on-stack-replacement entry if it got
 * hot in a loop, in the background (one compiler thread per JVM) or at once on the running thread
 * ({@link StoreConfig#backgroundCompilation()} false, for deterministic tests).
 */
public final class TierUp {
  private static final ExecutorService BACKGROUND =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cortado-compiler");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
          });

  static {
    // Initialize what compiled code, the bridges and trapping need now, at instantiation: a class
    // whose initializer first runs when the Java stack is nearly exhausted (deep recursion) fails
    // with StackOverflowError and stays unusable.
    java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
    for (Class<?> c :
        new Class<?>[] {
          Unwind.class,
          Backtraces.class,
          TierBridge.class,
          TierBridge.RawFrame.class,
          Invokers.class,
          Execution.class,
          MultiValue.class,
          MemoryOps.class,
          DirectMemoryOps.class,
          TableOps.class,
          Ops.class,
          SplitOps.class,
          CallLinker.class,
          SignatureBridge.class
        }) {
      try {
        lookup.ensureInitialized(c);
      } catch (IllegalAccessException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  /** Prints tier-up requests to stderr: {@code -Dcortado.compiler.timing=true}. */
  private static final boolean TRACE = Boolean.getBoolean("cortado.compiler.timing");

  private TierUp() {}

  /** The count a new function starts with in a store with {@code config}. */
  public static int initialHotness(StoreConfig config) {
    return switch (config.tier()) {
      case INTERPRETER -> Integer.MAX_VALUE;
      case COMPILED -> 0;
      case TIERED -> config.tierUpThreshold();
    };
  }

  /** Counts a call of {@code f} from Java: may compile it. */
  static void countCall(WasmFunction f, CompiledInstance ctx) {
    if (--f.hotness < 0) {
      compiledEntry(f);
    }
  }

  /**
   * The compiled method of hot function {@code f}, or null while it has none (compilation is then
   * requested, in {@code TIERED}); re-arms the count.
   */
  static MethodHandle compiledEntry(WasmFunction f) {
    StoreConfig config = f.instance.store().config();
    if (config.tier() == Tier.INTERPRETER) {
      f.hotness = Integer.MAX_VALUE;
      return null;
    }
    CompiledInstance ctx = Execution.context(f.instance);
    CompiledModule code = ctx.code;
    MethodHandle method = code.method(f.index);
    if (method == null && config.tier() == Tier.TIERED && code.compilable(f.index)) {
      request(code, f.index, false, -1, config);
      method = code.method(f.index);
    }
    if (method != null) {
      f.hotness = -1; // stays hot: every interpreted call goes to the compiled code
      return method;
    }
    f.hotness = rearm(config, code, f.index);
    return null;
  }

  /**
   * The OSR entry of {@code f} if it can enter loop {@code loop}, else null (compilation with OSR
   * entries is then requested, in {@code TIERED}).
   */
  static MethodHandle osrEntry(WasmFunction f, int loop) {
    StoreConfig config = f.instance.store().config();
    if (config.tier() == Tier.INTERPRETER) {
      f.hotness = Integer.MAX_VALUE;
      return null;
    }
    CompiledInstance ctx = Execution.context(f.instance);
    CompiledModule code = ctx.code;
    if (code.canEnter(f.index, loop)) {
      return code.osrMethod(f.index);
    }
    if (config.tier() == Tier.TIERED && code.compilable(f.index)) {
      int ask = code.entryLoop(f.index, loop);
      // The interpreter reaches the loop around soon, as a rule; where it stays long in this one
      // (or the entry could not be made there), an entry at this loop is asked for after all.
      if (ask != loop
          && code.osrRequested(f.index, ask)
          && code.missedEntry(f.index, MISSED_ENTRIES)) {
        ask = loop;
      }
      if (!code.osrRequested(f.index, ask)) {
        request(code, f.index, true, ask, config);
        if (code.canEnter(f.index, loop)) {
          return code.osrMethod(f.index);
        }
      }
    }
    if (code.method(f.index) != null) {
      f.hotness = -1; // calls go to compiled code; this loop stays in the interpreter
    } else {
      f.hotness = rearm(config, code, f.index);
    }
    return null;
  }

  /**
   * How many times the interpreter may pass loop headers that the OSR entry of a function cannot
   * enter, waiting for one it asked for in an enclosing loop, before it asks for an entry at the
   * loop it is in.
   */
  private static final int MISSED_ENTRIES = 10_000;

  private static int rearm(StoreConfig config, CompiledModule code, int funcIndex) {
    return config.tier() == Tier.TIERED && code.compilable(funcIndex)
        ? Math.max(1, config.tierUpThreshold())
        : Integer.MAX_VALUE;
  }

  /**
   * How many functions get hot before the background compiler compiles the whole module, without a
   * code cache. Whole process, tiered, without a cache (two runs each): SQLite's speedtest1, where
   * about 200 functions get hot, 8.3-9.0 s compiling only hot functions and 8.0-8.1 s compiling the
   * whole module from the first one on (compiled: 7.6-7.8 s); but from the first one on, the
   * benchmark programs where a few functions get hot ran 5-10% slower (matmul 1.32 to 1.47 s,
   * interp 1.76 to 1.91 s, lz 2.58 to 2.79 s).
   */
  private static final int WHOLE_MODULE_AFTER = 64;

  /** Functions the background compiler compiles at a time when it compiles a whole module. */
  private static final int SLICE = 256;

  /**
   * With a code cache, the first hot function also starts compiling the whole module in the
   * background, in slices (hot functions' requests go between them), and the cache gets it once
   * complete: the next run starts compiled. Without one, the {@link #WHOLE_MODULE_AFTER}th hot
   * function does, so that in a program with many warm functions they do not stay interpreted until
   * each gets hot on its own, their calls from compiled code each entering the interpreter; not
   * earlier, since in a small program the compilation of functions that never get hot takes a core
   * from the program while it warms up (see the field). Not with {@code
   * backgroundCompilation(false)}, which asks for deterministic tier-up (tests), unless there is a
   * cache.
   */
  private static void compileWholeModule(CompiledModule code, StoreConfig config) {
    if (config.codeCache() == null
            && (!config.backgroundCompilation() || code.hotFunctions() < WHOLE_MODULE_AFTER)
        || !code.markFullCompile()) {
      return;
    }
    CodeCache cache = config.codeCache() != null ? new CodeCache(config.codeCache()) : null;
    BACKGROUND.execute(() -> compileSlice(code, cache));
  }

  private static void compileSlice(CompiledModule code, CodeCache cache) {
    if (code.compileSome(SLICE)) {
      BACKGROUND.execute(() -> compileSlice(code, cache));
    } else if (cache != null) {
      code.storeInCache(cache);
    }
  }

  /** Compiles function {@code funcIndex} now or in the background, unless already asked for. */
  private static void request(
      CompiledModule code, int funcIndex, boolean osr, int loop, StoreConfig config) {
    compileWholeModule(code, config);
    if (!code.markRequested(funcIndex, osr, loop)) {
      return;
    }
    if (TRACE) {
      System.err.println(
          "tier-up: function " + funcIndex + (osr ? " (with OSR entry at loop " + loop + ")" : ""));
    }
    if (!config.backgroundCompilation()) {
      // Compile on the compiler thread and wait: it has a fresh Java stack, which the running
      // thread, deep in recursion, may not have.
      try {
        BACKGROUND.submit(code::compileRequested).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
      return;
    }
    BACKGROUND.execute(code::compileRequested);
  }
}
