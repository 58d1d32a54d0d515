package dev.cortado.spectest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cortado.runtime.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official WebAssembly 2.0 testsuite, one test per script: the core and the SIMD scripts in
 * every tier, and once more compiled with the smallest method limit. The suite's folder comes from
 * the system property {@code wasm.testsuite} (set by the parent pom). There is no skip list: every
 * script must pass.
 */
class SpecTest {
  /** Failures listed in a test's message; the rest are counted, to keep the build log readable. */
  private static final int SHOWN_FAILURES = 25;

  @TestFactory
  Stream<DynamicNode> core20() {
    return scripts("lists/2.0-core.txt", Arrays.asList(Tier.values()));
  }

  /**
   * The compiled tier with the smallest method limit: nearly every function is split into several
   * methods, so the whole suite exercises the splitter.
   */
  @TestFactory
  Stream<DynamicNode> core20Split() {
    return split("lists/2.0-core.txt");
  }

  @TestFactory
  Stream<DynamicNode> simd20Split() {
    return split("lists/2.0-simd.txt");
  }

  private static Stream<DynamicNode> split(String listPath) {
    SpecTestSuite suite = SpecTestSuite.fromSystemProperty();
    List<SpecTestSuite.SpecFile> files = suite.list(suite.root().resolve(listPath));
    StoreConfig split =
        Tier.COMPILED.storeConfig().withCompiledMethodLimit(StoreConfig.MIN_COMPILED_METHOD_LIMIT);
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "compiled-split",
            files.stream()
                .map(
                    file ->
                        DynamicTest.dynamicTest(
                            file.name(),
                            file.path().toUri(),
                            () -> run(new WastRunner(Tier.COMPILED, split), file)))));
  }

  @TestFactory
  Stream<DynamicNode> simd20() {
    return scripts("lists/2.0-simd.txt", Arrays.asList(Tier.values()));
  }

  /**
   * Regression scripts for bugs found by the fuzzers and the hostile-guest tests
   * (src/test/resources/regressions, docs/limits.md): every tier.
   */
  @TestFactory
  Stream<DynamicNode> regressions() throws java.io.IOException {
    Path dir = Path.of("src/test/resources/regressions");
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.toString().endsWith(".wast")).sorted().toList();
    }
    if (files.isEmpty()) {
      fail("no regression scripts in " + dir.toAbsolutePath());
    }
    return byTier(
        files.stream()
            .map(f -> new SpecTestSuite.SpecFile(f, "regressions/" + f.getFileName()))
            .toList(),
        Arrays.asList(Tier.values()));
  }

  /** One container per tier, with one test per script of the list {@code listPath}. */
  private static Stream<DynamicNode> scripts(String listPath, List<Tier> tiers) {
    SpecTestSuite suite = SpecTestSuite.fromSystemProperty();
    Path list = suite.root().resolve(listPath);
    if (!Files.isRegularFile(list)) {
      fail("no testsuite at " + suite.root() + " (set -D" + SpecTestSuite.PROPERTY + "=DIR)");
    }
    return byTier(suite.list(list), tiers);
  }

  /** One container per tier, with one test per script of {@code files}. */
  private static Stream<DynamicNode> byTier(List<SpecTestSuite.SpecFile> files, List<Tier> tiers) {
    return tiers.stream()
        .map(
            tier ->
                DynamicContainer.dynamicContainer(
                    tier.cliName(),
                    files.stream()
                        .map(
                            file ->
                                DynamicTest.dynamicTest(
                                    file.name(),
                                    file.path().toUri(),
                                    () -> run(new WastRunner(tier), file)))));
  }

  private static void run(WastRunner runner, SpecTestSuite.SpecFile file) {
    ScriptResult result = runner.runFile(file.path(), file.name());
    System.out.println("[" + runner.tier() + "] " + result.summaryLine());
    if (!result.ok()) {
      String shown =
          result.failures().stream()
              .limit(SHOWN_FAILURES)
              .map(f -> "  " + result.describe(f))
              .collect(Collectors.joining("\n"));
      int more = result.failed() - SHOWN_FAILURES;
      fail(result.summaryLine() + "\n" + shown + (more > 0 ? "\n  ... and " + more + " more" : ""));
    }
  }
}
