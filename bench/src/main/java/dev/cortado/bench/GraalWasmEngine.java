package dev.cortado.bench;

import java.lang.management.ManagementFactory;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * GraalWasm (org.graalvm.polyglot:wasm) through the polyglot API. Whether it compiles is decided by
 * the JVM it runs on, not here: with JVMCI enabled and Graal's compiler on the upgrade module path
 * Truffle compiles hot code; on a stock JVM it only interprets. One polyglot {@link Engine} is
 * shared by every run so that parsed and compiled code is reused, as an embedder would do.
 */
final class GraalWasmEngine implements WasmEngine {
  private final Engine engine =
      Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build();

  /**
   * For example "GraalWasm 25.0.2 (GraalVM CE), Truffle JIT (JVMCI, Graal compiler)". Truffle's
   * runtime is not reachable from outside its module, so this tells what the JVM offers it:
   * compilation needs JVMCI enabled and Graal's compiler module in the boot layer, otherwise
   * Truffle interprets.
   */
  @Override
  public String describe() {
    boolean jvmci =
        ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
    boolean graal = ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent();
    return "GraalWasm "
        + Versions.graalvm()
        + " ("
        + engine.getImplementationName()
        + ")"
        + (jvmci && graal
            ? ", Truffle JIT (JVMCI, Graal compiler)"
            : ", Truffle interpreter only (no JVMCI compiler)");
  }

  @Override
  public Loaded load(String name, byte[] wasm) {
    Source source = Source.newBuilder("wasm", ByteSequence.create(wasm), name).buildLiteral();
    return (argv, stdout) -> {
      try (Context context =
          Context.newBuilder("wasm")
              .engine(engine)
              .option("wasm.Builtins", "wasi_snapshot_preview1")
              .arguments("wasm", argv.toArray(String[]::new))
              .out(stdout)
              .err(System.err)
              .build()) {
        Value module = context.eval(source);
        Value instance = module.newInstance();
        try {
          instance.getMember("exports").getMember("_start").execute();
          return 0;
        } catch (PolyglotException e) {
          if (e.isExit()) {
            return e.getExitStatus();
          }
          throw e;
        }
      }
    };
  }
}
