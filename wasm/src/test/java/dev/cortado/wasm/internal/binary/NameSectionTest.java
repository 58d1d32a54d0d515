package dev.cortado.wasm.internal.binary;

import static dev.cortado.wasm.internal.binary.TestBytes.bytes;
import static dev.cortado.wasm.internal.binary.TestBytes.concat;
import static dev.cortado.wasm.internal.binary.TestBytes.module;
import static dev.cortado.wasm.internal.binary.TestBytes.section;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.Names;
import dev.cortado.wasm.WasmModule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name section (spec 7.4.1), read and written. */
class NameSectionTest {
  private static final byte[] NAME = bytes(0x04, 'n', 'a', 'm', 'e');

  private static byte[] nameSection(int... contents) {
    return section(0, concat(NAME, bytes(contents)));
  }

  /** Module "mod"; functions 0 "f" and 2 "h"; local 1 of function 0 "x". */
  private static final int[] NAMES = {
    0x00, 0x04, 0x03, 'm', 'o', 'd', // module name
    0x01, 0x07, 0x02, 0x00, 0x01, 'f', 0x02, 0x01, 'h', // function names
    0x02, 0x06, 0x01, 0x00, 0x01, 0x01, 0x01, 'x', // local names
  };

  private static final Names EXPECTED =
      new Names("mod", Map.of(0, "f", 2, "h"), Map.of(0, Map.of(1, "x")));

  @Test
  void decodesModuleFunctionAndLocalNames() {
    WasmModule m = BinaryReader.read(module(nameSection(NAMES)));
    assertThat(m.names()).isEqualTo(EXPECTED);
    assertThat(m.names().functionName(2)).isEqualTo("h");
    assertThat(m.customSections())
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo("name"));
  }

  @Test
  void subsectionsAreOptionalAndLaterOnesAreSkipped() {
    WasmModule m =
        BinaryReader.read(
            module(nameSection(0x01, 0x04, 0x01, 0x03, 0x01, 'g', 0x07, 0x02, 0xAA, 0xBB)));
    assertThat(m.names()).isEqualTo(new Names(null, Map.of(3, "g"), Map.of()));
  }

  @Test
  void malformedNameSectionsAreIgnoredButKept() {
    int[][] malformed = {
      {0x01, 0x07, 0x02, 0x02, 0x01, 'h', 0x00, 0x01, 'f'}, // indices out of order
      {0x01, 0x07, 0x02, 0x00, 0x01, 'f', 0x00, 0x01, 'h'}, // duplicate index
      {0x01, 0x02, 0x00, 0x00, 0x00, 0x02, 0x03, 'm', 'o', 'd'}, // subsections out of order
      {0x01, 0x01, 0x00, 0x01, 0x01, 0x00}, // repeated subsection
      {0x00, 0x05, 0x03, 'm', 'o', 'd'}, // size mismatch
      {0x00, 0x02, 0x01, 0xFF}, // bad UTF-8
      {0x03, 0x09, 0x00}, // skipped subsection runs past the end
      {0x01}, // truncated
    };
    for (int[] contents : malformed) {
      WasmModule m = BinaryReader.read(module(nameSection(contents)));
      assertThat(m.names()).isEqualTo(Names.EMPTY);
      assertThat(m.customSections()).hasSize(1);
    }
  }

  @Test
  void onlyTheFirstNameSectionCounts() {
    WasmModule m =
        BinaryReader.read(
            module(nameSection(0x00, 0x02, 0x01, 'a'), nameSection(0x00, 0x02, 0x01, 'b')));
    assertThat(m.names().moduleName()).isEqualTo("a");
  }

  @Test
  void writerGeneratesANameSectionFromNames() {
    WasmModule.Builder b = WasmModule.builder();
    b.names(EXPECTED);
    byte[] written = BinaryWriter.write(b.build());
    assertThat(written).isEqualTo(module(nameSection(NAMES)));
    assertThat(BinaryReader.read(written).names()).isEqualTo(EXPECTED);
  }

  @Test
  void writerKeepsAnExistingNameSectionAsItIs() {
    // Not what names() would give (it is malformed), but the module's own section wins.
    byte[] original = module(nameSection(0x01, 0x07, 0x02, 0x02, 0x01, 'h', 0x00, 0x01, 'f'));
    WasmModule m = BinaryReader.read(original);
    assertThat(BinaryWriter.write(m)).isEqualTo(original);
  }

  @Test
  void writerLeavesOutEmptyNames() {
    assertThat(BinaryWriter.write(WasmModule.builder().build())).isEqualTo(module());
  }
}
