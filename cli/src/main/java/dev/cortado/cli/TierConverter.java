package dev.cortado.cli;

import dev.cortado.spectest.Tier;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** {@code --tier NAME}: the tier's command-line name, e.g. {@code interpreter}. */
final class TierConverter implements CommandLine.ITypeConverter<Tier>, Iterable<String> {
  TierConverter() {}

  @Override
  public Tier convert(String value) {
    try {
      return Tier.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /** The completion candidates picocli shows in the help. */
  @Override
  public Iterator<String> iterator() {
    return List.of(Tier.values()).stream().map(Tier::cliName).iterator();
  }
}
