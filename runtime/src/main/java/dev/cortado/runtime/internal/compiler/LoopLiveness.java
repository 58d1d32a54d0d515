package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Which wasm locals are live at each loop header of a function body, or before each instruction:
 * those that some path from there reads before writing them. A backward dataflow pass over the
 * structured body (a branch's live set is its target's: after a block's or if's end, at a loop's
 * header), repeated until no loop header's set grows, since a loop's branches back to its header
 * come after it.
 */
final class LoopLiveness {
  private LoopLiveness() {}

  /**
   * For each instruction of {@code body} (which ends with the function's {@code end}) that is a
   * {@code loop}, the locals live at its header; null at the other instructions.
   */
  static BitSet[] of(InstructionList body) {
    return analyze(body, null, null);
  }

  /**
   * For each instruction of {@code body}, the locals live just before it runs (after an {@code
   * end}, the same as before it; at a {@code loop}, its header's).
   */
  static BitSet[] before(InstructionList body) {
    BitSet all = new BitSet();
    all.set(0, body.size());
    return before(body, all);
  }

  /** {@link #before(List)} at the instructions in {@code at} only; null elsewhere. */
  static BitSet[] before(InstructionList body, BitSet at) {
    BitSet[] before = new BitSet[body.size()];
    analyze(body, before, at);
    return before;
  }

  /**
   * The loop headers' live sets; fills {@code before}, if not null, in the last pass, at the
   * instructions in {@code at}.
   */
  private static BitSet[] analyze(InstructionList body, BitSet[] before, BitSet at) {
    int n = body.size();
    // The opening instruction each end and else closes, and each branch's targets, as the index
    // of the block, loop or if they name; -1 is the function's own block (a return).
    int[] opening = new int[n];
    int[][] targets = new int[n][];
    Deque<Integer> open = new ArrayDeque<>();
    open.push(-1);
    for (int i = 0; i < n; i++) {
      Instruction in = body.get(i);
      switch (in.opcode()) {
        case BLOCK, LOOP, IF -> open.push(i);
        case ELSE -> opening[i] = open.peek();
        case END -> opening[i] = open.size() > 1 ? open.pop() : -1;
        case BR, BR_IF -> targets[i] = new int[] {nth(open, in.index())};
        case BR_TABLE -> {
          int[] labels = in.labels();
          int[] t = new int[labels.length];
          for (int k = 0; k < labels.length; k++) {
            t[k] = nth(open, labels[k]);
          }
          targets[i] = t;
        }
        default -> {}
      }
    }
    BitSet[] label = new BitSet[n];
    BitSet[] elseStart = new BitSet[n];
    BitSet[] headers = new BitSet[n];
    for (int i = 0; i < n; i++) {
      if (body.get(i).opcode() == Opcode.LOOP) {
        headers[i] = new BitSet();
      }
    }
    boolean changed = true;
    boolean last = false;
    while (changed || (before != null && !last)) {
      // Once no header changes, one more pass (the last) records every instruction's set.
      last = !changed;
      changed = false;
      BitSet live = new BitSet();
      for (int i = n - 1; i >= 0; i--) {
        Instruction in = body.get(i);
        switch (in.opcode()) {
          case LOCAL_GET -> live.set(in.index());
          case LOCAL_SET, LOCAL_TEE -> live.clear(in.index());
          case END -> {
            int o = opening[i];
            if (o >= 0 && body.get(o).opcode() != Opcode.LOOP) {
              label[o] = (BitSet) live.clone();
            }
          }
          case ELSE -> {
            int o = opening[i];
            elseStart[o] = live;
            live = (BitSet) label[o].clone();
          }
          case IF -> {
            BitSet other = elseStart[i] != null ? elseStart[i] : label[i];
            live.or(other);
          }
          case LOOP -> {
            if (!live.equals(headers[i])) {
              headers[i] = (BitSet) live.clone();
              changed = true;
            }
          }
          case BR -> {
            live = new BitSet();
            orTarget(live, targets[i][0], label, headers);
          }
          case BR_IF -> orTarget(live, targets[i][0], label, headers);
          case BR_TABLE -> {
            live = new BitSet();
            for (int t : targets[i]) {
              orTarget(live, t, label, headers);
            }
          }
          case RETURN, UNREACHABLE -> live = new BitSet();
          default -> {}
        }
        if (last && before != null && at.get(i)) {
          before[i] = (BitSet) live.clone();
        }
      }
    }
    return headers;
  }

  /**
   * Adds to {@code live} the locals live where a branch to the structure opened at {@code o}
   * continues.
   */
  private static void orTarget(BitSet live, int o, BitSet[] label, BitSet[] headers) {
    BitSet target = o < 0 ? null : headers[o] != null ? headers[o] : label[o];
    if (target != null) {
      live.or(target);
    }
  }

  /** The {@code depth}-th innermost open structure. */
  private static int nth(Deque<Integer> open, int depth) {
    var it = open.iterator();
    for (int k = 0; k < depth; k++) {
      it.next();
    }
    return it.next();
  }
}
