package dev.cortado.wasm.internal;

import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Work on items 0 to n - 1 that are independent of each other, on all cores, with the outcome of
 * one pass in order: the items go in blocks of consecutive ones, each block in order with a state
 * of its own and stopping at its first failure, and the failure of the lowest item is thrown (the
 * validation of functions, the decoding of code entries).
 */
public final class OrderedBlocks {
  /** How many blocks (several per core, to balance the work). */
  private static final int BLOCKS = 64;

  private OrderedBlocks() {}

  /**
   * Runs {@code work} on every item with its block's state from {@code state}; returns the blocks'
   * states, or throws the failure of the lowest item that failed.
   */
  public static <S> List<S> run(int n, Supplier<S> state, ObjIntConsumer<S> work) {
    int blocks = Math.min(BLOCKS, n);
    Object[] states = new Object[blocks];
    RuntimeException[] failures = new RuntimeException[blocks];
    IntStream.range(0, blocks)
        .parallel()
        .forEach(
            b -> {
              S s = state.get();
              states[b] = s;
              int from = (int) ((long) n * b / blocks);
              int to = (int) ((long) n * (b + 1) / blocks);
              try {
                for (int i = from; i < to; i++) {
                  work.accept(s, i);
                }
              } catch (RuntimeException e) {
                failures[b] = e;
              }
            });
    for (RuntimeException e : failures) {
      if (e != null) {
        throw e;
      }
    }
    @SuppressWarnings("unchecked")
    List<S> result = (List<S>) Arrays.asList(states);
    return result;
  }
}
