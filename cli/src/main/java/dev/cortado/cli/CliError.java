package dev.cortado.cli;

/**
 * A failure the command reports to the user: one line (after {@code error: }), optional further
 * lines (a trap's backtrace), and the exit code.
 */
final class CliError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String details;

  CliError(int exitCode, String message) {
    this(exitCode, message, "");
  }

  CliError(int exitCode, String message, String details) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.details = details;
  }

  static CliError usage(String message) {
    return new CliError(ExitCode.USAGE, message);
  }

  static CliError error(String message) {
    return new CliError(ExitCode.ERROR, message);
  }

  int exitCode() {
    return exitCode;
  }

  /** Lines printed after the message, each ending in a line break; may be empty. */
  String details() {
    return details;
  }
}
