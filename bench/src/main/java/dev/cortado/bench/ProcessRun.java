package dev.cortado.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One child process, timed from just before it starts until it has exited: its wall time, exit
 * status and output. Output goes to files rather than pipes so that a chatty child never blocks on
 * a full pipe while the clock runs.
 *
 * @param nanos the wall time; for a timeout, the timeout
 * @param timedOut true if the process was killed at the timeout
 * @param status the exit status (meaningless after a timeout)
 * @param stdout what it printed on stdout
 * @param stderr what it printed on stderr
 */
record ProcessRun(long nanos, boolean timedOut, int status, String stdout, String stderr) {

  static ProcessRun run(List<String> command, Path workDir, Duration timeout) throws IOException {
    Path out = Files.createTempFile("bench-stdout-", ".txt");
    Path err = Files.createTempFile("bench-stderr-", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      long start = System.nanoTime();
      Process process = builder.start();
      boolean exited;
      try {
        exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exited = false;
      }
      long nanos = System.nanoTime() - start;
      if (!exited) {
        // A launcher script may have started the JVM as a child: end the whole tree.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new ProcessRun(timeout.toNanos(), true, -1, read(out), read(err));
      }
      return new ProcessRun(nanos, false, process.exitValue(), read(out), read(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The last few lines of stderr, for a report's footnote on a failure. */
  String stderrTail() {
    String[] lines = stderr.strip().split("\n");
    int from = Math.max(0, lines.length - 3);
    return String.join(" / ", List.of(lines).subList(from, lines.length)).strip();
  }
}
