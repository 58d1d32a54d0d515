package dev.cortado.cli;

/** The exit codes of {@code cortado}: distinct for each kind of failure. */
final class ExitCode {
  /** Everything went well. */
  static final int OK = 0;

  /**
   * A file or module error: no such file, malformed or invalid module, link error; or a {@code
   * wast} script with failures.
   */
  static final int ERROR = 1;

  /** The command line is wrong: unknown option, missing file, bad argument for {@code --invoke}. */
  static final int USAGE = 2;

  /** A bug in Cortado: an exception nobody expected (BSD's EX_SOFTWARE). */
  static final int INTERNAL = 70;

  /** The guest trapped. As wasmtime does on Unix: the code of a process killed by SIGABRT. */
  static final int TRAP = 134;

  private ExitCode() {}
}
