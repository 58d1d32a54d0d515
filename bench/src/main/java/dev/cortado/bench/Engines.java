package dev.cortado.bench;

import java.util.List;

/** The in-process engines by id, as {@link InProcess} and {@link Runner} name them. */
final class Engines {
  static final List<String> IN_PROCESS_IDS =
      List.of("chicory-interpreter", "chicory-compiler", "graalwasm");

  private Engines() {}

  static WasmEngine inProcess(String id) {
    return switch (id) {
      case "chicory-interpreter" -> new ChicoryEngine(false);
      case "chicory-compiler" -> new ChicoryEngine(true);
      case "graalwasm" -> new GraalWasmEngine();
      default ->
          throw new IllegalArgumentException(
              "unknown engine '" + id + "' (expected one of: " + IN_PROCESS_IDS + ")");
    };
  }
}
