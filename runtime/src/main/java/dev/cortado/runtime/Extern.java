package dev.cortado.runtime;

import dev.cortado.wasm.ExternKind;

/** Something an instance exports or a module imports: a function, table, memory or global. */
public sealed interface Extern permits ExportedFunction, Memory, Table, Global {
  ExternKind kind();
}
