package dev.cortado.wasm;

/** An export (spec 2.5.10): a name for a function, table, memory or global index. */
public record Export(String name, ExternKind kind, int index) {}
