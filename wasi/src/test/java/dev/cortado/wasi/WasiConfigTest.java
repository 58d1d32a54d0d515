package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WasiConfigTest {
  @Test
  void theDefaultRandomDrawsFreshBytes() {
    // A SecureRandom made at first use (LazySecureRandom): two draws of 32 bytes are equal, or all
    // zero, with probability 2^-256.
    var random = WasiConfig.defaults().random();
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    random.nextBytes(a);
    random.nextBytes(b);
    assertThat(a).isNotEqualTo(b).isNotEqualTo(new byte[32]);
    assertThat(random.nextLong()).isNotEqualTo(random.nextLong());
  }

  @Test
  void defaultsGrantNothing() {
    WasiConfig c = WasiConfig.defaults();
    assertThat(c.args()).isEmpty();
    assertThat(c.env()).isEmpty();
    assertThat(c.preopens()).isEmpty();
    assertThat(c.listeners()).isEmpty();
    assertThat(c.trace()).isNull();
  }

  @Test
  void withCopiesLeaveTheOriginalAlone() {
    WasiConfig base = WasiConfig.defaults();
    WasiConfig a = base.withArgs("p", "x").withEnv("K", "V").withPreopen(Path.of("."), "/");
    assertThat(base.args()).isEmpty();
    assertThat(base.env()).isEmpty();
    assertThat(base.preopens()).isEmpty();
    assertThat(a.args()).containsExactly("p", "x");
    assertThat(a.env()).containsExactly(Map.entry("K", "V"));
    assertThat(a.preopens()).containsExactly(new Preopen(Path.of("."), "/", false));
    WasiConfig b = a.withReadOnlyPreopen(Path.of("/tmp"), "/tmp").withEnv("K", "W");
    assertThat(a.env()).containsEntry("K", "V");
    assertThat(b.env()).containsExactly(Map.entry("K", "W"));
    assertThat(b.preopens()).hasSize(2);
    assertThat(b.preopens().get(1).readOnly()).isTrue();
    assertThatThrownBy(() -> b.args().add("more"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void environmentKeepsItsOrder() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("Z", "1");
    env.put("A", "2");
    assertThat(WasiConfig.defaults().withEnvironment(env).env().keySet()).containsExactly("Z", "A");
  }

  @Test
  void unrepresentableValuesAreRefused() {
    WasiConfig c = WasiConfig.defaults();
    assertThatThrownBy(() -> c.withArgs("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withEnv("A=B", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withEnv("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withEnv("A", "\0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Preopen(Path.of("."), "", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withArgs(List.of("ok")).withStdin(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> WasiClock.deterministic(Instant.EPOCH, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deterministicClockTicks() throws InterruptedException {
    WasiClock c = WasiClock.deterministic(Instant.ofEpochSecond(10), Duration.ofNanos(5));
    assertThat(c.now(WasiClock.Id.REALTIME)).isEqualTo(10_000_000_005L);
    assertThat(c.now(WasiClock.Id.MONOTONIC)).isEqualTo(10);
    c.sleep(100);
    assertThat(c.now(WasiClock.Id.MONOTONIC)).isEqualTo(115);
    assertThat(c.resolution(WasiClock.Id.THREAD_CPUTIME)).isEqualTo(5);
  }
}
