package dev.cortado.wasm.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.FunctionDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionListTest {
  private static final Instruction NOP = Instruction.of(Opcode.NOP, 0);
  private static final Instruction END = Instruction.of(Opcode.END, 1);

  @Test
  void aCopyIsAnImmutableListEqualToItsSource() {
    List<Instruction> source = new ArrayList<>(List.of(NOP, END));
    InstructionList copy = InstructionList.copyOf(source);
    source.set(0, END);
    assertThat(copy).containsExactly(NOP, END).isEqualTo(List.of(NOP, END));
    assertThat(copy.hashCode()).isEqualTo(List.of(NOP, END).hashCode());
    assertThatThrownBy(() -> copy.set(0, END)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> copy.add(END)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(InstructionList.copyOf(copy)).isSameAs(copy);
  }

  @Test
  void nullsAreRejectedAsByListCopyOf() {
    assertThatThrownBy(() -> InstructionList.copyOf(Arrays.asList(NOP, null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aFunctionBodyIsOne() {
    FunctionDefinition f = new FunctionDefinition(0, List.of(), List.of(NOP, END), 0);
    assertThat(f.body()).isInstanceOf(InstructionList.class).containsExactly(NOP, END);
  }
}
