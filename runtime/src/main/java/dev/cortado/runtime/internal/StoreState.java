package dev.cortado.runtime.internal;

import dev.cortado.runtime.ResourceLimiter;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.TrapKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * The engine's side of a {@link Store}: the fuel counter and interruption flag that running code
 * reads (both tiers read these fields directly), the call timeout, and the store's {@link
 * StoreResources}. See docs/limits.md.
 *
 * <p>Threads: only {@link #interrupt()}, {@link #isInterrupted()} and the timeout's expiry run on
 * other threads. {@link #interruption} is volatile so that running code sees a change promptly; its
 * writers synchronize on {@link #lock}. Running code reads it at its polls only while a request is
 * out ({@link InterruptPolls}).
 */
public final class StoreState {
  private static Function<Store, StoreState> access;

  /** {@link #interruption} bit: {@link Store#interrupt()} was called. */
  static final int REQUESTED = 1;

  /** {@link #interruption} bit: the running call's timeout passed. */
  static final int TIMED_OUT = 2;

  private final Store store;
  private final StoreConfig config;
  private final StoreResources resources;

  /** Non-zero when the store's code must stop: read at loop headers and function entries. */
  public volatile int interruption;

  /**
   * Whether running code checks {@link #interruption} at loop headers and function entries. Only
   * for measuring what the checks cost (the benchmark runner's {@code +nochecks} modes): {@code
   * -Dcortado.measure.noInterruptChecks=true} turns them off, and then {@code interrupt()} and
   * timeouts do not stop running code (waiting host functions still wake). A constant to the JIT,
   * so the switch itself costs nothing.
   */
  public static final boolean INTERRUPT_CHECKS =
      !Boolean.getBoolean("cortado.measure.noInterruptChecks");

  /**
   * The fuel left, when {@link #metered}. Running code charges it directly (one thread runs a store
   * at a time, so a plain field suffices); it never goes negative.
   */
  public long fuel;

  public final boolean metered;

  private final Object lock = new Object();
  private final List<Runnable> wakers = new ArrayList<>();
  private final long timeoutNanos;

  /**
   * Calls from the host into the store's code that have not returned. Volatile: {@link #raise}
   * reads it from another thread (see {@link #checksRequested}).
   */
  private volatile int activeCalls;

  /**
   * Whether this store holds a request that compiled code check interruption flags ({@link
   * InterruptPolls}): from an interruption while its code runs until that code has returned.
   * Written under {@link #lock}; volatile so that {@link #exitCall} can test it without the lock.
   * Whoever writes last of {@code activeCalls} and this field sees the other's write, so a request
   * is always released.
   */
  private volatile boolean checksRequested;

  /** Tells a timeout's expiry from a later call's (guarded by {@link #lock}). */
  private long callGeneration;

  private ScheduledFuture<?> deadline;

  public StoreState(Store store, StoreConfig config, ResourceLimiter limiter) {
    this.store = store;
    this.config = config;
    this.resources = new StoreResources(config.limits(), limiter);
    this.metered = config.metered();
    this.fuel = metered ? config.fuel() : 0;
    this.timeoutNanos = config.timeout() == null ? 0 : saturatedNanos(config.timeout());
  }

  /** Lets {@link Store} hand its state to the engine without a public accessor. */
  public static synchronized void setAccess(Function<Store, StoreState> storeAccess) {
    if (access != null) {
      throw new IllegalStateException("store access already set");
    }
    access = storeAccess;
  }

  /** The engine state of {@code store}. */
  public static StoreState of(Store store) {
    return access.apply(store);
  }

  public Store store() {
    return store;
  }

  public StoreConfig config() {
    return config;
  }

  public StoreResources resources() {
    return resources;
  }

  // ---- fuel ----

  public long fuel() {
    return metered ? fuel : StoreConfig.UNMETERED;
  }

  public void setFuel(long newFuel) {
    requireMetered();
    if (newFuel < 0) {
      throw new IllegalArgumentException("fuel must not be negative: " + newFuel);
    }
    fuel = newFuel;
  }

  public void addFuel(long more) {
    requireMetered();
    if (more < 0) {
      throw new IllegalArgumentException("fuel to add must not be negative: " + more);
    }
    long sum = fuel + more;
    fuel = sum < 0 ? Long.MAX_VALUE : sum;
  }

  private void requireMetered() {
    if (!metered) {
      throw new IllegalStateException("the store does not account fuel (StoreConfig.withFuel)");
    }
  }

  /**
   * The trap for running out: {@code cost} is what the code about to run needs, more than {@link
   * #fuel} holds.
   */
  public static TrapSignal outOfFuel() {
    return new TrapSignal(TrapKind.OUT_OF_FUEL);
  }

  // ---- interruption ----

  public void interrupt() {
    raise(REQUESTED, -1);
  }

  public boolean isInterrupted() {
    return (interruption & REQUESTED) != 0;
  }

  public void clearInterrupt() {
    synchronized (lock) {
      interruption &= ~REQUESTED;
    }
  }

  /** The trap running code throws when it finds {@link #interruption} set. */
  public static TrapSignal interrupted() {
    return new TrapSignal(TrapKind.INTERRUPTED);
  }

  /** Throws the interruption trap if the store's code must stop. */
  public void checkInterrupt() {
    if (INTERRUPT_CHECKS && interruption != 0) {
      throw interrupted();
    }
  }

  /**
   * Sets {@code bit} (for a timeout: only if call {@code generation} still runs), wakes waiters.
   */
  private void raise(int bit, long generation) {
    Runnable[] toWake;
    synchronized (lock) {
      if (generation >= 0 && generation != callGeneration) {
        return;
      }
      interruption |= bit;
      lock.notifyAll();
      toWake = wakers.toArray(new Runnable[0]);
      if (INTERRUPT_CHECKS && !checksRequested) {
        // Running code polls the flag only on request (InterruptPolls), and a request
        // deoptimizes compiled code everywhere: make one only while this store's code runs. A
        // call that starts later requests at its entry (enterCall). The flag is written before
        // activeCalls is read, as exitCall writes activeCalls before it reads the flag, so a
        // call that ends meanwhile either is seen here or releases the request itself.
        checksRequested = true;
        if (activeCalls == 0) {
          checksRequested = false;
        } else {
          InterruptPolls.request();
        }
      }
    }
    for (Runnable w : toWake) {
      w.run();
    }
  }

  public boolean awaitInterrupt(Duration timeout) throws InterruptedException {
    long remaining = saturatedNanos(timeout);
    long end = System.nanoTime() + remaining;
    synchronized (lock) {
      while (interruption == 0 && remaining > 0) {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, remaining);
        remaining = end - System.nanoTime();
      }
      return interruption != 0;
    }
  }

  public Store.Registration onInterrupt(Runnable waker) {
    java.util.Objects.requireNonNull(waker, "waker");
    boolean already;
    synchronized (lock) {
      wakers.add(waker);
      already = interruption != 0;
    }
    if (already) {
      waker.run();
    }
    return () -> {
      synchronized (lock) {
        wakers.remove(waker);
      }
    };
  }

  public Store.Registration wakeOnInterrupt() {
    ThreadWaker waker = new ThreadWaker(Thread.currentThread());
    Store.Registration registration = onInterrupt(waker);
    return () -> {
      registration.close();
      waker.finish();
    };
  }

  /**
   * Interrupts one thread, until {@link #finish()}: then it clears the interrupt it caused. Both
   * are synchronized, so an interruption that raced with the end of the wait cannot arrive after
   * the clearing.
   */
  private static final class ThreadWaker implements Runnable {
    private final Thread thread;
    private boolean active = true;
    private boolean fired;

    ThreadWaker(Thread thread) {
      this.thread = thread;
    }

    @Override
    public synchronized void run() {
      if (active) {
        fired = true;
        thread.interrupt();
      }
    }

    /** Called by {@link #thread} itself when its wait is over. */
    synchronized void finish() {
      if (active) {
        active = false;
        if (fired) {
          Thread.interrupted();
        }
      }
    }
  }

  // ---- timeouts: each call from the host arms one (nested calls from host functions do not) ----

  /** Before a call from the host into the store's code. */
  public void enterCall() {
    // One thread at a time uses a store (calls from host functions nest), so this is no race.
    int active = activeCalls;
    activeCalls = active + 1;
    if (INTERRUPT_CHECKS && interruption != 0 && !checksRequested) {
      // Already interrupted: compiled code must poll during this call, to trap at its first
      // function entry as the interpreter does.
      synchronized (lock) {
        if (!checksRequested) {
          checksRequested = true;
          InterruptPolls.request();
        }
      }
    }
    if (timeoutNanos == 0) {
      return;
    }
    if (active == 0) {
      long generation;
      synchronized (lock) {
        generation = ++callGeneration;
      }
      deadline = Deadlines.schedule(() -> raise(TIMED_OUT, generation), timeoutNanos);
    }
  }

  /** After a call {@link #enterCall} began, however it ended. */
  public void exitCall() {
    int active = activeCalls - 1;
    activeCalls = active;
    if (active == 0 && checksRequested) {
      synchronized (lock) {
        if (checksRequested) {
          releaseChecks();
        }
      }
    }
    if (timeoutNanos == 0) {
      return;
    }
    if (active == 0) {
      deadline.cancel(false);
      deadline = null;
      synchronized (lock) {
        callGeneration++;
        interruption &= ~TIMED_OUT;
      }
    }
  }

  /** Withdraws this store's request that compiled code check interruption (under the lock). */
  private void releaseChecks() {
    checksRequested = false;
    InterruptPolls.release();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
