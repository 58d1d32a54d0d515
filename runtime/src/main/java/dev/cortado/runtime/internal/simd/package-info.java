/**
 * The semantics of the SIMD instructions (spec 4.3 "vector operations", 4.4.3), written once as
 * static methods that the interpreter calls and that compiled code can call too (STYLE.md: opcode
 * semantics that are not one JVM instruction live once).
 *
 * <p>A {@code v128} is two {@code long}s: {@code lo} holds bytes 0 to 7 (lane 0 in the lowest bits,
 * little-endian as in memory), {@code hi} bytes 8 to 15. Most lane-wise operations never cross the
 * middle, so they are a method on one 64-bit half ({@code half}), applied to {@code lo} and to
 * {@code hi}; operations whose result half depends on both halves of an operand (narrowing,
 * widening, shuffles, bitmasks) take both halves and are split into one method per result half
 * where needed. Nothing here allocates.
 *
 * <p>One class per lane shape: {@link dev.cortado.runtime.internal.simd.I8x16}, {@link
 * dev.cortado.runtime.internal.simd.I16x8}, {@link dev.cortado.runtime.internal.simd.I32x4}, {@link
 * dev.cortado.runtime.internal.simd.I64x2}, {@link dev.cortado.runtime.internal.simd.F32x4}, {@link
 * dev.cortado.runtime.internal.simd.F64x2}, and {@link dev.cortado.runtime.internal.simd.V128} for
 * the shape-less bitwise operations, shuffles and swizzles. Float lanes are raw bits throughout, so
 * NaN payloads survive wherever the spec says bits are kept.
 */
package dev.cortado.runtime.internal.simd;
