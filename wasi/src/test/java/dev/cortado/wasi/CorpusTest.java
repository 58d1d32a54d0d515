package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ordinary corpus programs, run end to end on Cortado. */
class CorpusTest {
  @TempDir Path dir;

  @Test
  void argsAndEnvironmentAreOnlyWhatWasGiven() throws IOException {
    Corpus.Run r =
        Corpus.run(
            "hello", WasiConfig.defaults().withEnv("A", "1").withEnv("B", "x y"), "", "a", "b c");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .isEqualTo(
            """
            hello from wasm
            argc=3
            argv[0]=hello
            argv[1]=a
            argv[2]=b c
            env A=1
            env B=x y
            2 environment variables
            HOME is unset
            """);
  }

  @Test
  void exitCodes() throws IOException {
    assertThat(Corpus.run("exitcode", WasiConfig.defaults(), "", "0").exitCode()).isZero();
    assertThat(Corpus.run("exitcode", WasiConfig.defaults(), "", "3").exitCode()).isEqualTo(3);
    assertThat(Corpus.run("exitcode", WasiConfig.defaults(), "", "42", "return").exitCode())
        .isEqualTo(42);
    assertThat(Corpus.run("exitcode", WasiConfig.defaults(), "", "7", "_exit").exitCode())
        .isEqualTo(7);
    assertThat(Corpus.run("exitcode", WasiConfig.defaults(), "", "255").exitCode()).isEqualTo(255);
  }

  @Test
  void stdinIsPipedThrough() throws IOException {
    String big = "the quick brown fox\n".repeat(5000);
    Corpus.Run r = Corpus.run("cat", WasiConfig.defaults(), big);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(big.toUpperCase(java.util.Locale.ROOT));
    assertThat(r.stderr()).isEqualTo("100000 bytes\n");
    assertThat(Corpus.run("cat", WasiConfig.defaults(), "").stdout()).isEmpty();
  }

  @Test
  void wordCounterReadsGrantedFilesAndStdin() throws IOException {
    Files.writeString(dir.resolve("words.txt"), "one two three\nfour five\n");
    Corpus.Run r =
        Corpus.run(
            "wc", WasiConfig.defaults().withReadOnlyPreopen(dir, "/data"), "", "/data/words.txt");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("      2       5      24 /data/words.txt\n");
    r = Corpus.run("wc", WasiConfig.defaults(), "a b\nc\n");
    assertThat(r.stdout()).isEqualTo("      2       3       6\n");
  }

  @Test
  void fileIo() throws IOException {
    Corpus.Run r =
        Corpus.run("fileio", WasiConfig.defaults().withPreopen(dir, "/sandbox"), "", "/sandbox");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .isEqualTo(
            """
            read back 'file' at 7
            size by seek 24
            size 33 regular 1
            pread 6 'econd ' offset still 0
            after truncate 12
            content 12 'HELLO, file'
            old name: No such file or directory
            unlink: 0
            open missing: No such file or directory
            O_EXCL again: File exists
            """);
    try (var s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void directories() throws IOException {
    Corpus.Run r =
        Corpus.run("dirs", WasiConfig.defaults().withPreopen(dir, "/sandbox"), "", "/sandbox");
    assertThat(r.exitCode()).isZero();
    String files =
        " file00 file01 file02 file03 file04 file05 file06 file07 file08 file09 file10 file11";
    assertThat(r.stdout())
        .isEqualTo(
            """
            mkdir tree: 0
            mkdir again: File exists
            symlink: 0
            readlink: 6 a/deep
            /sandbox/tree: a b%1$s link
            link is a link: 1
            link leads to a directory: 1
            rmdir non-empty: Directory not empty
            rmdir missing: No such file or directory
            rmdir a/deep: 0
            rmdir a: 0
            /sandbox/tree: b%1$s link
            rmdir tree: 0
            /sandbox:
            """
                .formatted(files));
  }

  private static final String CLOCKS_OUTPUT =
      """
      realtime: res ok, forward ok
      monotonic: res ok, forward ok
      process: res ok, forward ok
      thread: res ok, forward ok
      realtime after 2020: yes
      nanosleep 30ms: ok
      bad clock id: 28
      """;

  @Test
  void clocks() throws IOException {
    Corpus.Run r = Corpus.run("clocks", WasiConfig.defaults(), "");
    assertThat(r.stdout()).isEqualTo(CLOCKS_OUTPUT);
  }

  @Test
  void deterministicClockNeverWaits() throws IOException {
    WasiConfig c =
        WasiConfig.defaults()
            .withClock(
                WasiClock.deterministic(
                    Instant.parse("2025-06-01T00:00:00Z"), Duration.ofMillis(1)));
    long t0 = System.nanoTime();
    Corpus.Run r = Corpus.run("clocks", c, "");
    assertThat(r.stdout()).isEqualTo(CLOCKS_OUTPUT);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void randomComesFromTheConfiguredSource() throws IOException {
    assertThat(Corpus.run("random", WasiConfig.defaults(), "").stdout()).isEqualTo("random: ok\n");
    byte[] expected = new byte[64];
    new SplittableRandom(42).nextBytes(expected);
    WasiConfig seeded = WasiConfig.defaults().withRandom(new SplittableRandom(42));
    Corpus.Run r = Corpus.run("random", seeded, "", "hex");
    assertThat(r.stdout()).isEqualTo(HexFormat.of().formatHex(expected, 0, 16) + "\n");
  }

  @Test
  void rustFiles() throws IOException {
    Corpus.Run r =
        Corpus.run(
            "rust_files", WasiConfig.defaults().withPreopen(dir, "/sandbox"), "", "/sandbox");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .isEqualTo(
            """
            entries: f0.txt f1.txt f2.txt f3.txt f4.txt nested
            f3: line 3
            leaf: 5 bytes, file true
            moved exists: true
            f0: NotFound
            remove_dir non-empty fails
            cleaned: true
            """);
  }

  @Test
  void rustEnvironmentStdinAndExit() throws IOException {
    WasiConfig c = WasiConfig.defaults().withEnv("Z", "1").withEnv("EXIT_CODE", "3");
    Corpus.Run r = Corpus.run("rust_env", c, "abc\ndef\n", "one", "two");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout())
        .isEqualTo(
            """
            args: ["one", "two"]
            EXIT_CODE=3
            Z=1
            1: cba
            2: fed
            """);
    assertThat(r.stderr()).isEqualTo("2 lines\n");
  }
}
