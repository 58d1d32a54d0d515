package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.runtime.ExportedFunction;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasiTest {
  @TempDir Path dir;

  @Test
  void definesAllFortySixFunctions() throws IOException {
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, WasiConfig.defaults())) {
      assertThat(wasi.functionNames()).hasSize(46).contains("fd_write", "path_open", "sock_accept");
      for (String name : wasi.functionNames()) {
        assertThat(linker.get(Wasi.MODULE, name)).as(name).isInstanceOf(ExportedFunction.class);
      }
    }
  }

  @Test
  void aMissingPreopenIsAnIoError() {
    WasiConfig c = WasiConfig.defaults().withPreopen(dir.resolve("missing"), "/x");
    assertThatThrownBy(() -> Wasi.define(new Linker(), c))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing")
        .hasMessageContaining("/x");
  }

  @Test
  void startNeedsAStartExport() throws IOException {
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, WasiConfig.defaults())) {
      Instance instance = linker.instantiate(new Store(), WasmModule.parseText("(module)"));
      assertThatThrownBy(() -> wasi.start(instance))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("_start");
    }
  }

  @Test
  void aModuleWithoutMemoryGetsFaultNotATrap() throws IOException {
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, WasiConfig.defaults())) {
      Instance instance =
          linker.instantiate(
              new Store(),
              WasmModule.parseText(
                  """
                  (module
                    (import "wasi_snapshot_preview1" "fd_write"
                      (func $w (param i32 i32 i32 i32) (result i32)))
                    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                    (func (export "_start")
                      (call $exit (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 0)))))
                  """));
      assertThat(wasi.start(instance)).isEqualTo(21); // fault
    }
  }

  @Test
  void closeReleasesListenersAndDescriptors() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(null);
    Wasi wasi =
        Wasi.define(new Linker(), WasiConfig.defaults().withPreopen(dir, ".").withListener(server));
    wasi.close();
    assertThat(server.isOpen()).isFalse();
  }
}
