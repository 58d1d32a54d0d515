/** WebAssembly's module model, binary and text formats, and validation. No dependencies. */
module dev.cortado.wasm {
  exports dev.cortado.wasm;
  exports dev.cortado.wasm.code;
  exports dev.cortado.wasm.internal.binary to
      dev.cortado.runtime,
      dev.cortado.spectest,
      dev.cortado.cli;
  exports dev.cortado.wasm.internal.text to
      dev.cortado.runtime,
      dev.cortado.spectest,
      dev.cortado.cli;
  exports dev.cortado.wasm.internal.wast to
      dev.cortado.spectest,
      dev.cortado.cli;
  exports dev.cortado.wasm.internal.validation to
      dev.cortado.runtime;
}
