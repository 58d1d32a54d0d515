package dev.cortado.spectest.fuzz;

import dev.cortado.spectest.SpecTestSuite;
import dev.cortado.wasm.WasmException;
import dev.cortado.wasm.internal.binary.BinaryWriter;
import dev.cortado.wasm.internal.text.WastParser;
import dev.cortado.wasm.internal.text.WatParser;
import dev.cortado.wasm.internal.wast.ModuleSource;
import dev.cortado.wasm.internal.wast.WastCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seeds of the mutation fuzzer: every module of a testsuite list's scripts in binary form (text
 * modules encoded with the binary writer), including those the scripts expect to be malformed or
 * invalid, deduplicated.
 */
public final class FuzzCorpus {
  private FuzzCorpus() {}

  /** The modules of the scripts that {@code list} (a file of the suite's lists/) names. */
  public static List<byte[]> load(SpecTestSuite suite, Path list) {
    List<byte[]> modules = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SpecTestSuite.SpecFile file : suite.list(list)) {
      String script;
      try {
        script = Files.readString(file.path(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (WastCommand command : WastParser.parse(script)) {
        WastCommand.ModuleCommand module =
            switch (command) {
              case WastCommand.ModuleCommand m -> m;
              case WastCommand.AssertMalformed a -> a.module();
              case WastCommand.AssertInvalid a -> a.module();
              case WastCommand.AssertUnlinkable a -> a.module();
              case WastCommand.AssertTrap a -> a.module();
              default -> null;
            };
        byte[] bytes = module == null ? null : bytesOf(module.source());
        if (bytes != null && seen.add(java.util.HexFormat.of().formatHex(bytes))) {
          modules.add(bytes);
        }
      }
    }
    return modules;
  }

  private static byte[] bytesOf(ModuleSource source) {
    return switch (source) {
      case ModuleSource.Binary b -> b.bytes();
      case ModuleSource.Text t -> {
        try {
          yield BinaryWriter.write(WatParser.parse(t.text()));
        } catch (WasmException e) {
          yield null;
        }
      }
      case ModuleSource.Quote q -> null;
    };
  }
}
