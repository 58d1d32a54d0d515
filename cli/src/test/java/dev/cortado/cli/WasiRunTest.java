package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cortado run} on WASI programs: the options that grant things, stdio, exit codes. */
class WasiRunTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void argumentsAndGrantedEnvironmentOnly() {
    String hello = Cli.corpus("hello");
    Cli r = Cli.run("run", "--env", "A=1", "--env", "B=two words", hello, "x", "-y");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "hello from wasm\nargc=3\nargv[0]="
                + hello
                + "\nargv[1]=x\nargv[2]=-y\nenv A=1\nenv B=two words\n"
                + "2 environment variables\nHOME is unset\n");
    // The default command is run, as with wasmtime.
    assertThat(Cli.run(hello).out()).contains("0 environment variables");
  }

  @Test
  void environmentFromTheHost() {
    String path = System.getenv("PATH");
    Cli r = Cli.run("run", "--env", "PATH", "--env", "NOT_SET_ANYWHERE_42", Cli.corpus("hello"));
    if (path != null) {
      assertThat(r.out()).contains("env PATH=" + path + "\n").contains("1 environment variables");
    }
    Cli all = Cli.run("run", "--inherit-env", "--env", "EXTRA=1", Cli.corpus("hello"));
    assertThat(all.out())
        .contains((System.getenv().size() + 1) + " environment variables")
        .contains("env EXTRA=1");
  }

  @Test
  void thePrimesExampleCountsInEveryTier() {
    // The example the cortado launcher also trains its JVM cache on.
    for (String tier : new String[] {"interpreter", "compiled", "tiered"}) {
      Cli r = Cli.run("run", "--tier", tier, "--no-cache", Cli.example("primes.wat"));
      assertThat(r.code()).as(tier).isZero();
      assertThat(r.out()).as(tier).isEqualTo("78498 primes below 1000000\n");
    }
  }

  @Test
  void exitCodeIsTheGuests() {
    assertThat(Cli.run("run", Cli.corpus("exitcode"), "42").code()).isEqualTo(42);
    assertThat(Cli.run("run", Cli.corpus("exitcode"), "0").code()).isZero();
    assertThat(Cli.run("run", Cli.corpus("exitcode"), "9", "return").code()).isEqualTo(9);
  }

  @Test
  void stdinStdoutStderrAreWired() {
    Cli r = Cli.runWithStdin("piped through\n", "run", Cli.corpus("cat"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("PIPED THROUGH\n");
    assertThat(r.err()).isEqualTo("14 bytes\n");
  }

  @Test
  void dirGrantsADirectoryUnderAGuestName() throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.writeString(data.resolve("words.txt"), "one two three\n");
    Files.writeString(dir.resolve("secret.txt"), "not for the guest\n");
    Cli r =
        Cli.run(
            "run",
            "--dir-ro",
            data + "::/data",
            Cli.corpus("wc"),
            "/data/words.txt",
            "/data/../secret.txt");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("      1       3      14 /data/words.txt\n");
    assertThat(r.err()).isEqualTo("wc: /data/../secret.txt: Capabilities insufficient\n");
    Cli w = Cli.run("run", "--dir", data + "::/sandbox", Cli.corpus("fileio"), "/sandbox");
    assertThat(w.code()).isZero();
    assertThat(w.out()).contains("O_EXCL again: File exists");
    Cli ro = Cli.run("run", "--dir-ro", data + "::/sandbox", Cli.corpus("fileio"), "/sandbox");
    assertThat(ro.code()).isEqualTo(1);
    assertThat(ro.out()).isEqualTo("fopen: Capabilities insufficient\n");
  }

  @Test
  void dirWithoutGuestNameUsesTheHostName() throws IOException {
    Path data = Files.createDirectory(dir.resolve("d"));
    Files.writeString(data.resolve("f.txt"), "a b\n");
    Cli r = Cli.run("run", "--dir", data.toString(), Cli.corpus("wc"), data + "/f.txt");
    assertThat(r.out()).isEqualTo("      1       2       4 " + data + "/f.txt\n");
  }

  @Test
  void traceWasiLogsEachCall() throws IOException {
    Path log = dir.resolve("trace.log");
    Cli r = Cli.run("run", "--trace-wasi", log.toString(), Cli.corpus("exitcode"), "3");
    assertThat(r.code()).isEqualTo(3);
    String trace = Files.readString(log);
    assertThat(trace).contains("args_sizes_get(argc=0x").contains("proc_exit(rval=3) -> exit 3");
    Cli toErr = Cli.run("run", "--trace-wasi", "-", Cli.corpus("exitcode"), "0");
    assertThat(toErr.err()).contains("proc_exit(rval=0) -> exit 0");
  }

  @Test
  void tcplistenHandsTheGuestAListeningSocket() throws IOException {
    // Exits with the file type of descriptor 3: 6 is socket_stream.
    Path probe =
        write(
            "probe.wat",
            """
            (module
              (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $stat (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (if (call $stat (i32.const 3) (i32.const 0)) (then (call $exit (i32.const 100))))
                (call $exit (i32.load8_u (i32.const 0)))))
            """);
    assertThat(Cli.run("run", "--tcplisten", "127.0.0.1:0", probe.toString()).code()).isEqualTo(6);
    assertThat(Cli.run("run", probe.toString()).code()).isEqualTo(100);
    Cli bad = Cli.run("run", "--tcplisten", "nowhere", probe.toString());
    assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).startsWith("error: --tcplisten needs HOST:PORT: nowhere");
  }

  @Test
  void preloadLinksAnotherModule() throws IOException {
    Path lib =
        write(
            "lib.wat",
            "(module (func (export \"add\") (param i32 i32) (result i32)"
                + " (i32.add (local.get 0) (local.get 1))))");
    Path main =
        write(
            "main.wat",
            """
            (module
              (import "lib" "add" (func $add (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (func (export "_start") (call $exit (call $add (i32.const 20) (i32.const 22)))))
            """);
    assertThat(Cli.run("run", "--preload", "lib=" + lib, main.toString()).code()).isEqualTo(42);
    Cli missing = Cli.run("run", main.toString());
    assertThat(missing.code()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.err()).contains("lib.add").contains("unknown import");
    assertThat(Cli.run("run", "--preload", "nolib", main.toString()).code())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void badGrantsAreErrors() {
    Cli r = Cli.run("run", "--dir", dir.resolve("missing") + "::/x", Cli.corpus("hello"));
    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err())
        .isEqualTo("error: --dir " + dir.resolve("missing") + ": no such directory\n");
    assertThat(Cli.run("run", "--dir", "::/x", Cli.corpus("hello")).code())
        .isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run("run", "--env", "=x", Cli.corpus("hello")).code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void invokeWithWasiStillWorks() throws IOException {
    Path m =
        write(
            "inv.wat",
            """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "quit") (param i32) (call $exit (local.get 0))))
            """);
    Cli r = Cli.run("run", "--invoke", "double", m.toString(), "21");
    assertThat(r.out()).isEqualTo("42\n");
    assertThat(Cli.run("run", "--invoke", "quit", m.toString(), "5").code()).isEqualTo(5);
  }
}
