package dev.cortado.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-process engines by id, as {@link InProcess} and {@link Runner} name them: {@code
 * cortado-MODE} for each Cortado mode ({@link CortadoMode}), then the other JVM engines.
 */
final class Engines {
  static final List<String> IN_PROCESS_IDS = ids();

  private Engines() {}

  static WasmEngine inProcess(String id) {
    if (id.startsWith("cortado-")) {
      return new CortadoEngine(CortadoMode.parse(id.substring("cortado-".length())));
    }
    return switch (id) {
      case "chicory-interpreter" -> new ChicoryEngine(false);
      case "chicory-compiler" -> new ChicoryEngine(true);
      case "graalwasm" -> new GraalWasmEngine();
      default ->
          throw new IllegalArgumentException(
              "unknown engine '" + id + "' (expected one of: " + IN_PROCESS_IDS + ")");
    };
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (String mode : CortadoMode.DEFAULTS) {
      ids.add("cortado-" + mode);
    }
    ids.addAll(List.of("chicory-interpreter", "chicory-compiler", "graalwasm"));
    return List.copyOf(ids);
  }
}
