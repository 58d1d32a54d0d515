package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a function too big for one JVM method (HotSpot does not JIT-compile methods over 8000
 * bytes, and the JVM allows no more than 64 KiB) into several: chosen runs of instructions become
 * methods of their own ("chunks") that the rest calls.
 *
 * <p>A chunk is a run of whole instructions (blocks included) inside one block. Bottom up, every
 * block body estimated larger than the target is cut into runs of about the target size, each
 * becoming a chunk; where a body then still holds too many chunk calls, runs of them become chunks
 * in turn. A chunk method takes the operands it consumes from below its start ({@link
 * Chunk#inputs}) as parameters, reads and writes the wasm locals it uses in the function's frame
 * ({@link SplitFrame}), passes back its results or branch values through the instance's spill
 * carrier ({@link CompiledInstance#spill}) and returns an exit code: {@link #FALL_THROUGH}, {@link
 * #RETURN}, or {@link #BRANCH} plus the index of an enclosing control frame it branches to, which
 * the caller then performs.
 */
final class FunctionSplitter {
  static final int FALL_THROUGH = 0;
  static final int RETURN = 1;
  static final int BRANCH = 2;

  /** A run that becomes a method. */
  static final class Chunk {
    final int id;
    final int start;
    final int end;
    final List<Chunk> children = new ArrayList<>();
    final Map<Integer, Chunk> childAt = new HashMap<>();

    /** How many control frames enclose the run (the function's own included). */
    int controlDepth;

    /** The block, loop and if instructions enclosing the run, outermost first. */
    int[] enclosing;

    List<ValType> inputs;
    List<ValType> outputs;
    boolean fallsThrough;

    /**
     * Where a switch chunk (see {@link FunctionSplitter#reduceSwitch}) may be entered, by entry
     * number: its start, then the instruction after each end of an enclosing block inside it; null
     * for other chunks, which are entered at their start only.
     */
    int[] entries;

    /** How many of the innermost enclosing blocks end inside the chunk (at its entries). */
    int opened;

    /** The wasm locals it uses, and those it writes, ascending. */
    int[] locals;

    int[] written;

    /**
     * For a {@link #cached} chunk: the locals it writes that are live where it exits, which its
     * exits store back to the frame, ascending. The others' last values are never read again, and
     * stored they would stay live through its loops, taking registers from what the loops use.
     */
    int[] storedAtExit;

    /**
     * For a chunk the function's own method calls, when that method keeps its locals in JVM locals
     * ({@link Plan#parentCaches}): the locals the chunk may read before writing them, which the
     * method stores into the frame before the call, ascending.
     */
    int[] storedBeforeCall;

    /**
     * Likewise: the locals the chunk writes that are live after it, which the method loads from the
     * frame after the call, ascending.
     */
    int[] loadedAfterCall;

    /** Whether it has a loop. */
    boolean loops;

    /** Whether it may grow the memory: it calls a function or has a {@code memory.grow}. */
    boolean growsMemory;

    /**
     * Whether its method keeps the locals it uses in JVM locals, loaded from the frame at entry and
     * the written ones stored back at its exits: a chunk with a loop and no chunk calls, whose loop
     * would otherwise go through memory for every local it touches (lz's compressor loop ran 1.25
     * times slower).
     */
    boolean cached;

    /** The enclosing control frames it may branch to (absolute indices), ascending. */
    int[] exits;

    boolean returns;

    Chunk(int id, int start, int end) {
      this.id = id;
      this.start = start;
      this.end = end;
    }

    String methodName(int funcIndex) {
      return JvmTypes.chunkMethodName(funcIndex, id);
    }
  }

  /**
   * The chunks of a function, those the function's own method calls (by start index), and the frame
   * holding the locals they use.
   */
  record Plan(
      List<Chunk> chunks, Map<Integer, Chunk> topChildren, SplitFrame frame, boolean parentCaches) {
    static final Plan NONE = new Plan(List.of(), Map.of(), SplitFrame.NONE, false);

    boolean isEmpty() {
      return chunks.isEmpty();
    }
  }

  /** Runs smaller than this are not worth a method. */
  private static final int MIN_CHUNK = 96;

  private record Node(int start, int end, int size, Chunk chunk) {}

  /** Block, loop and if instructions that must stay out of chunks (see {@link #pin}). */
  private boolean[] pinned;

  private final CodeShape shape;
  private final InstructionList body;
  private final int target;
  private final List<Chunk> chunks = new ArrayList<>();

  private FunctionSplitter(CodeShape shape, int target) {
    this.shape = shape;
    this.body = shape.body;
    this.target = target;
  }

  /**
   * A function estimated over {@code BIG} times the threshold is cut into chunks of a {@code BIG}th
   * of it. Such a function pays for splitting whatever the size of its chunks, and smaller ones
   * cost C2 less each time it compiles one again: SQLite's VDBE and other functions of tens of KB
   * are recompiled many times as speedtest1 reaches branches their profiles had never seen, and
   * with chunks near the threshold C2 took most of a core for most of the run (speedtest1 whole
   * process 10.3 s to 8.3 s, docs/compiler.md "Big functions"). Functions nearer the threshold keep
   * chunks of its size: a hot loop cut in several chunks pays a chunk call per iteration (interp's
   * dispatch loop, 1.2 times the threshold, ran 2.6 times slower in chunks of a quarter).
   *
   * <p>The threshold this counts from is never more than that of the default method limit ({@link
   * #DEFAULT_THRESHOLD}): a larger limit, for a JVM that compiles bigger methods well (the {@code
   * cortado} launchers'), leaves more functions whole, but what makes a big function's chunks cost
   * is how often C2 compiles them again, which the JVM's options do not change (speedtest1 whole
   * process 7.4-7.6 s at the default limit; 8.5-8.9 s with the limit tripled and its big functions
   * in chunks of a quarter of that; 7.5-7.7 s counting from the default threshold).
   */
  static final int BIG = 4;

  /** The split threshold of {@link StoreConfig#DEFAULT_COMPILED_METHOD_LIMIT}. */
  static final int DEFAULT_THRESHOLD =
      ModuleCompiler.splitTarget(StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT);

  /** The chunks for function {@code funcIndex}, aiming at methods of {@code target} bytes. */
  static Plan plan(WasmModule module, int funcIndex, int target) {
    return plan(module, funcIndex, target, 0, null);
  }

  /**
   * The chunks for function {@code funcIndex} if its code is estimated over {@code threshold}
   * bytes, aiming at methods of {@code target} bytes (less for a function over {@link #BIG} times
   * the threshold, or the default one if that is smaller), keeping the loops (by ordinal) in {@code
   * pinnedLoops} and the blocks around them in the function's own method: an OSR entry can only
   * enter loops there, and these are the loops the interpreter asked to enter.
   */
  static Plan plan(
      WasmModule module, int funcIndex, int target, int threshold, java.util.BitSet pinnedLoops) {
    CodeShape shape = new CodeShape(module, funcIndex);
    boolean pinning = pinnedLoops != null && !pinnedLoops.isEmpty();
    // Pinned loops stay in the function's own method, where the locals its chunks share live in
    // the frame array: split, such a loop reads and writes memory for every one of them
    // (spectral's main, entered mid-loop in tiered mode: 5.4-5.9 s per run split, 1.9-2.8 s
    // whole). That is one reason the threshold is near the limit (ModuleCompiler.emit).
    // A function that runs a few times has its inner loops outlined, whatever its size (see
    // CalledOnce), OSR entries or not: an entry asked for at an outlined loop enters through the
    // loop's chunk call (see pin).
    boolean outlining = threshold > 0 && CalledOnce.cached(module).get(funcIndex);
    if (shape.totalCost() <= threshold && !outlining) {
      return Plan.NONE;
    }
    int bigBase = Math.min(threshold, DEFAULT_THRESHOLD);
    if (threshold > 0 && shape.totalCost() > BIG * bigBase) {
      target = Math.min(target, bigBase / BIG);
    }
    FunctionSplitter s = new FunctionSplitter(shape, target);
    if (outlining) {
      s.markInnerLoops();
    }
    if (pinning) {
      s.pin(pinnedLoops);
    }
    int parentSize = s.reduce(0, shape.body.size() - 1);
    if (s.chunks.isEmpty()) {
      return Plan.NONE;
    }
    Map<Integer, Chunk> top = s.nest();
    java.util.BitSet[] live = LoopLiveness.before(shape.body, s.boundaries());
    for (Chunk c : s.chunks) {
      c.cached = c.loops && c.children.isEmpty();
      if (c.cached) {
        c.storedAtExit = s.writtenLiveAfter(c, live);
      }
    }
    // The function's own method keeps its locals in JVM locals too, with copies around each chunk
    // call, unless they would take it past the target: without them each local a chunk shares is
    // read and written in the frame array at every use.
    int copies = 0;
    for (Chunk c : top.values()) {
      c.storedBeforeCall = s.readBeforeWritten(c, live);
      c.loadedAfterCall = c.cached ? c.storedAtExit : s.writtenLiveAfter(c, live);
      copies += COPY_COST * (c.storedBeforeCall.length + c.loadedAfterCall.length);
    }
    boolean parentCaches = parentSize + copies <= target;
    return new Plan(
        List.copyOf(s.chunks), top, SplitFrame.of(shape.localTypes, s.chunks), parentCaches);
  }

  /**
   * Where {@link #liveAfter} and {@link #readBeforeWritten} read live sets: each chunk's entries,
   * its end, and where its branches out of it continue.
   */
  private java.util.BitSet boundaries() {
    java.util.BitSet at = new java.util.BitSet();
    for (Chunk c : chunks) {
      for (int e : entries(c)) {
        at.set(e);
      }
      at.set(c.end);
      for (int target : c.exits) {
        at.set(continuation(c, target));
      }
    }
    return at;
  }

  /** Where {@code c} is entered: its start, or each entry of a switch chunk (the start first). */
  private static int[] entries(Chunk c) {
    return c.entries != null ? c.entries : new int[] {c.start};
  }

  /**
   * Where a branch out of {@code c} to enclosing frame {@code target} continues: a loop's header,
   * or the end of a block.
   */
  private int continuation(Chunk c, int target) {
    int o = c.enclosing[target - 1];
    return body.get(o).opcode() == Opcode.LOOP ? o : shape.end[o];
  }

  /** Estimated bytes of bytecode to copy one local between a JVM local and the frame. */
  private static final int COPY_COST = 8;

  /** The locals {@code c} writes that are live after it, ascending. */
  private int[] writtenLiveAfter(Chunk c, java.util.BitSet[] live) {
    return liveAfter(c, live).stream().filter(l -> has(c.written, l)).toArray();
  }

  /**
   * The locals {@code c} uses that are live where it is entered (its start, or any entry of a
   * switch chunk): those it may read before writing them, ascending.
   */
  private int[] readBeforeWritten(Chunk c, java.util.BitSet[] live) {
    java.util.BitSet in = new java.util.BitSet();
    for (int e : entries(c)) {
      in.or(live[e]);
    }
    return in.stream().filter(l -> has(c.locals, l)).toArray();
  }

  /** The loops {@link #reduce} makes chunks of, whatever their size (null: none). */
  private boolean[] outline;

  /** Marks the loops nested directly in another loop (their own inner loops go with them). */
  private void markInnerLoops() {
    outline = new boolean[body.size()];
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).opcode() != Opcode.LOOP) {
        continue;
      }
      outline[i] = loopsAround(shape, i) == 1;
    }
  }

  /** How many loops enclose instruction {@code i}. */
  private static int loopsAround(CodeShape shape, int i) {
    int loops = 0;
    for (int b = shape.parentBlock[i]; b >= 0; b = shape.parentBlock[b]) {
      if (shape.body.get(b).opcode() == Opcode.LOOP) {
        loops++;
      }
    }
    return loops;
  }

  /**
   * Pins the loops with ordinals in {@code loops} and every block enclosing them, except a loop
   * entered by a call ({@link #enteredByCall}) and not itself enclosing another pinned loop: that
   * one is a chunk, whose call is pinned instead, and the OSR entry enters the loop by jumping to
   * that call (ControlEmitter.enterableChunk), so that the loop runs as a method of its own, as an
   * outlined loop does in {@code COMPILED}. (The interpreter asks for an outlined loop when it is
   * hot in a loop inside it: {@link #entryLoops}.)
   */
  private void pin(java.util.BitSet loops) {
    pinned = new boolean[body.size()];
    pinnedCall = new boolean[body.size()];
    List<Integer> calls = new ArrayList<>();
    int ordinal = 0;
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).opcode() == Opcode.LOOP) {
        if (loops.get(ordinal)) {
          if (enteredByCall(i)) {
            calls.add(i);
          } else {
            pinWithEnclosing(i);
          }
        }
        ordinal++;
      }
    }
    for (int i : calls) {
      if (!pinned[i]) {
        pinnedCall[i] = true;
        pinWithEnclosing(shape.parentBlock[i]);
      }
    }
  }

  /**
   * Whether an OSR entry into loop {@code i} goes through the call of a chunk of its own: if it is
   * outlined, or holds no loop (its chunk then keeps its locals in JVM locals, where the function's
   * own method, too big to, would keep them in the frame array: interp's dispatch loop), and takes
   * no operands.
   */
  private boolean enteredByCall(int i) {
    if (shape.height[i] < 0 || shape.pops[i] != 0) {
      return false;
    }
    if (outline != null && outline[i]) {
      return true;
    }
    for (int k = i + 1; k < shape.end[i]; k++) {
      if (body.get(k).opcode() == Opcode.LOOP) {
        return false;
      }
    }
    return true;
  }

  private void pinWithEnclosing(int block) {
    for (int b = block; b >= 0; b = shape.parentBlock[b]) {
      pinned[b] = true;
    }
  }

  /**
   * Loops entered by a call whose chunk's call must stay in the function's own method (see {@link
   * #pin}).
   */
  private boolean[] pinnedCall;

  private boolean pinned(Node n) {
    return pinned != null && (n.chunk == null ? pinned[n.start] : pinnedCall[n.start]);
  }

  /**
   * For each loop of a function that runs a few times (by ordinal), the loop an OSR entry should be
   * asked for when the interpreter is hot in it: the outlined loop around it ({@link
   * #markInnerLoops}) if it is nested deeper, itself otherwise. An entry into a loop inside an
   * outlined one would keep the whole nest in the function's own method, as C2 then compiles it by
   * on-stack replacement with the inner loop's header as entry, which it does not optimize as loops
   * (see CalledOnce); entered at the outlined loop's chunk call, the nest runs as in {@code
   * COMPILED}. Null if the function does not run a few times.
   */
  static int[] entryLoops(WasmModule module, int funcIndex) {
    if (!CalledOnce.cached(module).get(funcIndex)) {
      return null;
    }
    CodeShape shape = new CodeShape(module, funcIndex);
    List<Integer> loops = new ArrayList<>();
    for (int i = 0; i < shape.body.size(); i++) {
      if (shape.body.get(i).opcode() == Opcode.LOOP) {
        loops.add(i);
      }
    }
    int[] entry = new int[loops.size()];
    for (int k = 0; k < entry.length; k++) {
      int loop = loops.get(k);
      // Out to the loop nested directly in another loop (markInnerLoops' outlined one).
      while (loopsAround(shape, loop) > 1) {
        do {
          loop = shape.parentBlock[loop];
        } while (shape.body.get(loop).opcode() != Opcode.LOOP);
      }
      entry[k] = java.util.Collections.binarySearch(loops, loop);
    }
    return entry;
  }

  /** Reduces the body [s, e) of one block; returns its estimated size afterwards. */
  private int reduce(int s, int e) {
    List<Node> nodes = new ArrayList<>();
    int i = s;
    while (i < e) {
      Opcode op = body.get(i).opcode();
      if (shape.height[i] < 0) {
        // Unreachable code is not emitted: it costs nothing and is never cut.
        int next =
            op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF ? shape.end[i] + 1 : i + 1;
        nodes.add(new Node(i, next, 0, null));
        i = next;
      } else if (switchLength(i) >= MIN_SWITCH) {
        nodes.add(reduceSwitch(i, switchLength(i)));
        i = shape.end[i] + 1;
      } else if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF) {
        int end = shape.end[i];
        int elseAt = shape.elseAt[i];
        int size = shape.cost[i] + shape.cost[end];
        if (elseAt >= 0) {
          size += reduce(i + 1, elseAt) + shape.cost[elseAt] + reduce(elseAt + 1, end);
        } else {
          size += reduce(i + 1, end);
        }
        boolean entered = pinnedCall != null && pinnedCall[i];
        if ((outline != null && outline[i] || entered)
            && shape.height[i] >= 0
            && (size >= MIN_CHUNK || entered)
            && !(pinned != null && pinned[i])) {
          Chunk c = new Chunk(chunks.size(), i, end + 1);
          chunks.add(c);
          nodes.add(new Node(i, end + 1, callCost(c), c));
        } else {
          nodes.add(new Node(i, end + 1, size, null));
        }
        i = end + 1;
      } else {
        nodes.add(new Node(i, i + 1, shape.cost[i], null));
        i++;
      }
    }
    return group(nodes);
  }

  /** The shortest chain of blocks that {@link #reduceSwitch} cuts. */
  private static final int MIN_SWITCH = 8;

  /** What calling a switch chunk costs per entry: the entry number, a store and a jump. */
  private static final int ENTRY_COST = 8;

  /**
   * How many blocks, from block instruction {@code i} inwards, each begin their enclosing one's
   * body, none with parameters or results nor pinned: the shape of a C {@code switch} (0 if {@code
   * i} is no such block).
   */
  private int switchLength(int i) {
    int n = 0;
    for (int b = i; b < body.size() && plainBlock(b); b++) {
      if (pinned != null && pinned[b]) {
        return 0;
      }
      n++;
    }
    return n;
  }

  private boolean plainBlock(int b) {
    Instruction in = body.get(b);
    return in.opcode() == Opcode.BLOCK && in.blockType().isEmpty() && shape.height[b] >= 0;
  }

  /**
   * Reduces a chain of {@code n} blocks starting at {@code i}, each beginning the body of the one
   * before: a C {@code switch} inside a loop, as compilers write it, with the dispatch ({@code
   * br_table}) in the innermost block and each case's code after the end of a block, inside the
   * next. Cut as other blocks, every run holding a case would hold all the blocks inside it, and
   * one dispatch would go down and back up a chain of nested chunk calls, one per level (SQLite's
   * VDBE: 40 levels). Instead the cases are cut, in order, into runs of about the target size
   * ("switch chunks", which may span the ends of the blocks between their cases), and the blocks
   * stay in the method holding the chain: a branch to a block's end calls the switch chunk holding
   * that end with the number of the entry there, and the chunk starts with a switch on it.
   */
  private Node reduceSwitch(int i, int n) {
    // blocks[k] is the k-th block from the innermost (k = 0), ends[k] its end.
    int[] blocks = new int[n];
    int[] ends = new int[n];
    int size = 0;
    for (int k = 0; k < n; k++) {
      blocks[k] = i + n - 1 - k;
      ends[k] = shape.end[blocks[k]];
      size += shape.cost[blocks[k]] + shape.cost[ends[k]];
    }
    size += reduce(blocks[0] + 1, ends[0]);
    // The case after ends[k], up to ends[k + 1].
    int[] cases = new int[n - 1];
    int plain = size;
    for (int k = 0; k + 1 < n; k++) {
      cases[k] = reduce(ends[k] + 1, ends[k + 1]);
      plain += cases[k];
    }
    if (plain <= target) {
      return new Node(i, ends[n - 1] + 1, plain, null);
    }
    int k = 0;
    while (k + 1 < n) {
      int a = k;
      int run = cases[k];
      k++;
      while (k + 1 < n && run + shape.cost[ends[k]] + cases[k] <= target) {
        run += shape.cost[ends[k]] + cases[k];
        k++;
      }
      // The cases a .. k - 1: from after ends[a] to ends[k], spanning ends[a + 1 .. k - 1].
      if (run < MIN_CHUNK) {
        size += run;
        continue;
      }
      Chunk c = new Chunk(chunks.size(), ends[a] + 1, ends[k]);
      c.entries = new int[k - a];
      for (int e = 0; e < c.entries.length; e++) {
        c.entries[e] = ends[a + e] + 1;
      }
      c.opened = k - 1 - a;
      chunks.add(c);
      size += callCost(c) + ENTRY_COST * c.entries.length;
    }
    return new Node(i, ends[n - 1] + 1, size, null);
  }

  /** Turns runs of {@code nodes} into chunks until they fit the target; returns their size. */
  private int group(List<Node> nodes) {
    int total = sum(nodes, 0, nodes.size());
    while (total > target) {
      List<Node> next = new ArrayList<>();
      boolean progress = false;
      int k = 0;
      while (k < nodes.size()) {
        int j = k;
        int size = 0;
        if (pinned(nodes.get(k))) {
          next.add(nodes.get(k)); // its body was reduced; it stays in this method
          k++;
          continue;
        }
        while (j < nodes.size()) {
          Node n = nodes.get(j);
          if (pinned(n) || j > k && size + n.size > target && shape.height[n.start] >= 0) {
            break;
          }
          size += n.size;
          j++;
        }
        boolean single = j - k == 1;
        if (size >= MIN_CHUNK && !(single && nodes.get(k).chunk != null)) {
          Chunk c = new Chunk(chunks.size(), nodes.get(k).start, nodes.get(j - 1).end);
          chunks.add(c);
          next.add(new Node(c.start, c.end, callCost(c), c));
          progress = true;
        } else {
          next.addAll(nodes.subList(k, j));
        }
        k = j;
      }
      if (!progress) {
        break;
      }
      nodes = next;
      total = sum(nodes, 0, nodes.size());
    }
    return total;
  }

  private static int sum(List<Node> nodes, int from, int to) {
    int s = 0;
    for (int i = from; i < to; i++) {
      s += nodes.get(i).size;
    }
    return s;
  }

  /**
   * An estimate of the code that calls chunk {@code c}: the call (its locals live in the frame, see
   * {@link SplitFrame}), and a switch case and a branch for each way out of it.
   */
  private int callCost(Chunk c) {
    describe(c);
    int ways = c.exits.length + (c.returns ? 1 : 0);
    return 32 + 4 * (c.inputs.size() + c.outputs.size()) + 12 * ways;
  }

  /** Sets each chunk's children; returns the chunks the function's method calls, by start. */
  private Map<Integer, Chunk> nest() {
    List<Chunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparingInt((Chunk c) -> c.start).thenComparingInt(c -> -c.end));
    Map<Integer, Chunk> top = new HashMap<>();
    Deque<Chunk> open = new ArrayDeque<>();
    for (Chunk c : sorted) {
      while (!open.isEmpty() && open.peek().end <= c.start) {
        open.pop();
      }
      if (open.isEmpty()) {
        top.put(c.start, c);
      } else {
        open.peek().children.add(c);
        open.peek().childAt.put(c.start, c);
      }
      open.push(c);
    }
    return top;
  }

  /** Fills in what the caller and the chunk's method need to know about {@code c} (once). */
  private void describe(Chunk c) {
    c.controlDepth = shape.depth[c.start];
    int[] enclosing = new int[c.controlDepth - 1];
    int b = shape.parentBlock[c.start];
    for (int k = enclosing.length - 1; k >= 0; k--) {
      enclosing[k] = b;
      b = shape.parentBlock[b];
    }
    c.enclosing = enclosing;
    // Operands taken from below the start: the lowest the stack gets, at the run's top level.
    int h = 0;
    int low = 0;
    int i = c.start;
    while (i < c.end && shape.height[i] >= 0) {
      low = Math.min(low, h - shape.pops[i]);
      Opcode op = body.get(i).opcode();
      int next =
          op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF ? shape.end[i] + 1 : i + 1;
      if (next <= c.end && shape.height[next] >= 0) {
        h = shape.height[next] - shape.height[c.start];
      }
      i = next;
    }
    if (c.entries != null) {
      // Its entries are at the same height as its start, and the blocks around have no values.
      low = 0;
    }
    int inputs = -low;
    ValType[] before = shape.typesAt(c.start);
    c.inputs = List.of(Arrays.copyOfRange(before, before.length - inputs, before.length));
    c.fallsThrough = shape.height[c.end] >= 0;
    if (c.fallsThrough) {
      ValType[] after = shape.typesAt(c.end);
      int outputs = shape.height[c.end] - shape.height[c.start] + inputs;
      c.outputs = List.of(Arrays.copyOfRange(after, after.length - outputs, after.length));
    } else {
      c.outputs = List.of();
    }
    java.util.BitSet locals = new java.util.BitSet();
    java.util.BitSet written = new java.util.BitSet();
    java.util.BitSet exits = new java.util.BitSet();
    int nesting = 0;
    for (int k = c.start; k < c.end; k++) {
      Instruction in = body.get(k);
      switch (in.opcode()) {
        case LOCAL_GET -> locals.set(in.index());
        case LOCAL_SET, LOCAL_TEE -> {
          locals.set(in.index());
          written.set(in.index());
        }
        case BLOCK, IF -> nesting++;
        case LOOP -> {
          nesting++;
          c.loops = true;
        }
        case END -> nesting--;
        case BR, BR_IF -> exit(c, exits, nesting, in.index());
        case BR_TABLE -> {
          for (int l = 0; l < in.labelCount(); l++) {
            exit(c, exits, nesting, in.label(l));
          }
        }
        case RETURN -> c.returns = true;
        default -> c.growsMemory |= FunctionFacts.mayGrowMemory(in.opcode());
      }
    }
    c.locals = locals.stream().toArray();
    c.written = written.stream().toArray();
    c.exits = exits.stream().toArray();
  }

  /**
   * The locals live where {@code c} may go on: after its end, and where its branches out of it
   * continue (a loop's header, after a block's end); none after a return. {@code live}: each
   * instruction's live set ({@link LoopLiveness#before}).
   */
  private java.util.BitSet liveAfter(Chunk c, java.util.BitSet[] live) {
    java.util.BitSet after = new java.util.BitSet();
    if (c.fallsThrough && c.end < live.length) {
      after.or(live[c.end]);
    }
    for (int target : c.exits) {
      after.or(live[continuation(c, target)]);
    }
    return after;
  }

  private static boolean has(int[] ascending, int value) {
    return Arrays.binarySearch(ascending, value) >= 0;
  }

  private static void exit(Chunk c, java.util.BitSet exits, int nesting, int label) {
    // nesting < 0 past the end of an enclosing block inside a switch chunk.
    int target = c.controlDepth - 1 + nesting - label;
    if (target >= c.controlDepth - c.opened) {
      return; // a block inside the chunk, or an enclosing one ending inside it
    }
    if (target == 0) {
      c.returns = true; // a branch to the function's label returns
    } else {
      exits.set(target);
    }
  }
}
