package dev.cortado.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The {@code cortado} command line. Every failure ends as one {@code error: ...} line on stderr
 * (plus the wasm backtrace for a trap) and a distinct exit code ({@link ExitCode}); never a Java
 * stack trace.
 */
public final class Main {
  /**
   * The stack of the thread commands run on: deep wasm recursion must reach the runtime's call
   * depth limit (a trap) before the JVM's stack ends. Only touched pages cost memory.
   */
  private static final long STACK_SIZE = 1L << 30;

  private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    out.flush();
    System.exit(code);
  }

  /** Runs the command line {@code args}, writing to {@code out} and {@code err}; the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /**
   * Like {@link #run(String[], PrintStream, PrintStream)}, with {@code in} as the guest's stdin.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    int[] code = {ExitCode.INTERNAL};
    Thread thread =
        new Thread(null, () -> code[0] = runHere(args, in, out, err), "cortado", STACK_SIZE);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return ExitCode.INTERNAL;
    }
    return code[0];
  }

  private static int runHere(String[] args, InputStream in, PrintStream out, PrintStream err) {
    try {
      Io io = new Io(in, out, err);
      CommandLine cli = commandLine(io, args);
      int code = cli.execute(withDefaultCommand(cli, args));
      out.flush();
      err.flush();
      return code;
    } catch (Throwable t) {
      // Only reachable through a bug in the handlers below.
      err.println("error: internal error: " + describe(t));
      return ExitCode.INTERNAL;
    }
  }

  /**
   * The subcommands by name, made on demand: picocli reflects over a command's annotated fields
   * when it is added, which took most of a short run's time in a fresh JVM (about 0.4 s of the 0.8
   * s that {@code cortado run} took on a module that does nothing), so a command line that names
   * its command gets only that one.
   */
  private static final Map<String, Function<Io, Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Function<Io, Object>> subcommands() {
    Map<String, Function<Io, Object>> m = new LinkedHashMap<>();
    m.put("run", io -> new CommandLine(new RunCommand(io)).setStopAtPositional(true));
    m.put("compile", CompileCommand::new);
    m.put("validate", io -> new ValidateCommand());
    m.put("inspect", InspectCommand::new);
    m.put("convert", ConvertCommand::new);
    m.put("wast", WastScriptCommand::new);
    m.put("fuzz", FuzzCommand::new);
    return m;
  }

  /** The command line with every subcommand (for the usage message, and tests). */
  static CommandLine commandLine(Io io) {
    return commandLine(io, null);
  }

  /**
   * The command line for {@code args}: with only the subcommand they run (the default one, {@code
   * run}, when the first argument is neither a command nor a top-level option), or with all of them
   * if {@code args} is null, empty or starts with a top-level option.
   */
  static CommandLine commandLine(Io io, String[] args) {
    String only = null;
    if (args != null && args.length > 0 && !TOP_LEVEL_OPTIONS.contains(args[0])) {
      only = SUBCOMMANDS.containsKey(args[0]) ? args[0] : "run";
    }
    CommandLine cli = new CommandLine(new CortadoCommand(io));
    for (Map.Entry<String, Function<Io, Object>> e : SUBCOMMANDS.entrySet()) {
      if (only == null || only.equals(e.getKey())) {
        cli.addSubcommand(e.getValue().apply(io));
      }
    }
    cli.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, parsed) -> {
          io.err().println("error: " + lowerFirst(firstLine(e.getMessage())));
          io.err()
              .println(
                  "Try '"
                      + e.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          return ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          io.out().flush();
          if (e instanceof CliError error) {
            io.err().println("error: " + error.getMessage());
            io.err().print(error.details());
            if (error.exitCode() == ExitCode.USAGE) {
              io.err()
                  .println(
                      "Try '"
                          + commandLine.getCommandSpec().qualifiedName()
                          + " --help' for more information.");
            }
            return error.exitCode();
          }
          io.err().println("error: internal error: " + describe(e));
          return ExitCode.INTERNAL;
        });
    return cli;
  }

  /**
   * As wasmtime: {@code cortado FILE ...} means {@code cortado run FILE ...}, so the first argument
   * that is neither a command nor a top-level option starts a {@code run}.
   */
  private static String[] withDefaultCommand(CommandLine cli, String[] args) {
    if (args.length == 0
        || cli.getSubcommands().containsKey(args[0])
        || TOP_LEVEL_OPTIONS.contains(args[0])) {
      return args;
    }
    return Stream.concat(Stream.of("run"), Arrays.stream(args)).toArray(String[]::new);
  }

  /** An unexpected exception in one line: its class, message and where it was thrown. */
  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.getClass().getName());
    if (t.getMessage() != null) {
      sb.append(": ").append(firstLine(t.getMessage()));
    }
    StackTraceElement[] frames = t.getStackTrace();
    if (frames.length > 0) {
      sb.append(" (at ").append(frames[0]).append(')');
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** picocli's "Unknown option: ..." in the lower case of our other messages. */
  private static String lowerFirst(String s) {
    if (s.length() < 2 || !Character.isLowerCase(s.charAt(1))) {
      return s;
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
