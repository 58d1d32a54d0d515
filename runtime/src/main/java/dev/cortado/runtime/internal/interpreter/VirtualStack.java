package dev.cortado.runtime.internal.interpreter;

import java.util.Arrays;

/**
 * The {@link CodeCompiler}'s model of the operand stack (see docs/interpreter.md, "Operands are
 * slots"). Every operand has a canonical slot, fixed by its position (the height is static); an
 * operand is either <em>in</em> its canonical slot, or <em>deferred</em>: still in the slot of the
 * local it was read from ({@code local.get}) or in the function's constant slot ({@code
 * i32.const}...), with no instruction emitted for it. An instruction reads its operands from
 * wherever they are; a deferred operand is copied to its canonical slot ("materialized") only when
 * something needs it there: a write to its local, a branch or block boundary, a call, an
 * instruction that takes its operands as consecutive slots.
 *
 * <p>Only one-slot numeric operands are ever deferred: references and v128 values always live in
 * their canonical slots.
 */
final class VirtualStack {
  private final CodeCompiler c;

  /** The slot width (1 or 2) of each operand, bottom first. */
  private byte[] widths = new byte[16];

  /** Each operand's canonical slot. */
  private int[] canonical = new int[16];

  /** The slot each operand is in now: its canonical slot, a local's or a constant's. */
  private int[] at = new int[16];

  /** The number of operands. */
  int depth;

  /** The canonical slot of the next operand: the operand base plus the slots in use. */
  int height;

  /** The largest {@link #height}. */
  int maxHeight;

  VirtualStack(CodeCompiler c, int base) {
    this.c = c;
    this.height = base;
    this.maxHeight = base;
  }

  /** Pushes an operand in its canonical slot; returns that slot. */
  int push(int width) {
    return push(width, height);
  }

  /** Pushes a one-slot operand that is still in {@code slot} (a local's or a constant's). */
  void pushDeferred(int slot) {
    push(1, slot);
  }

  private int push(int width, int slot) {
    if (depth == widths.length) {
      widths = Arrays.copyOf(widths, depth * 2);
      canonical = Arrays.copyOf(canonical, depth * 2);
      at = Arrays.copyOf(at, depth * 2);
    }
    int canonicalSlot = height;
    widths[depth] = (byte) width;
    canonical[depth] = canonicalSlot;
    at[depth] = width == 1 ? slot : canonicalSlot;
    depth++;
    height += width;
    if (height > maxHeight) {
      maxHeight = height;
    }
    return canonicalSlot;
  }

  /** Pops the top operand; returns the slot it is in (for a v128, the low half's). */
  int pop() {
    if (depth == 0) {
      throw new IllegalStateException("operand stack underflow");
    }
    depth--;
    height -= widths[depth];
    return at[depth];
  }

  /** Pops {@code n} operands. */
  void pop(int n) {
    for (int i = 0; i < n; i++) {
      pop();
    }
  }

  /** The slot width of the operand {@code fromTop} below the top (0: the top). */
  int width(int fromTop) {
    return widths[depth - 1 - fromTop];
  }

  /** Whether the top operand is in its canonical slot. */
  boolean topInPlace() {
    return depth > 0 && at[depth - 1] == canonical[depth - 1];
  }

  /** The slots the top {@code n} operands take. */
  int slots(int n) {
    int slots = 0;
    for (int i = depth - n; i < depth; i++) {
      slots += widths[i];
    }
    return slots;
  }

  /** Copies the top {@code n} operands to their canonical slots where they are not yet there. */
  void materializeTop(int n) {
    for (int i = depth - n; i < depth; i++) {
      materialize(i);
    }
  }

  /** Copies every operand to its canonical slot (at a block's start: see {@link CodeCompiler}). */
  void materializeAll() {
    materializeTop(depth);
  }

  /**
   * Before a write to the local in {@code slot}: the operands still deferred to it are copied to
   * their canonical slots, so that they keep the value read. Returns whether any was.
   */
  boolean materializeReadsOf(int slot) {
    boolean any = false;
    for (int i = 0; i < depth; i++) {
      if (at[i] == slot) {
        materialize(i);
        any = true;
      }
    }
    return any;
  }

  private void materialize(int i) {
    if (at[i] != canonical[i]) {
      c.op(Op.MOVE, canonical[i]);
      c.emit(at[i]);
      at[i] = canonical[i];
    }
  }

  /** Drops the operands above {@code depth} operands and {@code height} slots (at a label). */
  void reset(int height, int depth) {
    this.height = height;
    this.depth = depth;
  }
}
