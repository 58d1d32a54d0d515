package dev.cortado.spectest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential fuzzer's bounded run in the build: random modules from binaryen run in every
 * Cortado mode and in node's V8 with the same outcome. Skipped where wasm-opt or node is missing,
 * failed instead under {@code CI=true} (CI installs both); {@code cortado fuzz --differential} runs
 * it as long as asked.
 */
class DifferentialFuzzTest {
  /**
   * The modes compared: each tier plain and metered (fuel must not change what code does), and the
   * compiled tier splitting functions into small methods.
   */
  static List<DifferentialFuzzer.Mode> modes() {
    return DifferentialFuzzer.allModes();
  }

  @Test
  void randomModulesBehaveAsInV8() {
    RequiredTool.require(DifferentialFuzzer.toolsAvailable(), "wasm-opt and node are needed");
    DifferentialFuzzer.Report report =
        DifferentialFuzzer.run(
            new DifferentialFuzzer.Options(
                7, 0, 48, Duration.ofMinutes(5), Path.of("target/differential"), modes()),
            System.out);
    System.out.println("differential fuzz: " + report.summary());
    assertThat(report.mismatches()).isEmpty();
    assertThat(report.compared()).isGreaterThan(24);
  }

  @Test
  void transcriptsFormatValuesAsTheHarnessDoes() {
    assertThat(Transcript.format(dev.cortado.wasm.ValType.F32, dev.cortado.runtime.Value.f32(1)))
        .isEqualTo("f32:0x3f800000");
    assertThat(
            Transcript.format(
                dev.cortado.wasm.ValType.F64, dev.cortado.runtime.Value.f64(Double.NaN)))
        .isEqualTo("f64:nan");
    assertThat(Transcript.format(dev.cortado.wasm.ValType.I64, dev.cortado.runtime.Value.i64(-1)))
        .isEqualTo("i64:-1");
    assertThat(Transcript.fnv(new byte[] {'a'})).isEqualTo("0xe40c292c");
    assertThat(Transcript.agree(List.of("a", "  exhausted"), List.of("a", "  log i32:1"))).isTrue();
    assertThat(Transcript.agree(List.of("a", "b"), List.of("a", "c"))).isFalse();
  }
}
