package dev.cortado.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A duration: a number with a unit, {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or
 * {@code h} (a bare number is seconds); e.g. {@code 5s}, {@code 250ms}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  DurationConverter() {}

  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  static Duration parse(String text) {
    String s = text.trim();
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == 0) {
      throw new IllegalArgumentException("invalid duration '" + text + "' (expected e.g. 5s)");
    }
    long amount;
    try {
      amount = Long.parseLong(s.substring(0, end));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("duration too long: '" + text + "'", e);
    }
    Duration d;
    try {
      d =
          switch (s.substring(end).trim().toLowerCase(Locale.ROOT)) {
            case "ns" -> Duration.ofNanos(amount);
            case "us" -> Duration.ofNanos(amount).multipliedBy(1000);
            case "ms" -> Duration.ofMillis(amount);
            case "", "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default ->
                throw new IllegalArgumentException(
                    "invalid duration unit in '" + text + "' (expected ns, us, ms, s, m or h)");
          };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration too long: '" + text + "'", e);
    }
    if (d.isZero()) {
      throw new IllegalArgumentException("duration must be positive: '" + text + "'");
    }
    return d;
  }

  /** {@code d} as the options write it, e.g. {@code 250ms}. */
  static String format(Duration d) {
    if (d.toNanosPart() % 1_000_000 != 0) {
      return d.toNanos() + "ns";
    }
    if (d.toMillisPart() != 0) {
      return d.toMillis() + "ms";
    }
    return d.toSeconds() + "s";
  }
}
