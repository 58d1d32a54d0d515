package dev.cortado.wasi.internal;

/**
 * A WASI function failed with {@link #errno()}: thrown inside the host functions and turned into
 * the function's return value by {@link WasiFunction}. It never reaches the guest as a trap.
 */
public final class ErrnoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Errno errno;

  public ErrnoException(Errno errno) {
    this(errno, errno.witxName());
  }

  public ErrnoException(Errno errno, String detail) {
    // No stack trace: these are expected outcomes (a missing file), thrown often.
    super(detail, null, false, false);
    this.errno = errno;
  }

  public Errno errno() {
    return errno;
  }
}
