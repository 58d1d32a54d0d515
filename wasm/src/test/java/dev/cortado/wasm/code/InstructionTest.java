package dev.cortado.wasm.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of immediate reads back as given, and only where its opcode has it. */
class InstructionTest {
  @Test
  void immediatesReadBack() {
    Instruction table = Instruction.ofBrTable(new int[] {3, 1, 2}, 7);
    assertThat(table.labels()).containsExactly(3, 1, 2);
    assertThat(table.labelCount()).isEqualTo(3);
    assertThat(table.label(2)).isEqualTo(2);
    assertThat(table.offset()).isEqualTo(7);
    assertThat(table.blockType()).isNull();
    assertThat(table.types()).isNull();
    assertThat(table.v128High()).isZero();

    Instruction block = Instruction.ofBlock(Opcode.BLOCK, BlockType.of(ValType.I64), 1);
    assertThat(block.blockType()).isEqualTo(BlockType.of(ValType.I64));
    assertThat(block.labels()).isNull();
    assertThat(block.types()).isNull();

    Instruction select = Instruction.ofTypes(Opcode.SELECT_TYPED, List.of(ValType.F32), 2);
    assertThat(select.types()).containsExactly(ValType.F32);
    assertThat(select.blockType()).isNull();

    Instruction v128 = Instruction.ofV128Const(0x0102L, -1L, 3);
    assertThat(v128.v128Low()).isEqualTo(0x0102L);
    assertThat(v128.v128High()).isEqualTo(-1L);

    int[] lanes = new int[16];
    for (int i = 0; i < 16; i++) {
      lanes[i] = 31 - i;
    }
    assertThat(Instruction.ofShuffle(lanes, 4).shuffleLanes()).containsExactly(lanes);

    Instruction lane = Instruction.ofMemArgLane(Opcode.V128_LOAD8_LANE, 0, 1L << 33, 1, 15, 5);
    assertThat(lane.laneIndex()).isEqualTo(15);
    assertThat(lane.memoryOffset()).isEqualTo(1L << 33);
    assertThat(lane.memoryIndex()).isEqualTo(1);
    assertThat(Instruction.ofLane(Opcode.I8X16_EXTRACT_LANE_S, 9, 6).laneIndex()).isEqualTo(9);

    Instruction access = Instruction.ofMemArg(Opcode.I32_LOAD, 2, 16, 0, 8);
    assertThat(access.align()).isEqualTo(2);
    assertThat(access.memoryOffset()).isEqualTo(16);
    assertThat(access.laneIndex()).isZero();
  }

  @Test
  void equalityComparesImmediatesNotOffsets() {
    assertThat(Instruction.ofBrTable(new int[] {1, 0}, 1))
        .isEqualTo(Instruction.ofBrTable(new int[] {1, 0}, 9))
        .hasSameHashCodeAs(Instruction.ofBrTable(new int[] {1, 0}, 9))
        .isNotEqualTo(Instruction.ofBrTable(new int[] {0, 1}, 1));
    assertThat(Instruction.ofV128Const(1, 2, 0))
        .isEqualTo(Instruction.ofV128Const(1, 2, 5))
        .isNotEqualTo(Instruction.ofV128Const(1, 3, 0));
    assertThat(Instruction.ofLane(Opcode.I8X16_EXTRACT_LANE_S, 1, 0))
        .isNotEqualTo(Instruction.ofLane(Opcode.I8X16_EXTRACT_LANE_S, 2, 0));
    assertThat(Instruction.ofBlock(Opcode.LOOP, BlockType.EMPTY, 0))
        .isEqualTo(Instruction.ofBlock(Opcode.LOOP, BlockType.EMPTY, 3))
        .isNotEqualTo(Instruction.ofBlock(Opcode.LOOP, BlockType.of(ValType.I32), 0));
    assertThat(Instruction.of(Opcode.I32_ADD, 0)).isEqualTo(Instruction.of(Opcode.I32_ADD, 4));
  }
}
