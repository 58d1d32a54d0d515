package dev.cortado.spectest;

/**
 * Thrown inside the runner when a command fails; carries the one-line reason. Never leaves the
 * runner.
 */
final class CommandFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailed(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
