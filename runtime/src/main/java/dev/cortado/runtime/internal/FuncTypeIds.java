package dev.cortado.runtime.internal;

import dev.cortado.wasm.FuncType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical small integers for function types, so that {@code call_indirect}'s structural type
 * check (spec 4.4.8.8: the types must be equal, not just the indices) is one int comparison. Equal
 * types get equal ids in every module and store.
 */
public final class FuncTypeIds {
  private static final ConcurrentHashMap<FuncType, Integer> IDS = new ConcurrentHashMap<>();

  private FuncTypeIds() {}

  public static int of(FuncType type) {
    Integer id = IDS.get(type);
    if (id != null) {
      return id;
    }
    synchronized (IDS) {
      return IDS.computeIfAbsent(type, t -> IDS.size());
    }
  }
}
