package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The locals live at each loop header, for the loops of one function, in the order they open. */
class LoopLivenessTest {
  private static List<BitSet> liveAtLoops(String locals, String body) {
    WasmModule module =
        WasmModule.parseText(
            "(module (memory 1) (func (param i32) (local " + locals + ")\n" + body + "))");
    List<Instruction> code = module.functions().get(0).body();
    BitSet[] live = LoopLiveness.of(InstructionList.copyOf(code));
    List<BitSet> loops = new ArrayList<>();
    for (int i = 0; i < code.size(); i++) {
      if (code.get(i).opcode() == Opcode.LOOP) {
        loops.add(live[i]);
      }
    }
    return loops;
  }

  private static BitSet set(int... locals) {
    BitSet s = new BitSet();
    for (int l : locals) {
      s.set(l);
    }
    return s;
  }

  @Test
  void aLocalWrittenBeforeItIsReadInEveryIterationIsNotLive() {
    // The shape of clang's SIMD loops: each vector made afresh from memory.
    assertThat(
            liveAtLoops(
                "v128",
                """
                (loop $l
                  (local.set 1 (v128.load (local.get 0)))
                  (v128.store (local.get 0) (i32x4.add (local.get 1) (local.get 1)))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 16)))))
                """))
        .containsExactly(set(0));
  }

  @Test
  void anAccumulatorIsLive() {
    assertThat(
            liveAtLoops(
                "v128",
                """
                (loop $l
                  (local.set 1 (i32x4.add (local.get 1) (v128.load (local.get 0))))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 16)))))
                (v128.store (i32.const 0) (local.get 1))
                """))
        .containsExactly(set(0, 1));
  }

  @Test
  void aValueLeavingTheLoopBeforeTheWriteIsLive() {
    // Read after the loop, and the exit comes before the write: the header's value gets out.
    assertThat(
            liveAtLoops(
                "v128",
                """
                (block $out
                  (loop $l
                    (br_if $out (i32.eqz (local.get 0)))
                    (local.set 1 (v128.load (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $l)))
                (v128.store (i32.const 0) (local.get 1))
                """))
        .containsExactly(set(0, 1));
  }

  @Test
  void aValueLeavingTheLoopAfterTheWriteIsNotLive() {
    assertThat(
            liveAtLoops(
                "v128",
                """
                (block $out
                  (loop $l
                    (local.set 1 (v128.load (local.get 0)))
                    (br_if $out (i32.eqz (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $l)))
                (v128.store (i32.const 0) (local.get 1))
                """))
        .containsExactly(set(0));
  }

  @Test
  void aWriteInOnlyOneArmOfAnIfLeavesTheLocalLive() {
    String loop =
        """
        (loop $l
          (if (local.get 0)
            (then (local.set 1 (v128.load (i32.const 0))))
            (else %s))
          (v128.store (i32.const 0) (local.get 1))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        """;
    assertThat(liveAtLoops("v128", loop.formatted("(nop)"))).containsExactly(set(0, 1));
    assertThat(liveAtLoops("v128", loop.formatted("(local.set 1 (v128.load (i32.const 16)))")))
        .containsExactly(set(0));
  }

  @Test
  void nestedLoopsEachHaveTheirOwnLiveSet() {
    // The inner loop makes local 1 afresh; the outer loop carries local 2 around the inner one.
    assertThat(
            liveAtLoops(
                "v128 v128 i32",
                """
                (loop $outer
                  (local.set 3 (i32.const 4))
                  (loop $inner
                    (local.set 1 (v128.load (local.get 3)))
                    (local.set 2 (i32x4.add (local.get 2) (local.get 1)))
                    (br_if $inner (local.tee 3 (i32.sub (local.get 3) (i32.const 1)))))
                  (br_if $outer (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (v128.store (i32.const 0) (local.get 2))
                """))
        .containsExactly(set(0, 2), set(0, 2, 3));
  }

  @Test
  void everyTargetOfABrTableCounts() {
    // One of the targets is the loop's header, another an exit after which local 1 is read.
    assertThat(
            liveAtLoops(
                "v128",
                """
                (block $read
                  (block $done
                    (loop $l
                      (br_table $l $done $read (local.get 0)))
                    (return))
                  )
                (v128.store (i32.const 0) (local.get 1))
                """))
        .containsExactly(set(0, 1));
  }

  @Test
  void codeAfterAReturnOrUnreachableAddsNothing() {
    assertThat(
            liveAtLoops(
                "v128",
                """
                (loop $l
                  (br_if $l (local.get 0))
                  (return)
                  (drop (local.get 1)))
                """))
        .containsExactly(set(0));
  }

  @Test
  void beforeGivesTheSetAtEveryInstruction() {
    // Local 1 is live where the branch lands, after the block: read there before any write.
    WasmModule module =
        WasmModule.parseText(
            """
            (module (func (param i32) (local i32)
              (local.set 1 (local.get 0))
              (block $b
                (br_if $b (local.get 1))
                (local.set 1 (i32.const 0)))
              (drop (local.get 1))))
            """);
    List<Instruction> code = module.functions().get(0).body();
    assertThat(code.stream().map(Instruction::opcode))
        .containsExactly(
            Opcode.LOCAL_GET,
            Opcode.LOCAL_SET,
            Opcode.BLOCK,
            Opcode.LOCAL_GET,
            Opcode.BR_IF,
            Opcode.I32_CONST,
            Opcode.LOCAL_SET,
            Opcode.END,
            Opcode.LOCAL_GET,
            Opcode.DROP,
            Opcode.END);
    assertThat(LoopLiveness.before(InstructionList.copyOf(code)))
        .containsExactly(
            set(0), set(), set(1), set(1), set(1), set(), set(), set(1), set(1), set(), set());
  }
}
