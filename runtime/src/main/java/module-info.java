/** The Cortado runtime: store, instances, interpreter, and the embedding API. */
module dev.cortado.runtime {
  requires transitive dev.cortado.wasm;
  // Optional: compiled SIMD uses the Vector API where the module is present (--add-modules
  // jdk.incubator.vector), scalar code otherwise (see compiler.VectorSupport).
  requires static jdk.incubator.vector;

  exports dev.cortado.runtime;
}
