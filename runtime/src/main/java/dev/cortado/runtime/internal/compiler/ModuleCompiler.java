package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.WasmModule;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Compiles a set of a module's functions into class files: partitions them into classes small
 * enough for the class file format (a constant pool holds at most 65535 entries), emits each class
 * with {@link ClassEmitter}, measures the methods it got, and splits harder the functions with a
 * method over the limit.
 */
final class ModuleCompiler {
  /** A class holds at most this many functions... */
  static final int MAX_FUNCTIONS_PER_CLASS = 2_000;

  /** ...and at most about this many wasm instructions. */
  static final int MAX_INSTRUCTIONS_PER_CLASS = 40_000;

  /** How often a function with an oversized method is split again, each time into smaller parts. */
  private static final int MAX_ATTEMPTS = 4;

  /**
   * The classes of one compilation, ready to install: each defined already (its lookup, when the
   * compilation was given a {@link Definer}) or not (null).
   */
  record Batch(List<GeneratedClass> classes, List<MethodHandles.Lookup> lookups) {
    Batch(List<GeneratedClass> classes) {
      this(classes, Collections.nCopies(classes.size(), null));
    }
  }

  /** Defines a generated class (on the thread that generated it); returns a lookup on it. */
  interface Definer {
    MethodHandles.Lookup define(GeneratedClass gc);
  }

  /**
   * One class: its bytes, the functions it holds (in method order), whether each has an OSR entry,
   * each function's source offsets (by method, then recorded position), and its methods' sizes.
   */
  record GeneratedClass(
      byte[] bytes,
      int[] functions,
      boolean[] osr,
      int[][][] sourceOffsets,
      MethodSizes[] methodSizes,
      List<int[]> tables,
      boolean[][] osrLoops) {}

  /** The methods of one function: how many, how many over the limit, the largest. */
  record MethodSizes(int count, int overLimit, int largest, boolean split) {}

  private static final boolean DEBUG = Boolean.getBoolean("cortado.compiler.debug");

  private ModuleCompiler() {}

  /**
   * Compiles {@code functions} (indices in the function index space), with an OSR entry for those
   * {@code osr} marks; a call to a function outside the set is linked if {@code linkable} says so.
   */
  static Batch compile(
      WasmModule module,
      int[] functions,
      boolean[] osr,
      IntPredicate linkable,
      int methodLimit,
      boolean metered,
      Map<Integer, java.util.BitSet> pins,
      Definer definer) {
    return compile(module, functions, osr, linkable, methodLimit, metered, pins, THREADS, definer);
  }

  /**
   * As {@link #compile}, on {@code threads} threads (1: on the calling thread only). Each class is
   * defined by {@code definer} (if not null) on the thread that generated it: the JVM verifies a
   * class as it defines it, which takes about as long as generating it, so that defining the
   * classes one after the other once all are generated would leave the other cores idle.
   */
  static Batch compile(
      WasmModule module,
      int[] functions,
      boolean[] osr,
      IntPredicate linkable,
      int methodLimit,
      boolean metered,
      Map<Integer, java.util.BitSet> pins,
      int threads,
      Definer definer) {
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    while (start < functions.length) {
      int end = start;
      int weight = 0;
      while (end < functions.length
          && end - start < MAX_FUNCTIONS_PER_CLASS
          && (end == start
              || weight + size(module, functions[end]) <= MAX_INSTRUCTIONS_PER_CLASS)) {
        weight += size(module, functions[end]);
        end++;
      }
      ranges.add(new int[] {start, end});
      start = end;
    }
    // Classes are independent until they are defined: emit them on all cores, the biggest
    // first (so that no big class starts last), and keep their order, so that the output is the
    // same whatever the number of threads.
    List<Callable<Batch>> tasks = new ArrayList<>();
    int[] weights = new int[ranges.size()];
    for (int k = 0; k < ranges.size(); k++) {
      int[] r = ranges.get(k);
      for (int f = r[0]; f < r[1]; f++) {
        weights[k] += size(module, functions[f]);
      }
      tasks.add(
          () -> {
            List<GeneratedClass> out = new ArrayList<>();
            emit(module, functions, osr, r[0], r[1], linkable, methodLimit, metered, pins, out);
            return define(out, definer);
          });
    }
    return join(run(tasks, weights, threads));
  }

