package dev.cortado.bench;

import java.io.OutputStream;
import java.util.List;

/**
 * An engine that runs a WASI command module in this JVM: what the in-process harness ({@link
 * InProcess}) times. {@link #load} does the once-per-module work (decode, validate, compile where
 * the engine compiles ahead); each {@link Loaded#run} instantiates afresh and runs {@code _start},
 * so every iteration does the same work from the same initial state.
 */
interface WasmEngine {
  /** What actually runs, for the record: names, versions, and for GraalWasm the Truffle runtime. */
  String describe();

  /** The module {@code name} from its binary, ready to be run any number of times. */
  Loaded load(String name, byte[] wasm) throws Exception;

  /** A loaded module. */
  interface Loaded {
    /**
     * Instantiates the module with WASI (arguments {@code argv}, argv[0] included, stdout to {@code
     * stdout}, stderr to this process's stderr) and runs {@code _start}; returns the exit code.
     */
    int run(List<String> argv, OutputStream stdout) throws Exception;
  }
}
