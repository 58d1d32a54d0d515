package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.StoreConfig;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures compile speed (not a test): compiles a module as {@code cortado compile} does, several
 * times in one JVM, and prints MB of wasm per second of wall and CPU time for each run, then the
 * time to load the resulting {@code .cwasm} contents (what a cached run does).
 *
 * <pre>
 * ./mvnw -o -q test-compile -pl runtime -am
 * java -cp runtime/target/classes:runtime/target/test-classes:wasm/target/classes \
 *   dev.cortado.runtime.internal.compiler.CompileSpeed speedtest1.wasm [copies] [runs] [loads]
 * </pre>
 *
 * {@code copies} makes a bigger module of that many copies of the module's functions (calls stay
 * within a copy), for modules of tens of megabytes.
 */
final class CompileSpeed {
  private CompileSpeed() {}

  public static void main(String[] args) throws Exception {
    long read0 = System.nanoTime();
    WasmModule module = WasmModule.read(Path.of(args[0]));
    long read1 = System.nanoTime();
    int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int loads = args.length > 3 ? Integer.parseInt(args[3]) : runs;
    if (copies > 1) {
      module = replicate(module, copies);
      // Read the copies as a file of them is read: decoded and validated, in this fresh JVM.
      byte[] binary = module.toBinary();
      // -Dcopies.out=FILE writes them as that file, for `cortado run` (docs/compiler.md).
      String out = System.getProperty("copies.out");
      if (out != null) {
        java.nio.file.Files.write(Path.of(out), binary);
      }
      read0 = System.nanoTime();
      module = WasmModule.parse(binary);
      read1 = System.nanoTime();
    }
    System.out.printf("read (decode and validate): %.0f ms%n", (read1 - read0) / 1e6);
    double mb = module.toBinary().length / 1e6;
    int limit = StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT;
    System.out.printf(
        "%.2f MB, %d functions, %d cores%n",
        mb, module.functions().size(), Runtime.getRuntime().availableProcessors());
    CwasmFile.Contents contents = null;
    byte[] cwasm = null;
    for (int r = 1; r <= runs; r++) {
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      CompiledModule code = CompiledModule.forFile(module, limit, false);
      code.compileAll();
      long t1 = System.nanoTime();
      contents = code.contents();
      long t2 = System.nanoTime();
      byte[] file = CwasmFile.write(contents);
      cwasm = file;
      long t3 = System.nanoTime();
      double wall = (t3 - t0) / 1e9;
      double cpu = (cpuNanos() - cpu0) / 1e9;
      System.out.printf(
          "compile %d: %.2f s wall (%.2f MB/s), %.2f s cpu (%.2f MB/s per core), .cwasm %d bytes"
              + " (compile and define %.0f ms, contents %.0f ms, .cwasm %.0f ms)%n",
          r,
          wall,
          mb / wall,
          cpu,
          mb / cpu,
          file.length,
          (t1 - t0) / 1e6,
          (t2 - t1) / 1e6,
          (t3 - t2) / 1e6);
      if (r == runs) {
        CompiledModule.Statistics s = code.statistics();
        System.out.printf(
            "%d classes, %d methods (%d over the limit, largest %d bytes), %d functions split%n",
            s.classes, s.methods, s.methodsOverLimit, s.largestMethod, s.splitFunctions);
      }
    }
    for (int r = 1; r <= loads; r++) {
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      CwasmFile.Contents read = CwasmFile.read(cwasm);
      double readWall = (System.nanoTime() - t0) / 1e9;
      CompiledModule code = CompiledModule.forFile(module, limit, false);
      code.load(read);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (cpuNanos() - cpu0) / 1e9;
      System.out.printf(
          "load %d: %.3f s wall (%.3f s reading the file), %.3f s cpu, %d classes%n",
          r, wall, readWall, cpu, code.statistics().classes);
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  /**
   * A module with {@code copies} copies of {@code module}'s defined functions; a call in copy k
   * calls the same function of copy k. Exports, tables and segments refer to the first copy.
   */
  static WasmModule replicate(WasmModule module, int copies) {
    WasmModule.Builder b = WasmModule.builder();
    b.types.addAll(module.types());
    b.imports.addAll(module.imports());
    b.tables.addAll(module.tables());
    b.memories.addAll(module.memories());
    b.globals.addAll(module.globals());
    b.exports.addAll(module.exports());
    b.elements.addAll(module.elements());
    b.datas.addAll(module.datas());
    module.dataCount().ifPresent(b::dataCount);
    module.start().ifPresent(b::start);
    int imported = module.importedFunctionCount();
    int defined = module.functions().size();
    b.functions.addAll(module.functions());
    for (int k = 1; k < copies; k++) {
      int shift = k * defined;
      for (FunctionDefinition f : module.functions()) {
        List<Instruction> body = new ArrayList<>(f.body().size());
        for (Instruction in : f.body()) {
          if (in.opcode() == Opcode.CALL && in.index() >= imported) {
            in = Instruction.ofIndex(Opcode.CALL, in.index() + shift, in.offset());
          }
          body.add(in);
        }
        b.functions.add(new FunctionDefinition(f.typeIndex(), f.locals(), body, f.offset()));
      }
    }
    return b.build().validate();
  }
}
