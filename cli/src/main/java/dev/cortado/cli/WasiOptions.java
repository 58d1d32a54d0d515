package dev.cortado.cli;

import dev.cortado.wasi.Preopen;
import dev.cortado.wasi.WasiConfig;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code cortado run}'s WASI options: what the guest is granted. Nothing is granted unless asked
 * for: no directory, no environment variable, no socket.
 */
final class WasiOptions {
  @Option(
      names = "--dir",
      paramLabel = "HOST[::GUEST]",
      description = {
        "Grants directory HOST to the guest, read-write, under the name GUEST",
        "(default: HOST as written). Repeatable."
      })
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--dir-ro",
      paramLabel = "HOST[::GUEST]",
      description = "Like --dir, read-only: the guest can change nothing below it. Repeatable.")
  List<String> readOnlyDirs = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME[=VALUE]",
      description = {
        "Gives the guest environment variable NAME=VALUE, or NAME with the value",
        "it has here. Repeatable."
      })
  List<String> env = new ArrayList<>();

  @Option(
      names = "--inherit-env",
      description = "Gives the guest this process's whole environment (before any --env).")
  boolean inheritEnv;

  @Option(
      names = "--tcplisten",
      paramLabel = "HOST:PORT",
      description = {
        "Opens a listening TCP socket on HOST:PORT and hands it to the guest",
        "(descriptors after the directories). Repeatable."
      })
  List<String> listen = new ArrayList<>();

  @Option(
      names = "--preload",
      paramLabel = "NAME=MODULE",
      description = {
        "Instantiates MODULE first and links its exports as import module NAME.",
        "Repeatable."
      })
  List<String> preloads = new ArrayList<>();

  @Option(
      names = "--trace-wasi",
      paramLabel = "FILE",
      description = "Logs every WASI call, its arguments and its result to FILE ('-': stderr).")
  Path traceWasi;

  WasiOptions() {}

  /** A {@code --preload}: the import module name and the file. */
  record Preload(String name, Path file) {}

  List<Preload> preloadList() {
    List<Preload> out = new ArrayList<>();
    for (String p : preloads) {
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw CliError.usage("--preload needs NAME=MODULE: " + p);
      }
      out.add(new Preload(p.substring(0, eq), Path.of(p.substring(eq + 1))));
    }
    return out;
  }

  /**
   * The config for a guest whose argv is {@code argv}, with stdio wired to {@code io}. Opens the
   * listening sockets; {@code closeAfterRun} collects what must be closed when the guest is done.
   */
  WasiConfig config(List<String> argv, Io io, List<AutoCloseable> closeAfterRun) {
    WasiConfig c =
        WasiConfig.defaults()
            .withArgs(argv)
            .withStdin(io.in())
            .withStdout(io.out())
            .withStderr(io.err());
    if (io.in() == System.in) {
      // The process's own stdio (the command line, not a test's streams): a guest sees a
      // terminal where the process has one, so that e.g. a shell prompts only when interactive.
      c = c.withHostTerminals();
    }
    if (inheritEnv) {
      c = c.withEnvironment(System.getenv());
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      try {
        if (eq > 0) {
          c = c.withEnv(e.substring(0, eq), e.substring(eq + 1));
        } else if (eq < 0 && System.getenv(e) != null) {
          c = c.withEnv(e, System.getenv(e));
        } else if (eq == 0) {
          throw CliError.usage("--env needs NAME or NAME=VALUE: " + e);
        }
      } catch (IllegalArgumentException x) {
        throw CliError.usage("--env " + e + ": " + x.getMessage());
      }
    }
    for (String d : dirs) {
      c = c.withPreopen(preopen(d, false, "--dir"));
    }
    for (String d : readOnlyDirs) {
      c = c.withPreopen(preopen(d, true, "--dir-ro"));
    }
    for (String address : listen) {
      ServerSocketChannel server = listen(address);
      closeAfterRun.add(server);
      c = c.withListener(server);
    }
    if (traceWasi != null) {
      c = c.withTrace(trace(io, closeAfterRun));
    }
    return c;
  }

  private static Preopen preopen(String spec, boolean readOnly, String option) {
    int sep = spec.indexOf("::");
    String host = sep < 0 ? spec : spec.substring(0, sep);
    String guest = sep < 0 ? spec : spec.substring(sep + 2);
    if (host.isEmpty() || guest.isEmpty()) {
      throw CliError.usage(option + " needs HOST[::GUEST]: " + spec);
    }
    Path path = Path.of(host);
    if (!Files.isDirectory(path)) {
      throw CliError.error(option + " " + host + ": no such directory");
    }
    return new Preopen(path, guest, readOnly);
  }

  private static ServerSocketChannel listen(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw CliError.usage("--tcplisten needs HOST:PORT: " + address);
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw CliError.usage("--tcplisten: bad port in " + address);
    }
    try {
      ServerSocketChannel server = ServerSocketChannel.open();
      try {
        server.bind(new InetSocketAddress(host, port));
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      throw CliError.error("--tcplisten " + address + ": " + e.getMessage());
    }
  }

  private PrintStream trace(Io io, List<AutoCloseable> closeAfterRun) {
    if (traceWasi.toString().equals("-")) {
      return io.err();
    }
    try {
      PrintStream p =
          new PrintStream(new FileOutputStream(traceWasi.toFile()), true, StandardCharsets.UTF_8);
      closeAfterRun.add(p);
      return p;
    } catch (FileNotFoundException e) {
      throw CliError.error("--trace-wasi " + traceWasi + ": cannot write: " + e.getMessage());
    }
  }
}
