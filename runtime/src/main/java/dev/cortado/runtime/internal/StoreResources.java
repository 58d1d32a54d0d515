package dev.cortado.runtime.internal;

import dev.cortado.runtime.InstantiationFailedException;
import dev.cortado.runtime.ResourceLimiter;
import dev.cortado.runtime.StoreLimits;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.WasmModule;
import java.util.List;

/**
 * What one store's instances have allocated, checked against the store's {@link StoreLimits} and
 * {@link ResourceLimiter} before anything is allocated. Used only by the thread running the store.
 *
 * <p>Memories and tables are never freed while their store lives (spec 4.2.3: a store only grows),
 * so the counts only go up; a growth that was approved but then could not be allocated is given
 * back.
 */
public final class StoreResources {
  private final StoreLimits limits;
  private final ResourceLimiter limiter;

  private int instances;
  private int memories;
  private int tables;
  private long memoryBytes;

  StoreResources(StoreLimits limits, ResourceLimiter limiter) {
    this.limits = limits;
    this.limiter = limiter;
  }

  /** The most bytes one memory of the store may have. */
  public long maxMemoryBytes() {
    return limits.maxMemoryBytes();
  }

  /** Whether a refused {@code memory.grow} or {@code table.grow} traps rather than returning -1. */
  public boolean trapOnGrowFailure() {
    return limits.trapOnGrowFailure();
  }

  /**
   * Admits a new instance of {@code module}: its count and the initial sizes of the memories and
   * tables it defines. Throws {@link InstantiationFailedException} with a {@link
   * TrapKind#LIMIT_EXCEEDED} trap, changing nothing, if a limit refuses.
   */
  public void admitInstance(WasmModule module) {
    List<MemType> mems = module.memories();
    List<TableType> tabs = module.tables();
    if (instances >= limits.maxInstances()) {
      throw refused("more than " + limits.maxInstances() + " instances");
    }
    if (mems.size() > limits.maxMemories() - memories) {
      throw refused("more than " + limits.maxMemories() + " memories");
    }
    if (tabs.size() > limits.maxTables() - tables) {
      throw refused("more than " + limits.maxTables() + " tables");
    }
    long newBytes = 0;
    for (MemType type : mems) {
      long bytes = type.limits().min() * MemType.PAGE_SIZE;
      if (bytes > limits.maxMemoryBytes()) {
        throw refused("a memory of " + bytes + " bytes exceeds " + limits.maxMemoryBytes());
      }
      newBytes += bytes;
      if (!askLimiterForMemory(0, bytes, maxBytes(type))) {
        throw refused("the limiter refused a memory of " + bytes + " bytes");
      }
    }
    if (newBytes > limits.maxTotalMemoryBytes() - memoryBytes) {
      throw refused(
          "memories of "
              + (memoryBytes + newBytes)
              + " bytes in total exceed "
              + limits.maxTotalMemoryBytes());
    }
    for (TableType type : tabs) {
      long min = type.limits().min();
      if (min > limits.maxTableElements()) {
        throw refused("a table of " + min + " elements exceeds " + limits.maxTableElements());
      }
      if (!askLimiterForTable(0, min, maxElements(type.limits()))) {
        throw refused("the limiter refused a table of " + min + " elements");
      }
    }
    instances++;
    memories += mems.size();
    tables += tabs.size();
    memoryBytes += newBytes;
  }

  /**
   * Whether a memory of this store may grow from {@code currentBytes} to {@code desiredBytes};
   * counts the growth if so. Throws {@link TrapSignal} ({@link TrapKind#HOST_ERROR}) if the limiter
   * throws.
   */
  public boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes) {
    long delta = desiredBytes - currentBytes;
    if (desiredBytes > limits.maxMemoryBytes()
        || delta > limits.maxTotalMemoryBytes() - memoryBytes) {
      return false;
    }
    if (!askLimiterForMemory(currentBytes, desiredBytes, maximumBytes)) {
      return false;
    }
    memoryBytes += delta;
    return true;
  }

  /** Gives back a growth {@link #memoryGrowing} approved that could not be allocated. */
  public void memoryGrowFailed(long currentBytes, long desiredBytes) {
    memoryBytes -= desiredBytes - currentBytes;
  }

  /** Whether a table of this store may grow from {@code current} to {@code desired} elements. */
  public boolean tableGrowing(long current, long desired, long maximum) {
    return desired <= limits.maxTableElements() && askLimiterForTable(current, desired, maximum);
  }

  private boolean askLimiterForMemory(long current, long desired, long maximum) {
    try {
      return limiter.memoryGrowing(current, desired, maximum);
    } catch (RuntimeException e) {
      throw new TrapSignal(TrapKind.HOST_ERROR, e);
    }
  }

  private boolean askLimiterForTable(long current, long desired, long maximum) {
    try {
      return limiter.tableGrowing(current, desired, maximum);
    } catch (RuntimeException e) {
      throw new TrapSignal(TrapKind.HOST_ERROR, e);
    }
  }

  private static long maxBytes(MemType type) {
    long pages = type.limits().hasMax() ? type.limits().max() : MemoryInstance.MAX_PAGES;
    return Math.min(pages, MemoryInstance.MAX_PAGES) * MemType.PAGE_SIZE;
  }

  /** A table type's maximum (4.2.7: at most 2^32 - 1 elements without one). */
  static long maxElements(Limits limits) {
    return limits.hasMax() ? limits.max() : 0xFFFF_FFFFL;
  }

  private static InstantiationFailedException refused(String what) {
    return new InstantiationFailedException(
        new Trap(
            TrapKind.LIMIT_EXCEEDED,
            TrapKind.LIMIT_EXCEEDED.message() + ": " + what,
            List.of(),
            null));
  }
}
