package dev.cortado.wasi.internal;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the host process's descriptor 0, 1 or 2 is a terminal. The JDK answers only for stdin and
 * stdout together ({@link Console#isTerminal()}); on Linux each descriptor's link in {@code
 * /proc/self/fd} names its device, so a piped stdin with a terminal stdout is told apart.
 */
public final class HostTerminals {
  private HostTerminals() {}

  public static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd", Integer.toString(fd));
    if (Files.isDirectory(link.getParent())) {
      try {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/")
            || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return false;
      }
    }
    Console console = System.console();
    return console != null && console.isTerminal();
  }
}
