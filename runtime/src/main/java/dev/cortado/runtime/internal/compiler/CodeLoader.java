package dev.cortado.runtime.internal.compiler;

import java.lang.invoke.MethodHandles;

/**
 * Defines generated classes as hidden classes (JVMS 5.3.5, {@code Lookup.defineHiddenClass}) in
 * this package: they can use the runtime's internals, are invisible to class loaders and are
 * unloaded once their module's compiled code is no longer reachable.
 */
final class CodeLoader {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  /** A folder to write every generated class to, for {@code javap}: debugging only. */
  private static final String DUMP = System.getProperty("cortado.compiler.dump");

  private static final java.util.concurrent.atomic.AtomicInteger DUMPED =
      new java.util.concurrent.atomic.AtomicInteger();

  private CodeLoader() {}

  /** Defines a class with {@code data} as its class data; returns a full-privilege lookup on it. */
  static MethodHandles.Lookup define(byte[] bytes, Object data) {
    dump(bytes);
    try {
      return LOOKUP.defineHiddenClassWithClassData(bytes, data, true);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot define generated class", e);
    }
  }

  /** Defines a class without class data. */
  static MethodHandles.Lookup define(byte[] bytes) {
    dump(bytes);
    try {
      return LOOKUP.defineHiddenClass(bytes, true);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot define generated class", e);
    }
  }

  private static void dump(byte[] bytes) {
    if (DUMP != null) {
      try {
        java.nio.file.Path dir = java.nio.file.Path.of(DUMP);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve("C" + DUMPED.incrementAndGet() + ".class"), bytes);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
