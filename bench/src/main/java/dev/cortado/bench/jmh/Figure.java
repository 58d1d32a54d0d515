package dev.cortado.bench.jmh;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * One row of the JMH report: which benchmark method it comes from, how JMH's time per operation
 * becomes the unit shown, and whether more is better (throughputs) or less (times).
 *
 * @param method the benchmark's simple class name and method, e.g. {@code CallBenchmark.hostToWasm}
 * @param param the name of the parameter that selects the engine
 * @param label what the row says
 * @param unit the unit shown
 * @param convert from JMH's score (in the benchmark's own time unit per operation) to {@code unit}
 * @param higherIsBetter true for throughputs
 */
record Figure(
    String method,
    String param,
    String label,
    String unit,
    DoubleUnaryOperator convert,
    boolean higherIsBetter) {

  /** Every JMH figure, in report order; {@code parseBytes} is the size of the parsed module. */
  static List<Figure> all(long parseBytes) {
    double kib64 = MemoryBenchmark.BYTES;
    DoubleUnaryOperator parsedMbPerSecond = ms -> parseBytes / 1e6 / (ms / 1e3);
    return List.of(
        new Figure(
            "ParseBenchmark.parseAndValidate",
            "parser",
            "decode + validate speedtest1.wasm (" + parseBytes / 1000 + " kB)",
            "MB/s",
            parsedMbPerSecond,
            true),
        new Figure(
            "CompileBenchmark.compileEveryFunction",
            "compiler",
            "compile speedtest1.wasm (" + parseBytes / 1000 + " kB) to loaded classes, warm",
            "MB/s",
            parsedMbPerSecond,
            true),
        new Figure(
            "InstantiateBenchmark.instantiate",
            "engine",
            "instantiate a small module (import, 17 pages, data, table)",
            "µs",
            us -> us,
            false),
        new Figure(
            "CallBenchmark.hostToWasm",
            "engine",
            "call host → wasm (i32 → i32)",
            "ns",
            ns -> ns,
            false),
        new Figure(
            "CallBenchmark.wasmToHost",
            "engine",
            "call wasm → host (i32 → i32)",
            "ns",
            ns -> ns,
            false),
        new Figure(
            "MemoryBenchmark.write64KiB",
            "memoryOf",
            "memory: copy 64 KiB in through the API",
            "GB/s",
            us -> kib64 / 1e9 / (us / 1e6),
            true),
        new Figure(
            "MemoryBenchmark.read64KiB",
            "memoryOf",
            "memory: copy 64 KiB out through the API",
            "GB/s",
            us -> kib64 / 1e9 / (us / 1e6),
            true),
        new Figure(
            "MemoryBenchmark.readInts64KiB",
            "memoryOf",
            "memory: read 16384 i32s one by one through the API",
            "GB/s",
            us -> kib64 / 1e9 / (us / 1e6),
            true),
        new Figure(
            "ExecutionBenchmark.fib30", "engine", "fib(30), recursive", "ms", ms -> ms, false),
        new Figure(
            "ExecutionBenchmark.memoryLoop",
            "engine",
            "memory-heavy loop: 4 × 1 MiB of i32 load, load, store",
            "ms",
            ms -> ms,
            false));
  }
}
