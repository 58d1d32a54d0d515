package dev.cortado.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs the {@code cortado} launcher makes its class data sharing archive from (a JVM started
 * with {@code -XX:ArchiveClassesAtExit}): the archive holds the classes a run loaded, and a class
 * not in it is read from its jar and verified at every start. One {@code run} covers only its own
 * path, so this makes the common ones in one JVM: a text module (the README's {@code --invoke}), a
 * binary one, the interpreter and the tier-up in the default tiered mode, the compiler with and
 * without the code cache (writing an entry, then reading it), and WASI. Their output goes nowhere;
 * a failing run only leaves its classes out of the archive.
 *
 * <p>Usage: {@code ArchiveTraining EXAMPLES_DIR}, the repository's {@code examples} folder.
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ArchiveTraining EXAMPLES_DIR");
      System.exit(ExitCode.USAGE);
    }
    train(Path.of(args[0]));
    // As Main does: a tiered run's background compilations must not keep the JVM up.
    System.exit(0);
  }

  /** Makes the runs, with the examples in {@code examples}; their exit codes, in order. */
  static List<Integer> train(Path examples) throws IOException {
    String primes = examples.resolve("primes.wat").toString();
    String fib = examples.resolve("fib.wat").toString();
    Path scratch = Files.createTempDirectory("cortado-training");
    try {
      String binary = scratch.resolve("primes.wasm").toString();
      String cache = scratch.resolve("cache").toString();
      List<List<String>> runs =
          List.of(
              List.of("run", "--invoke", "fib", fib, "20"),
              List.of("run", "--no-cache", "--tier", "compiled", primes),
              List.of("convert", primes, "-o", binary),
              List.of("run", "--cache-dir", cache, binary),
              List.of("run", "--cache-dir", cache, "--tier", "compiled", binary),
              List.of("run", "--cache-dir", cache, "--tier", "compiled", binary));
      PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
      List<Integer> codes = new ArrayList<>();
      for (List<String> run : runs) {
        codes.add(
            Main.run(run.toArray(String[]::new), InputStream.nullInputStream(), nowhere, nowhere));
      }
      return codes;
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
