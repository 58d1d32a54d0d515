package dev.cortado.bench;

import dev.cortado.bench.Workload.Size;
import java.util.List;

/**
 * One measurement: a workload at one size on one engine, timed one way.
 *
 * @param nanos the measured runs' times (empty unless {@link Status#OK})
 * @param detail why it failed, for a failure; else null
 * @param warmupNanos the in-process warm-up runs' times, for the record (JIT warm-up curves)
 */
record Cell(
    String workload,
    Size size,
    Kind kind,
    String engine,
    Status status,
    List<Long> nanos,
    String detail,
    List<Long> warmupNanos) {

  Cell {
    nanos = List.copyOf(nanos);
    warmupNanos = List.copyOf(warmupNanos);
  }

  Cell(
      String workload,
      Size size,
      Kind kind,
      String engine,
      Status status,
      List<Long> nanos,
      String detail) {
    this(workload, size, kind, engine, status, nanos, detail, List.of());
  }

  /** How a time was taken. */
  enum Kind {
    /** In one process, after warm-up runs: the engine at its best. */
    STEADY("steady state (in-process, after warm-up)"),
    /** A fresh process per run: start-up (JVM, loading, compiling) included. */
    PROCESS("whole process (start-up included)");

    final String title;

    Kind(String title) {
      this.title = title;
    }

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  enum Status {
    OK("ok"),
    TIMEOUT("timeout"),
    WRONG_OUTPUT("wrong output"),
    FAILED("failed");

    final String text;

    Status(String text) {
      this.text = text;
    }
  }

  double medianNanos() {
    return Stats.median(nanos);
  }

  boolean ok() {
    return status == Status.OK;
  }
}
