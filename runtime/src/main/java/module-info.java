/** The Cortado runtime: store, instances, interpreter, and the embedding API. */
module dev.cortado.runtime {
  requires transitive dev.cortado.wasm;

  exports dev.cortado.runtime;
}
