package dev.cortado.spectest.fuzz;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.spectest.Tier;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.WasmException;
import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Differential fuzzing: random valid modules from binaryen's {@code wasm-opt --translate-to-fuzz}
 * (with {@code --denan}, so NaN payloads cannot differ) run in each Cortado mode and in node's V8;
 * the transcripts (logged values, results, trap categories, final memory) must agree. Needs {@code
 * wasm-opt} and {@code node} on the PATH. Case {@code n} of seed {@code s} generates the same
 * module on every run (for one binaryen version).
 */
public final class DifferentialFuzzer {
  /** A Cortado execution mode: a name and the store settings that select it. */
  public record Mode(String name, UnaryOperator<StoreConfig> settings) {}

  /**
   * Every tier, each unmetered and metered (with fuel that never runs out): fuel must not change
   * what code does. Tiered mode tiers up after a few calls or iterations, on the running thread.
   * And the compiled tier with methods of at most {@link #SPLIT_LIMIT} bytes, so that every
   * function of some size is split into chunks (the default limit splits only functions of several
   * KB, which binaryen's modules seldom have).
   */
  public static List<Mode> allModes() {
    List<Mode> modes = new ArrayList<>();
    for (Tier tier : Tier.values()) {
      String name = tier.cliName();
      modes.add(new Mode(name, c -> tier.apply(c).withoutFuel()));
      modes.add(new Mode(name + "+fuel", c -> tier.apply(c).withFuel(1L << 40)));
    }
    modes.add(
        new Mode(
            "compiled-split",
            c -> Tier.COMPILED.apply(c).withCompiledMethodLimit(SPLIT_LIMIT).withoutFuel()));
    return modes;
  }

  /** The method size limit of the {@code compiled-split} mode, in bytes of bytecode. */
  static final int SPLIT_LIMIT = 400;

  /**
   * What to run.
   *
   * @param seed the run's seed
   * @param firstCase the number of the first case
   * @param maxCases how many modules to generate at most
   * @param maxTime how long at most (null: no limit)
   * @param workDir where the generated modules are written (and kept when they disagree)
   * @param modes the Cortado modes to compare with V8 and each other
   */
  public record Options(
      long seed, long firstCase, long maxCases, Duration maxTime, Path workDir, List<Mode> modes) {}

  /** Two transcripts of one module that disagree. */
  public record Mismatch(
      long caseNumber, Path module, String first, List<String> a, String second, List<String> b) {
    @Override
    public String toString() {
      StringBuilder sb =
          new StringBuilder("case " + caseNumber + " (" + module + "): " + first + " vs " + second);
      int n = Math.max(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        String x = i < a.size() ? a.get(i) : "";
        String y = i < b.size() ? b.get(i) : "";
        if (!x.equals(y)) {
          sb.append("\n  first difference at line ").append(i + 1).append(":\n    ");
          sb.append(first).append(": ").append(x).append("\n    ");
          sb.append(second).append(": ").append(y);
          return sb.toString();
        }
      }
      return sb.append("\n  same lines; ")
          .append(a.size())
          .append(" vs ")
          .append(b.size())
          .toString();
    }
  }

  /** What a run did. */
  public record Report(
      long generated, long compared, long skipped, List<Mismatch> mismatches, Duration elapsed) {
    public String summary() {
      return generated
          + " modules generated, "
          + compared
          + " compared, "
          + skipped
          + " skipped, "
          + mismatches.size()
          + " mismatches in "
          + elapsed.toSeconds()
          + " s";
    }
  }

  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
  private static final int BATCH = 16;
  private static final Duration NODE_TIMEOUT = Duration.ofMinutes(3);

  /** The WebAssembly 2.0 features (no SIMD) that binaryen may use. */
  private static final List<String> FEATURES =
      List.of(
          "--mvp-features",
          "--enable-sign-ext",
          "--enable-mutable-globals",
          "--enable-nontrapping-float-to-int",
          "--enable-bulk-memory",
          "--enable-multivalue");

  private DifferentialFuzzer() {}

  /** Whether {@code wasm-opt} and {@code node} can be run. */
  public static boolean toolsAvailable() {
    return runs(List.of("wasm-opt", "--version")) && runs(List.of("node", "--version"));
  }

