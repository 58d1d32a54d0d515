package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cortado.runtime.Asm;
import dev.cortado.runtime.CompiledCode;
import dev.cortado.runtime.CompiledCodeStatistics;
import dev.cortado.runtime.CwasmException;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled code kept outside the process: {@code .cwasm} files and the code cache. A good file or
 * entry runs without compiling; a corrupt one, or one from another runtime version or settings, is
 * rejected (a file) or rebuilt (a cache entry). Every test works in a temporary directory.
 */
class AheadOfTimeTest {
  @TempDir Path dir;

  private static final StoreConfig COMPILED = StoreConfig.defaults().withTier(Tier.COMPILED);

  /** A module whose text differs per test, so that no other test compiled it already. */
  private static WasmModule module(String tag) {
    return Asm.module()
        .func(
            "fib",
            "i32 -> i32",
            "",
            "local.get 0 i32.const 2 i32.lt_u if i32 local.get 0 else "
                + "local.get 0 i32.const 1 i32.sub call 0 local.get 0 i32.const 2 i32.sub call 0 "
                + "i32.add end")
        .func(tag, " -> i32", "", "i32.const " + tag.length())
        .build();
  }

  private static WasmModule sameModuleAgain(WasmModule m) {
    return WasmModule.parse(m.toBinary());
  }

  private static int fib(WasmModule m, StoreConfig config) {
    Instance inst = new Linker().instantiate(new Store(config), m);
    return inst.function("fib").call(Value.i32(20))[0].asInt();
  }

  @Test
  void aCwasmFileRunsWithoutCompiling() {
    Path file = dir.resolve("fib.cwasm");
    CompiledCode.writeCwasm(module("aot"), COMPILED, file);
    int before = CompiledModule.COMPILATIONS.get();
    WasmModule loaded = CompiledCode.readCwasm(file, COMPILED);
    assertThat(fib(loaded, COMPILED)).isEqualTo(6765);
    assertThat(CompiledModule.COMPILATIONS.get()).isEqualTo(before);
    CompiledCodeStatistics s = CompiledCode.statistics(loaded, COMPILED);
    assertThat(s.compiledFunctions()).isEqualTo(2).isEqualTo(s.functions());
    assertThat(s.methodsOverLimit()).isZero();
  }

