/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for Cortado, with capability-based sandboxing: a
 * guest reaches only the directories, streams and sockets its {@link dev.cortado.wasi.WasiConfig}
 * grants. Built only on the runtime's public API.
 */
module dev.cortado.wasi {
  requires transitive dev.cortado.runtime;
  // ThreadMXBean: the thread CPU-time clock.
  requires java.management;

  exports dev.cortado.wasi;
}
