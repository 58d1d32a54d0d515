package dev.cortado.runtime.internal.compiler;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** The chunk methods ({@code f<i>$<n>}) of a compiled module's generated class, for tests. */
final class ChunkMethods {
  private ChunkMethods() {}

  /** The chunk methods in the class holding function {@code funcIndex} of {@code code}. */
  static List<Method> of(CompiledModule code, int funcIndex) {
    Class<?> generated =
        MethodHandles.lookup().revealDirect(code.method(funcIndex)).getDeclaringClass();
    List<Method> chunks = new ArrayList<>();
    for (Method m : generated.getDeclaredMethods()) {
      if (m.getName().contains("$")) {
        chunks.add(m);
      }
    }
    return chunks;
  }
}
