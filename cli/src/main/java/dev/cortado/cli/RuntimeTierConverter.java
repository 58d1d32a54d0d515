package dev.cortado.cli;

import dev.cortado.runtime.Tier;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code --tier NAME} of {@code run} and {@code compile}: {@code interpreter}, ... */
final class RuntimeTierConverter implements CommandLine.ITypeConverter<Tier>, Iterable<String> {
  RuntimeTierConverter() {}

  @Override
  public Tier convert(String value) {
    for (Tier t : Tier.values()) {
      if (t.cliName().equals(value)) {
        return t;
      }
    }
    throw new CommandLine.TypeConversionException(
        "unknown tier '"
            + value
            + "' (expected one of: "
            + Arrays.stream(Tier.values()).map(Tier::cliName).collect(Collectors.joining(", "))
            + ")");
  }

  /** The completion candidates picocli shows in the help. */
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(Tier.values()).map(Tier::cliName).iterator();
  }
}
