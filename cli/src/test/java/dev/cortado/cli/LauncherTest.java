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
import java.util.List;
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
    Process p = new ProcessBuilder(cmd).start();
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
}
