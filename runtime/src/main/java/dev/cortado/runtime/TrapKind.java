package dev.cortado.runtime;

/** Why a guest stopped. {@link #message()} is the official testsuite's message for spec traps. */
public enum TrapKind {
  UNREACHABLE("unreachable"),
  INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
  INTEGER_OVERFLOW("integer overflow"),
  INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
  OUT_OF_BOUNDS_MEMORY_ACCESS("out of bounds memory access"),
  OUT_OF_BOUNDS_TABLE_ACCESS("out of bounds table access"),
  UNDEFINED_ELEMENT("undefined element"),
  UNINITIALIZED_ELEMENT("uninitialized element"),
  INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
  CALL_STACK_EXHAUSTED("call stack exhausted"),
  /** A host function threw an exception that is not a {@link Trap}; it is the trap's cause. */
  HOST_ERROR("host function failed"),
  /** The engine cannot allocate what the guest asked for (e.g. the JVM heap ran out). */
  RESOURCE_EXHAUSTED("resource exhausted"),
  /**
   * The host stopped the guest: {@link Store#interrupt()}, or the call ran past its {@link
   * StoreConfig#timeout()}.
   */
  INTERRUPTED("interrupted"),
  /** The store's fuel ran out (see {@link Store#fuel()}). */
  OUT_OF_FUEL("out of fuel"),
  /**
   * The guest asked for more than the store's {@link StoreLimits} or {@link ResourceLimiter} allow
   * (a growth with {@link StoreLimits#trapOnGrowFailure()}, or an instantiation).
   */
  LIMIT_EXCEEDED("resource limit exceeded");

  private final String message;

  TrapKind(String message) {
    this.message = message;
  }

  /** The spec's message, e.g. {@code "integer divide by zero"}. */
  public String message() {
    return message;
  }
}
