package dev.cortado.wasm;

/** How an element or data segment is used (spec 2.5.7, 2.5.8). */
public enum SegmentMode {
  /** Copied into a table or memory at instantiation, then dropped. */
  ACTIVE,
  /** Used by {@code table.init} / {@code memory.init}. */
  PASSIVE,
  /** Element segments only: declares functions for {@code ref.func}, then dropped. */
  DECLARATIVE
}
