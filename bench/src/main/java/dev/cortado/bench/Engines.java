package dev.cortado.bench;

import dev.cortado.spectest.Tier;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process engines by id, as {@link InProcess} and {@link Runner} name them: {@code
 * cortado-TIER} for each Cortado mode, then the other JVM engines.
 */
final class Engines {
  static final List<String> IN_PROCESS_IDS = ids();

  private Engines() {}

  static WasmEngine inProcess(String id) {
    if (id.startsWith("cortado-")) {
      return new CortadoEngine(Tier.parse(id.substring("cortado-".length())));
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
    for (Tier t : Tier.values()) {
      ids.add("cortado-" + t.cliName());
    }
    ids.addAll(List.of("chicory-interpreter", "chicory-compiler", "graalwasm"));
    return List.copyOf(ids);
  }
}
