package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parses the official testsuite: every script of the 2.0 and 3.0 lists with {@link WastParser}, and
 * every text module of the 2.0 scripts (core and SIMD) with {@link WatParser}; malformed ones must
 * fail with the message the script expects, invalid ones must fail validation so, and valid ones
 * must survive encoding to the binary format and decoding again.
 */
class TestsuiteParseTest {
  private static Path testsuite() {
    String dir = System.getProperty("wasm.testsuite");
    RequiredTool.require(
        dir != null && Files.isDirectory(Path.of(dir)), "testsuite not found: " + dir);
    return Path.of(dir);
  }

  private static List<Path> list(Path root, String name) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("lists").resolve(name))) {
      if (!line.isBlank()) {
        files.add(root.resolve(line.trim()));
      }
    }
    return files;
  }

  private static String read(Path file) throws IOException {
    return Lexer.decodeUtf8Lossless(Files.readAllBytes(file));
  }

  @Test
  void everyScriptParses() throws IOException {
    Path root = testsuite();
    int scripts = 0;
    int commands = 0;
    int unsupported = 0;
    List<String> failures = new ArrayList<>();
    for (String listName : List.of("2.0-core.txt", "2.0-simd.txt", "3.0.txt")) {
      for (Path file : list(root, listName)) {
        scripts++;
        try {
          List<WastCommand> parsed = WastParser.parse(read(file));
          commands += parsed.size();
          unsupported +=
              (int) parsed.stream().filter(c -> c instanceof WastCommand.Unsupported).count();
        } catch (RuntimeException e) {
          failures.add(root.relativize(file) + ": " + e);
        }
      }
    }
    System.out.printf(
        "WastParser: %d scripts, %d commands (%d unsupported), %d failed%n",
        scripts, commands, unsupported, failures.size());
    assertThat(failures).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0-core.txt", "2.0-simd.txt"})
  void every20ModuleParsesAndEveryMalformedOneFailsAsExpected(String listName) throws IOException {
    Path root = testsuite();
    int parsed = 0;
    int malformedAsExpected = 0;
    int validated = 0;
    int invalidAsExpected = 0;
    List<String> failures = new ArrayList<>();
    for (Path file : list(root, listName)) {
      String where = root.relativize(file).toString();
      for (WastCommand command : WastParser.parse(read(file))) {
        if (command instanceof WastCommand.AssertMalformed m) {
          String text = textOf(m.module().source());
          if (text == null) {
            continue;
          }
          try {
            WatParser.parse(text);
            failures.add(where + ":" + m.line() + ": parsed, expected \"" + m.message() + "\"");
          } catch (UnsupportedFeatureException e) {
            failures.add(where + ":" + m.line() + ": " + e.getMessage());
          } catch (MalformedModuleException e) {
            if (e.reason().startsWith(m.message())) {
              malformedAsExpected++;
            } else {
              failures.add(
                  where
                      + ":"
                      + m.line()
                      + ": expected \""
                      + m.message()
                      + "\", got "
                      + e.getMessage());
            }
          } catch (RuntimeException e) {
            failures.add(where + ":" + m.line() + ": crashed: " + e);
          }
          continue;
        }
        for (WastCommand.ModuleCommand module : modulesOf(command)) {
          String text = textOf(module.source());
          if (text == null) {
            continue;
          }
          WasmModule parsedModule;
          try {
            parsedModule = WatParser.parse(text);
            parsed++;
          } catch (RuntimeException e) {
            failures.add(where + ":" + module.line() + ": " + e);
            continue;
          }
          String expectedInvalid =
              command instanceof WastCommand.AssertInvalid i ? i.message() : null;
          try {
            parsedModule.validate();
            if (expectedInvalid != null) {
              failures.add(where + ":" + module.line() + ": valid, expected " + expectedInvalid);
            } else {
              validated++;
              String roundTrip = roundTrip(parsedModule);
              if (roundTrip != null) {
                failures.add(where + ":" + module.line() + ": " + roundTrip);
              }
            }
          } catch (InvalidModuleException e) {
            if (expectedInvalid != null && e.reason().startsWith(expectedInvalid)) {
              invalidAsExpected++;
            } else {
              failures.add(
                  where
                      + ":"
                      + module.line()
                      + ": "
                      + e.getMessage()
                      + ", expected "
                      + expectedInvalid);
            }
          }
        }
      }
    }
    System.out.printf(
        "WatParser on %s: %d modules parsed (%d valid, %d invalid as expected),"
            + " %d malformed rejected as expected, %d failures%n",
        listName, parsed, validated, invalidAsExpected, malformedAsExpected, failures.size());
    failures.stream().limit(200).forEach(System.out::println);
    assertThat(failures).isEmpty();
  }

  /**
   * Encodes {@code module} and decodes the result: the code must come back unchanged, and encoding
   * again must give the same bytes. Returns what went wrong, or null.
   */
  private static String roundTrip(WasmModule module) {
    try {
      byte[] binary = module.toBinary();
      WasmModule decoded = WasmModule.parse(binary);
      for (int i = 0; i < module.functions().size(); i++) {
        if (!decoded.functions().get(i).body().equals(module.functions().get(i).body())) {
          return "function " + i + " changed in the binary round trip";
        }
      }
      if (!Arrays.equals(decoded.toBinary(), binary)) {
        return "encoding is not a fixed point";
      }
      return null;
    } catch (RuntimeException e) {
      return "binary round trip failed: " + e;
    }
  }

  private static String textOf(ModuleSource source) {
    return switch (source) {
      case ModuleSource.Text t -> t.text();
      case ModuleSource.Quote q -> q.text();
      case ModuleSource.Binary b -> null;
    };
  }

  private static List<WastCommand.ModuleCommand> modulesOf(WastCommand command) {
    return switch (command) {
      case WastCommand.ModuleCommand m -> List.of(m);
      case WastCommand.AssertTrap t when t.module() != null -> List.of(t.module());
      case WastCommand.AssertInvalid i -> List.of(i.module());
      case WastCommand.AssertUnlinkable u -> List.of(u.module());
      default -> List.of();
    };
  }
}
