package dev.cortado.runtime.internal.compiler;

import java.util.Optional;

/**
 * Whether compiled SIMD uses the JDK Vector API ({@code jdk.incubator.vector}, through {@code
 * internal.simd.VectorLanes}): only where that incubator module is in the boot layer and readable
 * by the runtime (the JVM started with {@code --add-modules jdk.incubator.vector}), and not turned
 * off with {@code -Dcortado.simd.vector=false}. Without it, compiled SIMD is the scalar lane
 * methods, with the same results. Code generated either way records it in its version ({@link
 * CompilerVersion}), so a {@code .cwasm} file or cache entry made with the Vector API is never
 * loaded where the module is missing.
 */
final class VectorSupport {
  static final boolean ENABLED = enabled();

  private VectorSupport() {}

  private static boolean enabled() {
    if (!Boolean.parseBoolean(System.getProperty("cortado.simd.vector", "true"))) {
      return false;
    }
    Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
    return vector.isPresent() && VectorSupport.class.getModule().canRead(vector.get());
  }
}
