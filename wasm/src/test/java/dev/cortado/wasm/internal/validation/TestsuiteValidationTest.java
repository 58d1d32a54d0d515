package dev.cortado.wasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.internal.binary.BinaryReader;
import dev.cortado.wasm.internal.text.RequiredTool;
import dev.cortado.wasm.internal.text.WastParser;
import dev.cortado.wasm.internal.text.WatParser;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the validator over the modules of the 2.0 testsuite ({@code lists/2.0-core.txt} under the
 * system property {@code wasm.testsuite}; skipped when absent): every {@code assert_invalid} module
 * must be rejected with an {@link InvalidModuleException} whose reason starts with the expected
 * message, and every module that a script defines or instantiates must validate.
 */
class TestsuiteValidationTest {
  private static final AtomicInteger invalidChecked = new AtomicInteger();
  private static final AtomicInteger validChecked = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> testsuiteModules() throws IOException {
    String root = System.getProperty("wasm.testsuite");
    RequiredTool.require(root != null, "system property wasm.testsuite not set");
    Path list = Path.of(root, "lists", "2.0-core.txt");
    RequiredTool.require(Files.isRegularFile(list), "no testsuite list at " + list);
    return Files.readAllLines(list).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(name -> DynamicTest.dynamicTest(name, () -> checkScript(Path.of(root, name))));
  }

  @AfterAll
  static void printFigures() {
    System.out.printf(
        "validator over the 2.0 testsuite: %d assert_invalid modules rejected as expected,"
            + " %d modules valid%n",
        invalidChecked.get(), validChecked.get());
  }

  private static void checkScript(Path script) throws IOException {
    String file = script.getFileName().toString();
    List<WastCommand> commands = WastParser.parse(Files.readString(script, StandardCharsets.UTF_8));
    List<String> failures = new ArrayList<>();
    for (WastCommand command : commands) {
      switch (command) {
        case WastCommand.AssertInvalid a -> {
          String failure = checkInvalid(a.module().source(), a.message());
          if (failure == null) {
            invalidChecked.incrementAndGet();
          } else {
            failures.add(file + ":" + a.line() + ": " + failure);
          }
        }
        case WastCommand.ModuleCommand m -> checkValid(file, m, failures);
        case WastCommand.AssertUnlinkable a -> checkValid(file, a.module(), failures);
        case WastCommand.AssertTrap a when a.module() != null ->
            checkValid(file, a.module(), failures);
        default -> {}
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Null if the module is rejected with {@code message}, else what happened instead. */
  private static String checkInvalid(ModuleSource source, String message) {
    WasmModule module;
    try {
      module = decode(source);
    } catch (RuntimeException e) {
      return "expected invalid \"" + message + "\" but decoding failed: " + e;
    }
    try {
      Validator.validate(module);
      return "expected invalid \"" + message + "\" but it validated";
    } catch (InvalidModuleException e) {
      return e.reason().startsWith(message)
          ? null
          : "expected invalid \"" + message + "\" but got \"" + e.getMessage() + "\"";
    } catch (RuntimeException e) {
      return "expected invalid \"" + message + "\" but got " + e;
    }
  }

  private static void checkValid(
      String file, WastCommand.ModuleCommand command, List<String> failures) {
    try {
      Validator.validate(decode(command.source()));
      validChecked.incrementAndGet();
    } catch (RuntimeException e) {
      failures.add(file + ":" + command.line() + ": expected a valid module but got " + e);
    }
  }

  private static WasmModule decode(ModuleSource source) {
    return switch (source) {
      case ModuleSource.Text t -> WatParser.parse(t.text());
      case ModuleSource.Quote q -> WatParser.parse(q.text());
      case ModuleSource.Binary b -> BinaryReader.read(b.bytes());
    };
  }
}