  private static boolean runs(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the fuzzer; writes progress and mismatches to {@code log}. */
  public static Report run(Options options, PrintStream log) {
    long start = System.nanoTime();
    long deadline =
        options.maxTime() == null ? Long.MAX_VALUE : start + options.maxTime().toNanos();
    Path harness;
    try {
      Files.createDirectories(options.workDir());
      harness = options.workDir().resolve("harness.mjs");
      try (InputStream in = DifferentialFuzzer.class.getResourceAsStream("harness.mjs")) {
        Files.write(harness, in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Mismatch> mismatches = new ArrayList<>();
    long generated = 0;
    long compared = 0;
    long skipped = 0;
    long n = options.firstCase();
    while (generated < options.maxCases() && System.nanoTime() < deadline) {
      Map<Long, Path> batch = new LinkedHashMap<>();
      Map<Long, Map<String, List<String>>> cortado = new HashMap<>();
      for (int i = 0; i < BATCH && generated < options.maxCases(); i++, n++, generated++) {
        Path wasm = generate(options, n);
        WasmModule module = wasm == null ? null : load(wasm, n, mismatches);
        if (module == null || !Transcript.supported(module)) {
          skipped++;
          continue;
        }
        Map<String, List<String>> transcripts = new LinkedHashMap<>();
        for (Mode mode : options.modes()) {
          transcripts.put(mode.name(), Transcript.run(module, mode.settings()));
        }
        writeString(sidecar(wasm), Transcript.signatures(module));
        batch.put(n, wasm);
        cortado.put(n, transcripts);
      }
      if (batch.isEmpty()) {
        continue;
      }
      Map<Path, List<String>> v8 = runNode(harness, batch.values());
      for (Map.Entry<Long, Path> e : batch.entrySet()) {
        List<String> node = v8.get(e.getValue());
        Map<String, List<String>> ours = cortado.get(e.getKey());
        boolean same = compare(e.getKey(), e.getValue(), node, ours, mismatches, log);
        if (node == null) {
          skipped++;
        } else {
          compared++;
        }
        if (same) {
          deleteQuietly(e.getValue());
          deleteQuietly(sidecar(e.getValue()));
        }
      }
      if (log != null) {
        log.println(
            "differential: " + generated + " generated, " + mismatches.size() + " mismatches");
      }
    }
    return new Report(
        generated, compared, skipped, mismatches, Duration.ofNanos(System.nanoTime() - start));
  }

  private static boolean compare(
      long n,
      Path wasm,
      List<String> node,
      Map<String, List<String>> ours,
      List<Mismatch> mismatches,
      PrintStream log) {
    boolean same = true;
    String firstName = null;
    List<String> first = null;
    for (Map.Entry<String, List<String>> mode : ours.entrySet()) {
      if (node != null && !Transcript.agree(node, mode.getValue())) {
        same = false;
        report(new Mismatch(n, wasm, "v8", node, mode.getKey(), mode.getValue()), mismatches, log);
      }
      if (first != null && !first.equals(mode.getValue())) {
        same = false;
        report(
            new Mismatch(n, wasm, firstName, first, mode.getKey(), mode.getValue()),
            mismatches,
            log);
      }
      if (first == null) {
        firstName = mode.getKey();
        first = mode.getValue();
      }
    }
    return same;
  }

  private static void report(Mismatch m, List<Mismatch> mismatches, PrintStream log) {
    mismatches.add(m);
    if (log != null) {
      log.println("MISMATCH " + m);
    }
  }

  /** Generates case {@code n}'s module, or returns null if binaryen could not. */
  private static Path generate(Options options, long n) {
    SplittableRandom random = new SplittableRandom(options.seed() + n * GOLDEN);
    byte[] input = new byte[256 + random.nextInt(16 * 1024)];
    random.nextBytes(input);
    Path dat = options.workDir().resolve("case-" + n + ".dat");
    Path wasm = options.workDir().resolve("case-" + n + ".wasm");
    try {
      Files.write(dat, input);
      List<String> command =
          new ArrayList<>(List.of("wasm-opt", dat.toString(), "-ttf", "--denan"));
      command.addAll(FEATURES);
      command.addAll(List.of("-o", wasm.toString()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      boolean done = p.waitFor(60, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 && Files.isRegularFile(wasm) ? wasm : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      deleteQuietly(dat);
    }
  }

  /** Decodes and validates a generated module; binaryen's output must be valid. */
  private static WasmModule load(Path wasm, long n, List<Mismatch> mismatches) {
    try {
      return WasmModule.parse(Files.readAllBytes(wasm));
    } catch (UnsupportedFeatureException e) {
      return null;
    } catch (WasmException e) {
      mismatches.add(
          new Mismatch(n, wasm, "binaryen", List.of("valid"), "cortado", List.of(e.getMessage())));
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the harness over a batch; the transcript of each module (missing if node failed). */
  private static Map<Path, List<String>> runNode(Path harness, Iterable<Path> modules) {
    List<String> command = new ArrayList<>(List.of("node", harness.toString()));
    for (Path m : modules) {
      command.add(m.toString());
    }
    Map<Path, List<String>> result = new HashMap<>();
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      Path current = null;
      List<String> lines = null;
      for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.startsWith("module ")) {
          current = Path.of(line.substring("module ".length()));
          lines = new ArrayList<>();
        } else if (line.equals("end") && current != null) {
          result.put(current, lines);
          current = null;
          lines = null;
        } else if (lines != null) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  private static Path sidecar(Path wasm) {
    String name = wasm.getFileName().toString();
    return wasm.resolveSibling(name.substring(0, name.length() - ".wasm".length()) + ".sig");
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind in the work folder: harmless.
    }
  }
}
