package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.runtime.ExitException;
import dev.cortado.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {
  @TempDir Path dir;

  @Test
  void eachCallIsLoggedWithArgumentsAndResult() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream trace = new PrintStream(log, true, StandardCharsets.UTF_8);
    WasiConfig c = WasiConfig.defaults().withPreopen(dir, "/d").withTrace(trace);
    try (TestGuest g = new TestGuest(c)) {
      g.write(1, "hi");
      g.open(3, "../x", 0, Rights.FD_READ, 0);
      g.call("clock_time_get", 7, 1000L, 16);
      assertThatThrownBy(() -> g.call("proc_exit", 3)).isInstanceOf(ExitException.class);
    }
    String[] lines = log.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0])
        .matches(
            "fd_write\\(fd=1, iovs=0x[0-9a-f]+, iovs_len=1, nwritten=0x[0-9a-f]+\\) -> success");
    assertThat(lines[1])
        .startsWith("path_open(fd=3, dirflags=0, path=0x")
        .contains("\"../x\", path_len=4, oflags=0, fs_rights_base=0x2,")
        .endsWith("-> notcapable (path leaves its directory: ../x)");
    assertThat(lines[2])
        .isEqualTo("clock_time_get(id=7, precision=1000, time=0x10) -> inval (unknown clock id 7)");
    assertThat(lines[3]).isEqualTo("proc_exit(rval=3) -> exit 3");
  }
}
