package dev.cortado.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and geometric means, the only statistics the reports use. */
final class Stats {
  private Stats() {}

  /** The median; for an even count, the mean of the middle two. */
  static double median(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of nothing");
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1
        ? sorted[middle]
        : (sorted[middle - 1] + (double) sorted[middle]) / 2;
  }

  /** The geometric mean of positive ratios: the mean that treats 2x and 0.5x symmetrically. */
  static double geometricMean(List<Double> ratios) {
    if (ratios.isEmpty()) {
      throw new IllegalArgumentException("geometric mean of nothing");
    }
    double logSum = 0;
    for (double r : ratios) {
      if (!(r > 0)) {
        throw new IllegalArgumentException("not a positive ratio: " + r);
      }
      logSum += Math.log(r);
    }
    return Math.exp(logSum / ratios.size());
  }
}
