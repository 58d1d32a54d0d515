package dev.cortado.runtime;

import dev.cortado.runtime.internal.StoreState;
import java.time.Duration;
import java.util.Objects;

/**
 * Owns instances and the settings they run under. A store and everything instantiated in it is used
 * by one thread at a time (see docs/embedding.md), with one exception: {@link #interrupt()} may be
 * called from any thread.
 *
 * <pre>{@code
 * Store store = new Store(StoreConfig.defaults().withFuel(1_000_000));
 * Instance instance = new Linker().instantiate(store, module);
 * // from a watchdog thread: store.interrupt();
 * }</pre>
 */
public final class Store {
  static {
    StoreState.setAccess(store -> store.state);
  }

  private static final ResourceLimiter NO_LIMITER = new ResourceLimiter() {};

  private final StoreState state;

  public Store() {
    this(StoreConfig.defaults());
  }

  public Store(StoreConfig config) {
    this(config, NO_LIMITER);
  }

  /** A store whose memory and table growth {@code limiter} also approves. */
  public Store(StoreConfig config, ResourceLimiter limiter) {
    this.state =
        new StoreState(
            this,
            Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(limiter, "limiter"));
  }

  public StoreConfig config() {
    return state.config();
  }

  // ---- interruption ----

  /**
   * Stops the store's guests: code running in the store's instances, on any thread, traps with
   * {@link TrapKind#INTERRUPTED} at its next loop iteration or function call, and so does every
   * later call until {@link #clearInterrupt()}. Host functions see {@link Caller#interrupted()} and
   * are woken from {@link #awaitInterrupt} and {@link #onInterrupt} waits. Thread-safe.
   */
  public void interrupt() {
    state.interrupt();
  }

  /** Whether {@link #interrupt()} was called since the last {@link #clearInterrupt()}. */
  public boolean isInterrupted() {
    return state.isInterrupted();
  }

  /** Lets the store's code run again after {@link #interrupt()}. */
  public void clearInterrupt() {
    state.clearInterrupt();
  }

  /**
   * Waits until the store is interrupted (or the running call's timeout passes) or {@code timeout}
   * has passed; returns whether it was interrupted. For host functions that would otherwise sleep.
   */
  public boolean awaitInterrupt(Duration timeout) throws InterruptedException {
    return state.awaitInterrupt(timeout);
  }

  /**
   * Runs {@code waker} (on the interrupting thread) when the store is interrupted or the running
   * call's timeout passes, at once if it already is; until the returned registration is closed. For
   * host functions that block: the waker makes the blocking operation return (for example by
   * interrupting the blocked thread or waking a selector).
   */
  public Registration onInterrupt(Runnable waker) {
    return state.onInterrupt(waker);
  }

  /**
   * Until the returned registration is closed, an interruption of the store (or the running call's
   * timeout) interrupts the calling thread ({@link Thread#interrupt()}), waking it from {@code
   * Thread.sleep}, {@code Object.wait}, blocking queues and interruptible channels. Closing the
   * registration clears such an interrupt, so that it never leaks into the code that called the
   * guest. For host functions that block:
   *
   * <pre>{@code
   * try (Store.Registration r = caller.store().wakeOnInterrupt()) {
   *   Thread.sleep(millis);
   * } catch (InterruptedException e) {
   *   return errno(EINTR); // the guest traps with INTERRUPTED right after
   * }
   * }</pre>
   */
  public Registration wakeOnInterrupt() {
    return state.wakeOnInterrupt();
  }

  /** A registration made by {@link #onInterrupt}; closing it twice is harmless. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  // ---- fuel ----

  /**
   * The fuel left, or {@link StoreConfig#UNMETERED} if the store does not account fuel. Code costs
   * one unit per instruction, charged as each straight-line stretch of code is entered (see
   * docs/limits.md), so the interpreter and compiled code stop at the same point. Read it on the
   * thread that runs the store (for example in a host function or after a call).
   */
  public long fuel() {
    return state.fuel();
  }

  /** Sets the fuel left; throws {@link IllegalStateException} if the store is unmetered. */
  public void setFuel(long fuel) {
    state.setFuel(fuel);
  }

  /** Adds fuel (saturating); throws {@link IllegalStateException} if the store is unmetered. */
  public void addFuel(long fuel) {
    state.addFuel(fuel);
  }
}
