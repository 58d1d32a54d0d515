package dev.cortado.runtime;

/**
 * A guest asked to exit (WASI {@code proc_exit}): an exit code, not an error. Thrown by a host
 * function, it unwinds the guest and reaches the caller of {@link ExportedFunction#call} unchanged
 * (it is not turned into a {@link Trap}).
 */
public class ExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public ExitException(int exitCode) {
    super("exit " + exitCode, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
