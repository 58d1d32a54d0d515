package dev.cortado.wasm.internal.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.WasmModule;
import java.util.List;

/** Compares modules by content (where things came from, i.e. offsets, is not compared). */
final class ModuleAssertions {
  private ModuleAssertions() {}

  /** A function without its source offset. */
  private record FunctionContent(int typeIndex, Object locals, Object body) {}

  static void assertSameContent(WasmModule actual, WasmModule expected) {
    assertThat(actual.types()).as("types").isEqualTo(expected.types());
    assertThat(actual.imports()).as("imports").isEqualTo(expected.imports());
    assertThat(functions(actual)).as("functions").isEqualTo(functions(expected));
    assertThat(actual.tables()).as("tables").isEqualTo(expected.tables());
    assertThat(actual.memories()).as("memories").isEqualTo(expected.memories());
    assertThat(actual.globals()).as("globals").isEqualTo(expected.globals());
    assertThat(actual.exports()).as("exports").isEqualTo(expected.exports());
    assertThat(actual.start()).as("start").isEqualTo(expected.start());
    assertThat(actual.elements()).as("elements").isEqualTo(expected.elements());
    assertThat(actual.datas()).as("datas").isEqualTo(expected.datas());
    assertThat(actual.dataCount()).as("data count").isEqualTo(expected.dataCount());
    assertThat(actual.customSections()).as("custom sections").isEqualTo(expected.customSections());
    assertThat(actual.names()).as("names").isEqualTo(expected.names());
  }

  private static List<FunctionContent> functions(WasmModule module) {
    return module.functions().stream()
        .map((FunctionDefinition f) -> new FunctionContent(f.typeIndex(), f.locals(), f.body()))
        .toList();
  }
}
