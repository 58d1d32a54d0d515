package dev.cortado.spectest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.spectest.SpecTestSuite;
import dev.cortado.spectest.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mutation fuzzer's bounded run in the build: 10,000 damaged testsuite modules with a fixed
 * seed, the valid ones run tiered (interpreted, then compiled after a few calls or iterations);
 * only WasmExceptions may come out, and nothing may hang. {@code cortado fuzz} runs it as long as
 * asked.
 */
class MutationFuzzTest {
  private static final long SEED = 20_250_101L;
  private static final int CASES = 10_000;

  @Test
  void tenThousandDamagedModulesOnlyEverGiveWasmExceptions() {
    SpecTestSuite suite = SpecTestSuite.fromSystemProperty();
    List<byte[]> corpus = FuzzCorpus.load(suite, suite.root().resolve("lists/2.0-core.txt"));
    assertThat(corpus).hasSizeGreaterThan(1000);
    MutationFuzzer.Report report =
        MutationFuzzer.run(
            corpus,
            new MutationFuzzer.Options(
                SEED,
                0,
                CASES,
                null,
                true,
                Duration.ofSeconds(30),
                Path.of("target/fuzz-findings"),
                Tier.TIERED::apply),
            System.out);
    System.out.println("mutation fuzz: " + report.summary());
    assertThat(report.findings()).isEmpty();
    assertThat(report.cases()).isEqualTo(CASES);
    // The mutations reach every stage, not only the decoder's first checks.
    assertThat(report.outcomes())
        .containsKeys(
            Exercise.Outcome.MALFORMED,
            Exercise.Outcome.INVALID,
            Exercise.Outcome.RAN,
            Exercise.Outcome.TRAPPED);
  }

  @Test
  void theMutatorIsDeterministic() {
    byte[] module = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0};
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    byte[] x = new Mutator(new java.util.SplittableRandom(7)).mutate(module, module, a);
    byte[] y = new Mutator(new java.util.SplittableRandom(7)).mutate(module, module, b);
    assertThat(x).isEqualTo(y);
    assertThat(a).isEqualTo(b).isNotEmpty();
    assertThat(Mutator.Section.parse(module)).extracting(Mutator.Section::id).containsExactly(1, 3);
    assertThat(Mutator.Section.leb(624485)).containsExactly(0xE5, 0x8E, 0x26);
  }
}