  /** Defines {@code classes} with {@code definer} on up to {@code threads} threads. */
  static Batch define(List<GeneratedClass> classes, Definer definer, int threads) {
    List<Callable<Batch>> tasks = new ArrayList<>();
    int[] weights = new int[classes.size()];
    for (int k = 0; k < classes.size(); k++) {
      GeneratedClass gc = classes.get(k);
      weights[k] = gc.bytes().length;
      tasks.add(() -> define(List.of(gc), definer));
    }
    return join(run(tasks, weights, threads));
  }

  private static Batch define(List<GeneratedClass> classes, Definer definer) {
    if (definer == null) {
      return new Batch(classes);
    }
    List<MethodHandles.Lookup> lookups = new ArrayList<>();
    for (GeneratedClass gc : classes) {
      lookups.add(definer.define(gc));
    }
    return new Batch(classes, lookups);
  }

  private static Batch join(List<Batch> parts) {
    List<GeneratedClass> classes = new ArrayList<>();
    List<MethodHandles.Lookup> lookups = new ArrayList<>();
    for (Batch b : parts) {
      classes.addAll(b.classes());
      lookups.addAll(b.lookups());
    }
    return new Batch(classes, lookups);
  }

  /**
   * Runs {@code tasks}, on up to {@code threads} threads, heaviest first by {@code weights};
   * returns their results in task order.
   */
  private static <T> List<T> run(List<Callable<T>> tasks, int[] weights, int threads) {
    List<T> results = new ArrayList<>();
    if (threads <= 1 || tasks.size() <= 1) {
      for (Callable<T> t : tasks) {
        results.add(call(t));
      }
      return results;
    }
    Integer[] order = new Integer[tasks.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(weights[b], weights[a]));
    ForkJoinPool pool = pool(threads);
    List<ForkJoinTask<T>> submitted = new ArrayList<>(Collections.nCopies(order.length, null));
    for (int k : order) {
      Callable<T> t = tasks.get(k);
      submitted.set(k, pool.submit(() -> call(t)));
    }
    for (ForkJoinTask<T> t : submitted) {
      results.add(t.join());
    }
    return results;
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How many threads compile a module's classes: {@code -Dcortado.compiler.threads}, or all cores.
   */
  static final int THREADS =
      Math.max(
          1,
          Integer.getInteger(
              "cortado.compiler.threads", Runtime.getRuntime().availableProcessors()));

  private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  private static final AtomicInteger WORKERS = new AtomicInteger();

  /** A pool of {@code threads} daemon threads, made once per size. */
  private static ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(
        threads,
        n ->
            new ForkJoinPool(
                n,
                p -> {
                  ForkJoinWorkerThread t =
                      ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                  t.setName("cortado-compiler-" + WORKERS.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                },
                null,
                false));
  }

  private static int size(WasmModule module, int function) {
    FunctionDefinition def = module.functions().get(function - module.importedFunctionCount());
    return def.body().size() + 8;
  }

  /** Emits functions [start, end) as one class, or as two halves if that overflows a limit. */
  private static void emit(
      WasmModule module,
      int[] functions,
      boolean[] osr,
      int start,
      int end,
      IntPredicate linkable,
      int methodLimit,
      boolean metered,
      Map<Integer, java.util.BitSet> pins,
      List<GeneratedClass> out) {
    int[] members = Arrays.copyOfRange(functions, start, end);
    boolean[] memberOsr = osr == null ? null : Arrays.copyOfRange(osr, start, end);
    Map<Integer, Integer> targets = new HashMap<>();
    int defaultTarget = splitTarget(methodLimit);
    for (int attempt = 1; ; attempt++) {
      ClassEmitter emitter =
          new ClassEmitter(
              module,
              "WasmCode",
              members,
              memberOsr,
              linkable::test,
              metered,
              f -> targets.getOrDefault(f, defaultTarget),
              // A function is split if its estimate is over the target, and again, harder,
              // whatever its estimate, if a method came out over the limit anyway.
              f -> targets.getOrDefault(f, defaultTarget) < defaultTarget ? 0 : defaultTarget,
              pins);
      byte[] bytes;
      try {
        bytes = emitter.build();
      } catch (IllegalArgumentException e) {
        // The constant pool or the class overflowed: halve.
        if (end - start <= 1) {
          throw e;
        }
        int mid = (start + end) >>> 1;
        emit(module, functions, osr, start, mid, linkable, methodLimit, metered, pins, out);
        emit(module, functions, osr, mid, end, linkable, methodLimit, metered, pins, out);
        return;
      }
      MethodSizes[] sizes = methodSizes(bytes, members, methodLimit);
      if (DEBUG) {
        ClassModel model = ClassFile.of().parse(bytes);
        for (MethodModel m : model.methods()) {
          int size = m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
          if (size > methodLimit) {
            System.err.println(
                "attempt " + attempt + ": " + m.methodName().stringValue() + " " + size + " bytes");
          }
        }
      }
      boolean retry = false;
      if (attempt < MAX_ATTEMPTS) {
        for (int i = 0; i < members.length; i++) {
          if (sizes[i].overLimit() > 0) {
            int f = members[i];
            targets.put(f, Math.max(64, targets.getOrDefault(f, defaultTarget) / 2));
            retry = true;
          }
        }
      }
      if (!retry) {
        out.add(
            new GeneratedClass(
                bytes,
                members,
                memberOsr,
                emitter.sourceOffsets,
                sizes,
                emitter.tables,
                emitter.osrLoops));
        return;
      }
    }
  }

  /**
   * The size in estimated bytes of bytecode ({@link CodeShape}) over which a function is split, and
   * that its chunks aim at, for methods of at most {@code methodLimit} bytes.
   *
   * <p>Splitting has a price at every call of the function (its frame, the locals chunks share in
   * arrays, the chunk calls): at 9/20 of the limit dlmalloc's free was split and bintrees ran 1.4
   * times slower than at 9/10. Below the limit, the bound is C2's: it inlines at most 8000 bytes of
   * bytecode into one compilation, the method's own included, and a memory access inlines a helper
   * (docs/compiler.md, "Big functions"). {@link DirectMemoryOps}'s are small enough for 9/10 (the
   * estimates are generous: dlfree's 2527 bytes are estimated at about 3700); {@link MemoryOps}'s
   * var handle accesses inline a few hundred bytes each, so where compiled code uses them (a JVM
   * without the export of {@code jdk.internal.misc}) the target stays at 9/20, where nbody's main,
   * 2856 bytes with 150 accesses, is split: whole, its accesses stayed calls and it ran 3 times
   * slower.
   */
  static int splitTarget(int methodLimit) {
    return DirectMemoryOps.AVAILABLE ? methodLimit * 9 / 10 : methodLimit * 9 / 20;
  }

  /** The sizes of each function's methods ({@code f<i>}, {@code f<i>$<chunk>}, {@code osr<i>}). */
  static MethodSizes[] methodSizes(byte[] bytes, int[] functions, int limit) {
    ClassModel model = ClassFile.of().parse(bytes);
    Map<Integer, Integer> index = new HashMap<>();
    for (int i = 0; i < functions.length; i++) {
      index.put(functions[i], i);
    }
    int[] count = new int[functions.length];
    int[] over = new int[functions.length];
    int[] largest = new int[functions.length];
    boolean[] split = new boolean[functions.length];
    for (MethodModel m : model.methods()) {
      JvmTypes.GeneratedMethod g = JvmTypes.generatedMethod(m.methodName().stringValue());
      Integer i = g == null ? null : index.get(g.function());
      if (i == null) {
        continue;
      }
      int size = m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
      count[i]++;
      if (size > limit) {
        over[i]++;
      }
      largest[i] = Math.max(largest[i], size);
      split[i] |= g.isChunk();
    }
    MethodSizes[] sizes = new MethodSizes[functions.length];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = new MethodSizes(count[i], over[i], largest[i], split[i]);
    }
    return sizes;
  }
}
