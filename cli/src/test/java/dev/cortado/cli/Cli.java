package dev.cortado.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code cortado} in-process, capturing what it prints. */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    return runWithStdin("", args);
  }

  /** Runs with {@code stdin} as the standard input (a WASI guest's fd 0). */
  static Cli runWithStdin(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The program {@code name} of the WASI test corpus (wasi/src/test/resources/corpus). */
  static String corpus(String name) {
    return "../wasi/src/test/resources/corpus/" + name + ".wasm";
  }

  /** The example file {@code name} of the repository's examples folder. */
  static String example(String name) {
    return "../examples/" + name;
  }
}
