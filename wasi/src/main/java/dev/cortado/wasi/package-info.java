/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for Cortado: run programs compiled for {@code
 * wasm32-wasi} with only what the host grants.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.defaults()
 *     .withArgs("wc", "/data/words.txt")
 *     .withReadOnlyPreopen(Path.of("data"), "/data")
 *     .withInheritedStdio();
 * Linker linker = new Linker();
 * try (Wasi wasi = Wasi.define(linker, config)) {
 *   Instance instance = linker.instantiate(new Store(), WasmModule.read(Path.of("wc.wasm")));
 *   System.exit(wasi.start(instance));
 * }
 * }</pre>
 *
 * <p>{@link dev.cortado.wasi.WasiConfig} says what the guest gets (arguments, environment,
 * directories, streams, sockets, clock, random source, a call trace); {@link dev.cortado.wasi.Wasi}
 * defines the 46 functions in a linker and owns the guest's descriptors. docs/wasi.md describes
 * each function's behaviour; SECURITY.md the sandbox.
 */
package dev.cortado.wasi;
