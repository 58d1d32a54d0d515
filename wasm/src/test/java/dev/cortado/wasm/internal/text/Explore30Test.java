package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class Explore30Test {
  @Test
  void explore() throws Exception {
    Path root = Path.of(System.getProperty("wasm.testsuite"));
    Map<String, Integer> counts = new TreeMap<>();
    for (String listName : new String[] {"3.0.txt", "proposals.txt"}) {
      for (String line : Files.readAllLines(root.resolve("lists/" + listName))) {
        Path file = root.resolve(line.trim());
        for (WastCommand c : WastParser.parse(Lexer.decodeUtf8Lossless(Files.readAllBytes(file)))) {
          WastCommand.ModuleCommand m =
              switch (c) {
                case WastCommand.ModuleCommand mc -> mc;
                case WastCommand.AssertInvalid i -> i.module();
                case WastCommand.AssertTrap t when t.module() != null -> t.module();
                case WastCommand.AssertUnlinkable u -> u.module();
                case WastCommand.AssertMalformed u -> u.module();
                default -> null;
              };
          if (m == null) continue;
          String text =
              switch (m.source()) {
                case ModuleSource.Text t -> t.text();
                case ModuleSource.Quote q -> q.text();
                default -> null;
              };
          if (text == null) continue;
          boolean mal = c instanceof WastCommand.AssertMalformed;
          String key;
          try {
            WatParser.parse(text);
            key = mal ? "malformed but parsed" : "ok";
            if (mal)
              System.out.println(
                  "PARSED "
                      + line
                      + ":"
                      + m.line()
                      + " "
                      + ((WastCommand.AssertMalformed) c).message());
          } catch (UnsupportedFeatureException e) {
            key = "unsupported " + e.feature();
          } catch (MalformedModuleException e) {
            key = mal ? "malformed ok" : "MALFORMED " + e.reason().replaceAll("'.*'", "X");
            if (!mal) System.out.println(line + ":" + m.line() + " " + e.getMessage());
          } catch (Throwable e) {
            key = "CRASH " + e;
            System.out.println("CRASH " + line + ":" + m.line() + " " + e);
          }
          counts.merge(key, 1, Integer::sum);
        }
      }
    }
    counts.forEach((k, v) -> System.out.println(v + " " + k));
  }
}