  @Test
  void aFlippedByteIsRejected() throws IOException {
    Path file = dir.resolve("fib.cwasm");
    CompiledCode.writeCwasm(module("flip"), COMPILED, file);
    byte[] bytes = Files.readAllBytes(file);
    for (int at : new int[] {bytes.length / 3, bytes.length / 2, bytes.length - 30}) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x10;
      Path bad = dir.resolve("bad" + at + ".cwasm");
      Files.write(bad, damaged);
      assertThatThrownBy(() -> CompiledCode.readCwasm(bad, COMPILED))
          .isInstanceOf(CwasmException.class)
          .hasMessageContaining(bad.toString());
    }
  }

  @Test
  void anotherRuntimeVersionIsRejected() throws Exception {
    Path file = dir.resolve("fib.cwasm");
    CompiledCode.writeCwasm(module("version"), COMPILED, file);
    Path other = dir.resolve("other.cwasm");
    Files.write(other, withProperty(Files.readAllBytes(file), "runtime", "0.0.1+0123456789abcdef"));
    assertThatThrownBy(() -> CompiledCode.readCwasm(other, COMPILED))
        .isInstanceOf(CwasmException.class)
        .hasMessageContaining("compiled by another runtime version (0.0.1+0123456789abcdef");
  }

  @Test
  void otherSettingsAreRejected() {
    Path file = dir.resolve("fib.cwasm");
    CompiledCode.writeCwasm(module("settings"), COMPILED, file);
    assertThatThrownBy(() -> CompiledCode.readCwasm(file, COMPILED.withCompiledMethodLimit(4000)))
        .isInstanceOf(CwasmException.class)
        .hasMessageContaining(
            "compiled with other settings ("
                + CompiledModule.settings(COMPILED)
                + ", here "
                + CompiledModule.settings(COMPILED.withCompiledMethodLimit(4000))
                + ")")
        .hasMessageContaining("methodLimit=8000");
  }

  @Test
  void aFileCompiledWithDirectMemoryAccessSaysWhatThisJvmLacks() throws Exception {
    // This JVM (the module's default test run) does not export jdk.internal.misc to the runtime.
    assumeFalse(DirectMemoryOps.AVAILABLE);
    Path file = dir.resolve("fib.cwasm");
    CompiledCode.writeCwasm(module("direct"), COMPILED, file);
    String settings = CompiledModule.settings(COMPILED) + "," + DirectMemoryOps.SETTING;
    Files.write(file, withProperty(Files.readAllBytes(file), "settings", settings));
    assertThatThrownBy(() -> CompiledCode.readCwasm(file, COMPILED))
        .isInstanceOf(CwasmException.class)
        .hasMessageContaining(
            "compile it again, or run it as it was compiled, with memory accesses through"
                + " Unsafe (--add-exports java.base/jdk.internal.misc=dev.cortado.runtime");
  }

  @Test
  void somethingElseIsNotACwasmFile() throws IOException {
    Path file = dir.resolve("x.cwasm");
    Files.writeString(file, "(module)");
    assertThatThrownBy(() -> CompiledCode.readCwasm(file, COMPILED))
        .isInstanceOf(CwasmException.class)
        .hasMessageContaining("not a .cwasm file");
  }

  /**
   * A well-formed .cwasm file like {@code bytes}, as another runtime version ({@code key}
   * "runtime") or other settings ({@code key} "settings") would have written it.
   */
  static byte[] withProperty(byte[] bytes, String key, String value) throws Exception {
    CwasmFile.Contents c = CwasmFile.read(bytes);
    return CwasmFile.write(
        new CwasmFile.Contents(
            key.equals("runtime") ? value : c.runtimeVersion(),
            key.equals("settings") ? value : c.settings(),
            c.moduleHash(),
            c.module(),
            c.classes()));
  }

  // ---- the code cache ----

  private static boolean hasEntry(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return false;
    }
    try (var files = Files.list(cache)) {
      return files.anyMatch(f -> f.toString().endsWith(".cwasm"));
    }
  }

  private Path onlyEntry(Path cache) throws IOException {
    try (var files = Files.list(cache)) {
      return files.filter(f -> f.toString().endsWith(".cwasm")).findFirst().orElseThrow();
    }
  }

  @Test
  void theSecondRunOfAModuleLoadsItFromTheCache() throws IOException {
    Path cache = dir.resolve("cache");
    StoreConfig config = COMPILED.withCodeCache(cache);
    WasmModule first = module("cache");
    assertThat(fib(first, config)).isEqualTo(6765);
    assertThat(Files.getPosixFilePermissions(cache))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    Path entry = onlyEntry(cache);
    assertThat(Files.getPosixFilePermissions(entry))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    int before = CompiledModule.COMPILATIONS.get();
    assertThat(fib(sameModuleAgain(first), config)).isEqualTo(6765);
    assertThat(CompiledModule.COMPILATIONS.get()).isEqualTo(before);
  }

  @Test
  void aDamagedOrForeignEntryIsRebuiltNotLoaded() throws Exception {
    Path cache = dir.resolve("cache");
    StoreConfig config = COMPILED.withCodeCache(cache);
    WasmModule first = module("rebuild");
    fib(first, config);
    Path entry = onlyEntry(cache);
    byte[] good = Files.readAllBytes(entry);
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 1;
    Map<String, byte[]> bad =
        Map.of(
            "flipped byte", flipped,
            "other runtime", withProperty(good, "runtime", "9.9.9+ffffffffffffffff"),
            "other settings", withProperty(good, "settings", "methodLimit=1234"));
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      Files.write(entry, e.getValue());
      int before = CompiledModule.COMPILATIONS.get();
      assertThat(fib(sameModuleAgain(first), config)).as(e.getKey()).isEqualTo(6765);
      assertThat(CompiledModule.COMPILATIONS.get()).as(e.getKey()).isGreaterThan(before);
      assertThat(Files.readAllBytes(entry)).as(e.getKey()).isEqualTo(good);
    }
  }

  /**
   * The cache stores its entries' files uncompressed (written while a compiled run waits), {@code
   * cortado compile} deflates them; each reads as the other.
   */
  @Test
  void cacheEntriesAreStoredAndCwasmFilesDeflated() throws Exception {
    Path cache = dir.resolve("cache");
    fib(module("stored"), COMPILED.withCodeCache(cache));
    byte[] entry = Files.readAllBytes(onlyEntry(cache));
    byte[] deflated = CwasmFile.write(CwasmFile.read(entry));
    assertThat(zipMethods(entry)).containsOnly(java.util.zip.ZipEntry.STORED);
    assertThat(zipMethods(deflated)).containsOnly(java.util.zip.ZipEntry.DEFLATED);
    assertThat(deflated.length).isLessThan(entry.length);
    assertThat(CwasmFile.write(CwasmFile.read(deflated), false)).isEqualTo(entry);
  }

  private static java.util.Set<Integer> zipMethods(byte[] file) throws IOException {
    java.util.Set<Integer> methods = new java.util.HashSet<>();
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(file))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        methods.add(e.getMethod());
      }
    }
    return methods;
  }

  @Test
  void otherSettingsUseAnotherEntry() throws IOException {
    Path cache = dir.resolve("cache");
    WasmModule m = module("entries");
    fib(m, COMPILED.withCodeCache(cache));
    int before = CompiledModule.COMPILATIONS.get();
    fib(sameModuleAgain(m), COMPILED.withCodeCache(cache).withCompiledMethodLimit(2000));
    assertThat(CompiledModule.COMPILATIONS.get()).isGreaterThan(before);
    try (var files = Files.list(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".cwasm")).count()).isEqualTo(2);
    }
  }

  @Test
  void theTieredTierFillsTheCacheInTheBackgroundOnceCodeIsHot() throws Exception {
    Path cache = dir.resolve("cache");
    StoreConfig tiered =
        StoreConfig.defaults().withTier(Tier.TIERED).withTierUpThreshold(10).withCodeCache(cache);
    WasmModule m = module("tiered");
    fib(m, tiered);
    for (int i = 0; i < 400 && !hasEntry(cache); i++) {
      Thread.sleep(50);
    }
    Path entry = onlyEntry(cache);
    assertThat(entry).exists();
    int before = CompiledModule.COMPILATIONS.get();
    WasmModule again = sameModuleAgain(m);
    assertThat(fib(again, tiered)).isEqualTo(6765);
    assertThat(CompiledModule.COMPILATIONS.get()).isEqualTo(before);
    assertThat(CompiledCode.statistics(again, tiered).compiledFunctions()).isEqualTo(2);
  }
}
