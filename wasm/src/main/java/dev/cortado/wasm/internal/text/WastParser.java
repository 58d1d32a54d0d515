package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.internal.wast.WastCommand;
import java.util.List;

/** Parses a {@code .wast} script into commands. */
public final class WastParser {
  private WastParser() {}

  /**
   * Parses a whole script. A syntax error in the script structure throws {@link
   * dev.cortado.wasm.MalformedModuleException} with {@code line:column}; modules inside are kept as
   * text and parsed only when run.
   */
  public static List<WastCommand> parse(String script) {
    throw new UnsupportedOperationException("TODO");
  }
}
