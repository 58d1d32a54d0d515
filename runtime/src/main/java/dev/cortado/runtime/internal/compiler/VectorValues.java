package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.simd.VectorLanes;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.IntVector;

/**
 * Where compiled code holds a v128 as an {@code IntVector} ({@link JvmTypes#VECTORS}): moving it in
 * and out of a {@link MultiValue} carrier, which holds it flat, and linking the calls of the Vector
 * API methods of {@code internal.simd}. Only loaded then (it links against {@code
 * jdk.incubator.vector}).
 */
public final class VectorValues {
  private VectorValues() {}

  /**
   * The bootstrap of the {@code invokedynamic}s that call {@code owner.name} (see {@link
   * JvmTypes#vectorCall}): a constant call site of that static method.
   */
  public static CallSite link(
      MethodHandles.Lookup caller, String name, MethodType type, Class<?> owner)
      throws ReflectiveOperationException {
    return new ConstantCallSite(MethodHandles.lookup().findStatic(owner, name, type));
  }

  public static void put(IntVector v, MultiValue m, int i) {
    MultiValue.putV128(VectorLanes.lo(v), VectorLanes.hi(v), m, i);
  }

  public static IntVector get(MultiValue m, int i) {
    return VectorLanes.pack(MultiValue.getV128Low(m, i), MultiValue.getV128High(m, i));
  }

  /** Stores {@code v} at {@code a[i..i+3]}: a v128 local as a loop carries it. */
  public static void carry(IntVector v, int[] a, int i) {
    v.intoArray(a, i);
  }

  /** The v128 at {@code a[i..i+3]} (see {@link #carry}). */
  public static IntVector carried(int[] a, int i) {
    return IntVector.fromArray(IntVector.SPECIES_128, a, i);
  }
}
