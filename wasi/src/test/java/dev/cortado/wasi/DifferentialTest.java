package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ordinary corpus on Cortado and on node's own WASI ({@code node:wasi}, preview1) with the same
 * arguments, environment, stdin and a fresh copy of the same directory: stdout and exit status must
 * agree. Skipped where node 20+ is not installed (failed instead under {@code CI=true}).
 */
class DifferentialTest {
  private static final Path RUNNER = Path.of("src/test/node/run-wasi.mjs");

  @TempDir Path dir;

  /**
   * One program run.
   *
   * @param files files put in the directory granted as /sandbox
   * @param nodeDiverges where node's WASI is known to go wrong: the last line of Cortado's output
   *     that node is expected not to reach (null: none). The test fails once node agrees, so that
   *     the entry is removed.
   */
  record Case(
      String program,
      List<String> args,
      Map<String, String> env,
      String stdin,
      Map<String, String> files,
      String nodeDiverges) {
    Case(String program, List<String> args, Map<String, String> env, String stdin) {
      this(program, args, env, stdin, Map.of(), null);
    }

    @Override
    public String toString() {
      return program + " " + String.join(" ", args);
    }
  }

  static Stream<Case> cases() {
    Map<String, String> words = Map.of("words.txt", "one two three\nfour five\n", "b.txt", "x\n");
    return Stream.of(
        new Case("hello", List.of("a", "b c"), Map.of("A", "1"), ""),
        new Case("exitcode", List.of("3"), Map.of(), ""),
        new Case("exitcode", List.of("42", "return"), Map.of(), ""),
        new Case("exitcode", List.of("7", "_exit"), Map.of(), ""),
        new Case("cat", List.of(), Map.of(), "some input\nover lines\n".repeat(300)),
        new Case(
            "wc",
            List.of("/sandbox/words.txt", "/sandbox/b.txt", "/sandbox/missing.txt"),
            Map.of(),
            "",
            words,
            null),
        new Case("wc", List.of(), Map.of(), "a b\nc d e\n"),
        new Case("fileio", List.of("/sandbox"), Map.of(), ""),
        new Case("dirs", List.of("/sandbox"), Map.of(), ""),
        // Not "clocks": node's poll_oneoff sleeps on libuv's millisecond timers and can wake
        // before 30 ms of monotonic time have passed, so its "too short" is node's, not ours.
        new Case("random", List.of(), Map.of(), ""),
        new Case("rust_env", List.of("one", "two"), Map.of("EXIT_CODE", "3"), "abc\ndef\n"),
        // node 20's uvwasi makes Rust's remove_dir_all fail with ENOTEMPTY.
        new Case(
            "rust_files",
            List.of("/sandbox"),
            Map.of(),
            "",
            Map.of(),
            "remove_dir non-empty fails"));
  }

  @BeforeAll
  static void nodeIsThere() {
    String version;
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      version = "";
    }
    RequiredTool.require(
        version.matches("v(2\\d|[3-9]\\d)\\..*"), "node 20+ not installed: " + version);
  }

  private Path sandbox(String name, Map<String, String> files) throws IOException {
    Path d = Files.createDirectory(dir.resolve(name));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(d.resolve(f.getKey()), f.getValue());
    }
    return d;
  }

  private static Corpus.Run runOnNode(Case c, Path sandbox)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", "--no-warnings", RUNNER.toString()));
    cmd.addAll(List.of("--dir", sandbox + "::/sandbox"));
    c.env().forEach((k, v) -> cmd.addAll(List.of("--env", k + "=" + v)));
    cmd.add(Corpus.wasm(c.program()).toString());
    cmd.addAll(c.args());
    Process p = new ProcessBuilder(cmd).start();
    Thread feeder =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (OutputStream in = p.getOutputStream()) {
                    in.write(c.stdin().getBytes(StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    // the guest stopped reading
                  }
                });
    byte[] err;
    byte[] out;
    Thread errReader;
    byte[][] errHolder = new byte[1][];
    errReader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    errHolder[0] = p.getErrorStream().readAllBytes();
                  } catch (IOException e) {
                    errHolder[0] = new byte[0];
                  }
                });
    out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    feeder.join();
    errReader.join();
    err = errHolder[0];
    return new Corpus.Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cortadoAgreesWithNode(Case c) throws Exception {
    WasiConfig config =
        WasiConfig.defaults()
            .withEnvironment(c.env())
            .withPreopen(sandbox("cortado", c.files()), "/sandbox");
    Corpus.Run ours = Corpus.run(c.program(), config, c.stdin(), c.args().toArray(String[]::new));
    Corpus.Run node = runOnNode(c, sandbox("node", c.files()));
    if (c.nodeDiverges() == null) {
      assertThat(ours.stdout()).as("stdout").isEqualTo(node.stdout());
      assertThat(ours.exitCode()).as("exit code").isEqualTo(node.exitCode());
    } else {
      String agreed = ours.stdout().substring(0, ours.stdout().indexOf(c.nodeDiverges()));
      assertThat(node.stdout())
          .as("node's known divergence (fixed in node? then drop it from the case)")
          .isEqualTo(agreed + c.nodeDiverges() + "\n");
      assertThat(node.exitCode()).isNotEqualTo(ours.exitCode());
      assertThat(ours.exitCode()).isZero();
    }
  }
}
