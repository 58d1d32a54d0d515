package dev.cortado.spectest.fuzz;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.wasm.WasmException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The mutation fuzzer over the decoder, validator and (for cases that stay valid) instantiation and
 * execution: damages corpus modules with a {@link Mutator} and requires that nothing but a {@link
 * WasmException} ever comes out, and that no case hangs. Case {@code i} of seed {@code s} is the
 * same on every run, so a finding is reproduced by its seed and case number alone.
 */
public final class MutationFuzzer {
  /**
   * What to run.
   *
   * @param seed the run's seed
   * @param firstCase the number of the first case (to rerun one finding: that case, maxCases 1)
   * @param maxCases how many cases at most
   * @param maxTime how long at most (null: no limit)
   * @param execute whether cases that stay valid are instantiated and run
   * @param hangLimit how long one case may take before it counts as a hang
   * @param saveDir where to write the bytes of findings, or null
   * @param tier the execution mode, as a change to the store's settings
   */
  public record Options(
      long seed,
      long firstCase,
      long maxCases,
      Duration maxTime,
      boolean execute,
      Duration hangLimit,
      Path saveDir,
      UnaryOperator<StoreConfig> tier) {}

  /** A case that ended in something other than a {@link WasmException}, or never ended. */
  public record Finding(long caseNumber, List<String> mutations, Throwable error, byte[] bytes) {
    @Override
    public String toString() {
      return "case "
          + caseNumber
          + " ("
          + String.join(", ", mutations)
          + "): "
          + (error == null ? "hang" : error.getClass().getName() + ": " + error.getMessage());
    }
  }

  /** What a run did. */
  public record Report(
      long cases, Map<Exercise.Outcome, Long> outcomes, List<Finding> findings, Duration elapsed) {
    public String summary() {
      return cases
          + " cases in "
          + elapsed.toMillis()
          + " ms, "
          + findings.size()
          + " findings; "
          + outcomes;
    }
  }

  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  /** One case's worker stack: deep enough for what the runtime allows a guest. */
  private static final long STACK_SIZE = 256L << 20;

  private MutationFuzzer() {}

  /** Runs the fuzzer over {@code corpus}; writes a progress line now and then to {@code log}. */
  public static Report run(List<byte[]> corpus, Options options, PrintStream log) {
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException("the corpus is empty");
    }
    long start = System.nanoTime();
    long deadline =
        options.maxTime() == null ? Long.MAX_VALUE : start + options.maxTime().toNanos();
    Map<Exercise.Outcome, Long> outcomes = new EnumMap<>(Exercise.Outcome.class);
    List<Finding> findings = new ArrayList<>();
    ExecutorService worker = newWorker();
    long cases = 0;
    long nextLog = start + 10_000_000_000L;
    try {
      for (long n = options.firstCase();
          cases < options.maxCases() && System.nanoTime() < deadline;
          n++, cases++) {
        SplittableRandom random = new SplittableRandom(options.seed() + n * GOLDEN);
        byte[] seed = corpus.get(random.nextInt(corpus.size()));
        byte[] other = corpus.get(random.nextInt(corpus.size()));
        List<String> mutations = new ArrayList<>();
        byte[] bytes = new Mutator(random).mutate(seed, other, mutations);
        Future<Exercise.Outcome> result =
            worker.submit(() -> Exercise.run(bytes, options.execute(), options.tier()));
        try {
          Exercise.Outcome o = result.get(options.hangLimit().toNanos(), TimeUnit.NANOSECONDS);
          outcomes.merge(o, 1L, Long::sum);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof WasmException) {
            // Still the typed error, though not the one the stage documents: counted apart.
            outcomes.merge(Exercise.Outcome.OTHER_WASM_EXCEPTION, 1L, Long::sum);
          } else {
            findings.add(record(options, new Finding(n, mutations, cause, bytes), log));
          }
        } catch (TimeoutException e) {
          findings.add(record(options, new Finding(n, mutations, null, bytes), log));
          result.cancel(true);
          worker.shutdownNow();
          worker = newWorker();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (log != null && System.nanoTime() > nextLog) {
          log.println("fuzz: " + (cases + 1) + " cases, " + findings.size() + " findings");
          nextLog += 10_000_000_000L;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return new Report(cases, outcomes, findings, Duration.ofNanos(System.nanoTime() - start));
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(null, r, "cortado-fuzz", STACK_SIZE);
          t.setDaemon(true);
          return t;
        });
  }

  private static Finding record(Options options, Finding finding, PrintStream log) {
    if (log != null) {
      log.println("FINDING " + finding);
    }
    if (options.saveDir() != null) {
      try {
        Files.createDirectories(options.saveDir());
        Files.write(
            options
                .saveDir()
                .resolve("case-" + options.seed() + "-" + finding.caseNumber() + ".wasm"),
            finding.bytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return finding;
  }
}
