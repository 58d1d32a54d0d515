package dev.cortado.runtime.internal.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Every {@link VectorLanes} operation, and the {@link VectorOps} and {@link VectorComposites} ones,
 * give the scalar lane methods' results, half by half, on random and special inputs (NaNs with
 * payloads, signed zeros, infinities, lane minima and maxima), often enough that C2 compiles the
 * Vector API intrinsics; vector memory accesses are little-endian and check their bounds before
 * writing. Runs only where the JVM has {@code jdk.incubator.vector} (the build's {@code vector}
 * test execution adds it); the checks are in {@link VectorLanesCases}.
 */
@EnabledIf("vectorModulePresent")
class VectorLanesTest {
  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  @Test
  void everyLaneWiseOperationEqualsTheScalarOne() throws ReflectiveOperationException {
    VectorLanesCases.everyLaneWiseOperationEqualsTheScalarOne();
  }

  @Test
  void permutationsTestsAndWideningEqualTheScalarOnes() {
    VectorLanesCases.permutationsTestsAndWideningEqualTheScalarOnes();
  }

  @Test
  void compositesEqualTheScalarOnes() throws ReflectiveOperationException {
    VectorLanesCases.compositesEqualTheScalarOnes();
  }

  @Test
  void lanesSplatsAndZeroFillingAccessMemoryAsTheScalarOnes() {
    VectorLanesCases.lanesSplatsAndZeroFillingAccessMemoryAsTheScalarOnes();
  }

  @Test
  void memoryAccessesReadAndWriteLittleEndianAndCheckBounds() {
    VectorLanesCases.memoryAccessesReadAndWriteLittleEndianAndCheckBounds();
  }
}
