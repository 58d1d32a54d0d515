package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/cortado-launch}, which the {@code cortado} scripts run the JVM through: the JVM's
 * warning about the incubator module the launcher enables (the Vector API) never reaches stderr,
 * and everything else (stdout, stdin, the rest of stderr byte for byte, the exit status) is as the
 * command left it.
 */
class LauncherTest {
  private static final Path LAUNCH = Path.of("src/dist/bin/cortado-launch").toAbsolutePath();
  private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

  private record Run(byte[] out, byte[] err, int status) {
    String errText() {
      return new String(err, StandardCharsets.ISO_8859_1);
    }

    String outText() {
      return new String(out, StandardCharsets.ISO_8859_1);
    }
  }

  private static Run launch(byte[] stdin, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", LAUNCH.toString()));
    cmd.addAll(List.of(command));
    return run(new ProcessBuilder(cmd), stdin);
  }

  private static Run run(ProcessBuilder builder, byte[] stdin) throws Exception {
    Process p = builder.start();
    // A thread of its own per stream: a shared pool may run one reader after the other, and the
    // command then blocks writing to the stream nobody reads.
    CompletableFuture<byte[]> out = new CompletableFuture<>();
    CompletableFuture<byte[]> err = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> out.complete(read(p.getInputStream())));
    Thread.ofPlatform().start(() -> err.complete(read(p.getErrorStream())));
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(out.get(), err.get(), p.exitValue());
  }

  private static byte[] read(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A command that prints the JVM's warning first, as the JVM does, then what {@code script} does.
   */
  private static String[] guest(String script) {
    return new String[] {"bash", "-c", "echo '" + WARNING + "' >&2; " + script};
  }

  @Test
  void theWarningIsDroppedAndEverythingElseIsKept() throws Exception {
    Run r =
        launch(new byte[0], guest("echo out; printf 'first\\nno newline at the end' >&2; exit 3"));
    assertThat(r.errText()).isEqualTo("first\nno newline at the end");
    assertThat(r.outText()).isEqualTo("out\n");
    assertThat(r.status()).isEqualTo(3);
  }

  @Test
  void onlyTheFirstLineIsFiltered() throws Exception {
    Run r = launch(new byte[0], guest("echo '" + WARNING + "' >&2; echo '  " + WARNING + "' >&2"));
    assertThat(r.errText()).isEqualTo(WARNING + "\n  " + WARNING + "\n");
    assertThat(r.status()).isZero();
    Run plain = launch(new byte[0], "bash", "-c", "echo 'a guest line' >&2; exit 42");
    assertThat(plain.errText()).isEqualTo("a guest line\n");
    assertThat(plain.status()).isEqualTo(42);
  }

  @Test
  void theJvmsNotesStayAndTheWarningAfterThemGoes() throws Exception {
    Run r =
        launch(
            new byte[0],
            "bash",
            "-c",
            "echo 'NOTE: Picked up JDK_JAVA_OPTIONS: -Xmx1g' >&2; echo '"
                + WARNING
                + "' >&2; echo guest >&2");
    assertThat(r.errText()).isEqualTo("NOTE: Picked up JDK_JAVA_OPTIONS: -Xmx1g\nguest\n");
  }

  @Test
  void stdinAndBinaryOutputPassUnchanged() throws Exception {
    byte[] input = new byte[70_000];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31);
    }
    Path file = Files.createTempFile("launch", ".bin");
    try {
      Files.write(file, input);
      Run r = launch(input, guest("cat; cat '" + file + "' >&2"));
      assertThat(r.out()).isEqualTo(input);
      assertThat(r.err()).isEqualTo(input);
      assertThat(r.status()).isZero();
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void aRealJvmWithTheVectorApiPrintsNoWarning() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Run r = launch(new byte[0], java, "--add-modules", "jdk.incubator.vector", "--version");
    assertThat(r.errText()).isEmpty();
    assertThat(r.outText()).contains("Runtime Environment");
    assertThat(r.status()).isZero();
  }

  /**
   * The distribution's {@code bin/cortado}, with a stand-in {@code java} that prints its arguments
   * and, as the JVM does, the incubator warning when it is given the Vector API module.
   */
  private static Run distLauncher(Path home, String vectorApi, String... args) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.copy(Path.of("src/dist/bin/cortado"), bin.resolve("cortado"));
    Files.copy(LAUNCH, bin.resolve("cortado-launch"));
    Path jdk = Files.createDirectories(home.resolve("jdk/bin"));
    Path java = jdk.resolve("java");
    Files.writeString(
        java,
        """
        #!/usr/bin/env bash
        if [ "$1" = -version ]; then echo 'openjdk version "25" 2025-09-16' >&2; exit 0; fi
        case " $* " in *" jdk.incubator.vector "*) echo '%s' >&2 ;; esac
        echo "$@"
        echo guest >&2
        """
            .formatted(WARNING));
    java.toFile().setExecutable(true);
    List<String> command = new ArrayList<>(List.of("bash", bin.resolve("cortado").toString()));
    command.addAll(args.length == 0 ? List.of("run") : List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", jdk.getParent().toString());
    if (vectorApi == null) {
      builder.environment().remove("CORTADO_VECTOR_API");
    } else {
      builder.environment().put("CORTADO_VECTOR_API", vectorApi);
    }
    return run(builder, new byte[0]);
  }

  /** The export that lets compiled code reach memory through {@code Unsafe} (DirectMemoryOps). */
  private static final String DIRECT_MEMORY =
      "--add-exports java.base/jdk.internal.misc=dev.cortado.runtime ";

  /** G1's first class-unloading threshold, raised for modules of many classes. */
  private static final String METASPACE = "-XX:MetaspaceSize=256m ";

  /** Bigger methods: the JVM options that compile them well, and the compiler's limit. */
  private static final String METHODS =
      "-XX:-DontCompileHugeMethods -XX:-ClipInlining -D" + CompilerOptions.METHOD_LIMIT + "=32000 ";

  /** The option that gives HotSpot the distribution's compile commands (conf/). */
  private static String commands(Path home) {
    return "-XX:CompileCommandFile="
        + home.toAbsolutePath().normalize().resolve("conf/compile-commands.txt")
        + " ";
  }

  /**
   * What {@code run} adds outside {@code --tier interpreter}: C1 alone compiles the interpreter.
   */
  private static final String INTERPRETER_C1 =
      "-XX:CompileCommand=quiet"
          + " -XX:CompileCommand=MaxNodeLimit,dev/cortado/runtime/internal/interpreter/*.*,1 ";

  @Test
  void runLetsOnlyC1CompileTheInterpreterUnlessItIsTheTier() throws Exception {
    // The package the pattern names holds the interpreter's dispatch loop.
    assertThat(
            Class.forName(
                "dev.cortado.runtime.internal.interpreter.HotLoop",
                false,
                getClass().getClassLoader()))
        .isNotNull();
    Path home = Files.createTempDirectory("cortado-home");
    try {
      String[][] withIt = {
        {"run"}, {"run", "--tier", "tiered", "m.wasm"}, {"run", "--tier=compiled", "m.wasm"}
      };
      int i = 0;
      for (String[] args : withIt) {
        Run r = distLauncher(home.resolve("with" + i++), "0", args);
        assertThat(r.outText()).as(String.join(" ", args)).contains(INTERPRETER_C1);
      }
      String[][] without = {
        {"run", "--tier", "interpreter", "m.wasm"},
        {"run", "--tier=interpreter", "m.wasm"},
        {"wast", "--tier", "tiered", "s.wast"},
        {"validate", "m.wasm"}
      };
      for (String[] args : without) {
        Run r = distLauncher(home.resolve("without" + i++), "0", args);
        assertThat(r.outText())
            .as(String.join(" ", args))
            .doesNotContain("internal/interpreter")
            .contains(commands(home.resolve("without" + (i - 1))));
      }
    } finally {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The compiler's method limit and the JVM options that make such methods compile well go together
   * to every command, {@code compile} included: a {@code .cwasm} records the limit, and {@code run}
   * loads only one made with its own.
   */
  @Test
  void everyCommandGetsTheMethodLimitWithItsJvmOptions() throws Exception {
    Path home = Files.createTempDirectory("cortado-home");
    try {
      String[][] commands = {
        {"run", "m.wasm"}, {"compile", "m.wasm"}, {"wast", "s.wast"}, {"validate", "m.wasm"}
      };
      int i = 0;
      for (String[] args : commands) {
        for (String vectorApi : new String[] {"0", "1"}) {
          Run r = distLauncher(home.resolve("h" + i++), vectorApi, args);
          assertThat(r.outText()).as(String.join(" ", args)).contains(METASPACE + METHODS);
        }
      }
    } finally {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theDistributionLauncherEnablesTheVectorApiByDefaultWithoutItsWarning() throws Exception {
    Path home = Files.createTempDirectory("cortado-home");
    try {
      for (String setting : new String[] {null, "1"}) {
        Run r = distLauncher(home.resolve(String.valueOf(setting)), setting);
        assertThat(r.outText())
            .startsWith(
                "--add-modules jdk.incubator.vector "
                    + DIRECT_MEMORY
                    + METASPACE
                    + METHODS
                    + commands(home.resolve(String.valueOf(setting)))
                    + INTERPRETER_C1
                    + "-p ")
            .endsWith(" run\n");
        assertThat(r.errText()).isEqualTo("guest\n");
        assertThat(r.status()).isZero();
      }
      Run off = distLauncher(home.resolve("off"), "0");
      assertThat(off.outText())
          .startsWith(
              DIRECT_MEMORY
                  + METASPACE
                  + METHODS
                  + commands(home.resolve("off"))
                  + INTERPRETER_C1
                  + "-p ")
          .doesNotContain("jdk.incubator.vector");
      assertThat(off.errText()).isEqualTo("guest\n");
    } finally {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Every class the launchers' compile commands keep away from C2 exists, and every package has
   * classes: a renamed class would otherwise fall back to C2 without a word.
   */
  @Test
  void theCompileCommandsNameClassesThatExist() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/dist/conf/compile-commands.txt"));
    assertThat(lines).contains("quiet");
    Set<String> packages = new HashSet<>(Object.class.getModule().getPackages());
    packages.addAll(dev.cortado.wasm.WasmModule.class.getModule().getPackages());
    int checked = 0;
    for (String line : lines) {
      if (!line.startsWith("MaxNodeLimit,")) {
        continue;
      }
      assertThat(line).endsWith(",1");
      String pattern = line.split(",")[1];
      assertThat(pattern).endsWith("*.*");
      String prefix = pattern.substring(0, pattern.length() - "*.*".length()).replace('/', '.');
      if (prefix.endsWith(".")) {
        String pkg = prefix.substring(0, prefix.length() - 1);
        assertThat(packages).as(pattern).anyMatch(p -> p.equals(pkg) || p.startsWith(prefix));
      } else {
        assertThat(Class.forName(prefix, false, getClass().getClassLoader()))
            .as(pattern)
            .isNotNull();
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  /**
   * Classes of the compiler package that generated code calls, or that run while a guest runs: C2
   * must be free to compile them. Every other class of the package only compiles, and the compile
   * commands must name it (a new emitter left out cost 1.4 s of C2 time compiling speedtest1 ten
   * times over, and 12% of the compilation's time).
   */
  private static final Set<String> RUN_TIME_CLASSES =
      Set.of(
          "Backtraces",
          "CallLinker",
          "CompiledInstance",
          "CompiledModule",
          "DirectMemoryOps",
          "Execution",
          "Invokers",
          "LimitOps",
          "MemoryOps",
          "MultiValue",
          "Ops",
          "SplitOps",
          "TableOps",
          "TierBridge",
          "TierUp",
          "Unwind",
          "VectorSupport",
          "VectorValues");

  @Test
  void theCompileCommandsNameEveryClassThatOnlyCompiles() throws Exception {
    String commands = Files.readString(Path.of("src/dist/conf/compile-commands.txt"));
    Path dir = Path.of("../runtime/src/main/java/dev/cortado/runtime/internal/compiler");
    List<String> missing = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString().replace(".java", "");
        String line = "MaxNodeLimit,dev/cortado/runtime/internal/compiler/" + name + "*.*,1";
        boolean named = commands.lines().anyMatch(line::equals);
        assertThat(named && RUN_TIME_CLASSES.contains(name)).as(name).isFalse();
        if (!named && !RUN_TIME_CLASSES.contains(name)) {
          missing.add(name);
        }
      }
    }
    assertThat(missing)
        .as("compiler classes neither in compile-commands.txt nor run time")
        .isEmpty();
  }
}
