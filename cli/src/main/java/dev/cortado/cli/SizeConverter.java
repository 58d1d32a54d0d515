package dev.cortado.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * A size in bytes: a number with an optional unit, {@code B}, {@code K}/{@code KiB}, {@code
 * M}/{@code MiB}, {@code G}/{@code GiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB}
 * (powers of 1000); e.g. {@code 64MiB}.
 */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
  SizeConverter() {}

  @Override
  public Long convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  static long parse(String text) {
    String s = text.trim();
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == 0) {
      throw new IllegalArgumentException("invalid size '" + text + "' (expected e.g. 64MiB)");
    }
    long multiplier =
        switch (s.substring(end).trim().toLowerCase(Locale.ROOT)) {
          case "", "b" -> 1L;
          case "k", "kib" -> 1L << 10;
          case "m", "mib" -> 1L << 20;
          case "g", "gib" -> 1L << 30;
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          default ->
              throw new IllegalArgumentException(
                  "invalid size unit in '" + text + "' (expected B, KiB, MiB, GiB, KB, MB or GB)");
        };
    try {
      return Math.multiplyExact(Long.parseLong(s.substring(0, end)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("size too large: '" + text + "'", e);
    }
  }
}
