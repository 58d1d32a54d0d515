package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * No text makes the parsers throw anything but {@link MalformedModuleException}: every module of
 * the 3.0 and proposal scripts, and randomly damaged modules and scripts.
 */
class RobustnessTest {
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

  private static void eachTextModule(Path file, Consumer<String> action) throws IOException {
    for (WastCommand command : WastParser.parse(read(file))) {
      ModuleSource source =
          switch (command) {
            case WastCommand.ModuleCommand m -> m.source();
            case WastCommand.AssertTrap t when t.module() != null -> t.module().source();
            case WastCommand.AssertInvalid i -> i.module().source();
            case WastCommand.AssertUnlinkable u -> u.module().source();
            case WastCommand.AssertMalformed m -> m.module().source();
            default -> null;
          };
      if (source instanceof ModuleSource.Text t) {
        action.accept(t.text());
      } else if (source instanceof ModuleSource.Quote q) {
        action.accept(q.text());
      }
    }
  }

  @Test
  void laterModulesParseOrAreMalformedOrUnsupported() throws IOException {
    Path root = testsuite();
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> crashes = new ArrayList<>();
    for (String listName : List.of("3.0.txt", "proposals.txt")) {
      for (Path file : list(root, listName)) {
        eachTextModule(
            file,
            text -> {
              String outcome;
              try {
                WatParser.parse(text);
                outcome = "parsed";
              } catch (UnsupportedFeatureException e) {
                outcome = "unsupported: " + e.feature();
              } catch (MalformedModuleException e) {
                outcome = "malformed";
              } catch (RuntimeException | StackOverflowError e) {
                outcome = "crashed";
                crashes.add(root.relativize(file) + ": " + e);
              }
              outcomes.merge(outcome, 1, Integer::sum);
            });
      }
    }
    System.out.println("WatParser on 3.0 and proposal modules: " + outcomes);
    assertThat(crashes).isEmpty();
    assertThat(outcomes.get("parsed")).isGreaterThan(3000);
  }

  @Test
  void damagedTextIsMalformedNeverACrash() throws IOException {
    Path root = testsuite();
    List<String> modules = new ArrayList<>();
    for (Path file : list(root, "2.0-core.txt")) {
      eachTextModule(file, modules::add);
    }
    Random random = new Random(2024);
    String[] insertions = {
      "(", ")", "\"", ";;", "(;", "$", "0x", "end", "else", "\u00e9", "\udc80"
    };
    List<String> crashes = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      String text = modules.get(random.nextInt(modules.size()));
      String damaged = damage(text, random, insertions);
      try {
        WatParser.parse(damaged);
      } catch (MalformedModuleException e) {
        // expected for most
      } catch (RuntimeException | StackOverflowError e) {
        crashes.add(e + " for: " + damaged);
      }
      String script = "(module quote \"x\")\n" + damaged + "\n(assert_return (invoke \"f\"))";
      try {
        WastParser.parse(damage(script, random, insertions));
      } catch (MalformedModuleException e) {
        // expected for some
      } catch (RuntimeException | StackOverflowError e) {
        crashes.add(e + " for script: " + script);
      }
    }
    assertThat(crashes).isEmpty();
  }

  private static String damage(String text, Random random, String[] insertions) {
    if (text.isEmpty()) {
      return insertions[random.nextInt(insertions.length)];
    }
    int at = random.nextInt(text.length());
    return switch (random.nextInt(4)) {
      case 0 -> text.substring(0, at); // truncated
      case 1 -> {
        int end = Math.min(text.length(), at + 1 + random.nextInt(12));
        yield text.substring(0, at) + text.substring(end); // a piece cut out
      }
      case 2 ->
          text.substring(0, at)
              + insertions[random.nextInt(insertions.length)]
              + text.substring(at);
      default -> {
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + random.nextInt(30));
        yield text.substring(0, at) + text.substring(from, to) + text.substring(at); // copied
      }
    };
  }
}
