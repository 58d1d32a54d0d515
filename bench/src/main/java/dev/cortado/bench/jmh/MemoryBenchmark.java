package dev.cortado.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Linear memory through the embedding API, as a host that passes buffers to wasm uses it: 64 KiB
 * copied in, 64 KiB copied out, and 16384 i32s read one at a time. JmhRun turns times into GB/s.
 * The execution mode does not matter here: Cortado's interpreter and Chicory's interpreter stand
 * for their engines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryBenchmark {
  static final int BYTES = 64 * 1024;
  static final int ADDRESS = 128 * 1024;

  @Param({"cortado", "chicory"})
  public String memoryOf;

  private Guest guest;
  private final byte[] data = new byte[BYTES];

  @Setup
  public void instantiate() {
    guest = Guest.create(memoryOf + "-interpreter", BenchFiles.guestModule());
    for (int i = 0; i < BYTES; i++) {
      data[i] = (byte) (i * 31);
    }
    guest.write(ADDRESS, data);
  }

  @Benchmark
  public byte[] write64KiB() {
    guest.write(ADDRESS, data);
    return data;
  }

  @Benchmark
  public byte[] read64KiB() {
    return guest.readBytes(ADDRESS, BYTES);
  }

  @Benchmark
  public int readInts64KiB() {
    return guest.sumInts(ADDRESS, BYTES / 4);
  }
}
