package dev.cortado.wasm.internal.binary;

import static dev.cortado.wasm.internal.binary.ModuleAssertions.assertSameContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.internal.binary.TestsuiteBinaryModules.BinaryModule;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader and writer against every binary module of the 2.0 testsuite. */
class TestsuiteRoundTripTest {
  @Test
  void everyMalformedBinaryModuleFailsWithTheExpectedMessage() {
    List<BinaryModule> malformed =
        TestsuiteBinaryModules.all().stream()
            .filter(m -> m.command().equals("assert_malformed"))
            .toList();
    assertThat(malformed).hasSizeGreaterThan(700);
    List<String> failures = new ArrayList<>();
    for (BinaryModule m : malformed) {
      Throwable thrown = catchThrowable(() -> BinaryReader.read(m.bytes()));
      // The reference interpreter's runner accepts a message that starts with the expected one.
      if (!(thrown instanceof MalformedModuleException e)
          || thrown instanceof UnsupportedFeatureException
          || !e.reason().startsWith(m.message())) {
        failures.add(m + ": expected \"" + m.message() + "\", got " + thrown);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyOtherBinaryModuleDecodes() {
    List<BinaryModule> wellFormed =
        TestsuiteBinaryModules.all().stream()
            .filter(m -> !m.command().equals("assert_malformed"))
            .toList();
    assertThat(wellFormed).hasSizeGreaterThan(50);
    for (BinaryModule m : wellFormed) {
      assertThatCode(() -> BinaryReader.read(m.bytes()))
          .as(m.toString())
          .doesNotThrowAnyException();
    }
  }

  /** Decode, encode, decode: equal modules, and encoding is a fixed point after the first pass. */
  @Test
  void decodableModulesRoundTrip() {
    List<BinaryModule> decodable = decodable();
    int passed = 0;
    for (BinaryModule m : decodable) {
      assertRoundTrips(m.toString(), m.bytes());
      passed++;
    }
    System.out.println("binary round trip: " + passed + " / " + decodable.size() + " passed");
    assertThat(passed).isGreaterThan(50);
  }

  /**
   * Random bit flips, byte changes and truncations of the testsuite's modules: decoding never
   * throws anything but MalformedModuleException, and whatever still decodes round-trips.
   */
  @Test
  void mutatedModulesFailOnlyAsMalformed() {
    List<BinaryModule> decodable = decodable();
    Random random = new Random(20240611);
    int decoded = 0;
    for (int i = 0; i < 5000; i++) {
      byte[] original = decodable.get(random.nextInt(decodable.size())).bytes();
      byte[] mutated = mutate(original, random);
      WasmModule module;
      try {
        module = BinaryReader.read(mutated);
      } catch (MalformedModuleException expected) {
        continue;
      } catch (RuntimeException | Error e) {
        throw new AssertionError("case " + i + ": " + HexFormat.of().formatHex(mutated), e);
      }
      decoded++;
      assertRoundTrips("case " + i + ": " + HexFormat.of().formatHex(mutated), module.toBinary());
    }
    assertThat(decoded).as("mutants that still decode").isPositive();
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> { // flip one to three bits past the header
        int flips = 1 + random.nextInt(3);
        for (int k = 0; k < flips; k++) {
          int at = 8 + random.nextInt(Math.max(1, bytes.length - 8));
          if (at < bytes.length) {
            bytes[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
      }
      case 1 -> { // replace a byte with an interesting value
        int[] values = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x0B, 0xFC, 0xFD, 0x70, 0x60};
        int at = 8 + random.nextInt(Math.max(1, bytes.length - 8));
        if (at < bytes.length) {
          bytes[at] = (byte) values[random.nextInt(values.length)];
        }
      }
      case 2 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      default -> { // delete a byte
        if (bytes.length > 8) {
          int at = 8 + random.nextInt(bytes.length - 8);
          byte[] shorter = new byte[bytes.length - 1];
          System.arraycopy(bytes, 0, shorter, 0, at);
          System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
          bytes = shorter;
        }
      }
    }
    return bytes;
  }

  private static List<BinaryModule> decodable() {
    List<BinaryModule> result = new ArrayList<>();
    for (BinaryModule m : TestsuiteBinaryModules.all()) {
      try {
        BinaryReader.read(m.bytes());
        result.add(m);
      } catch (MalformedModuleException e) {
        // not part of the round trip
      }
    }
    return result;
  }

  private static void assertRoundTrips(String what, byte[] bytes) {
    WasmModule first = BinaryReader.read(bytes);
    byte[] encoded = BinaryWriter.write(first);
    WasmModule second = BinaryReader.read(encoded);
    assertSameContent(second, first);
    assertThat(BinaryWriter.write(second)).as(what).isEqualTo(encoded);
  }
}
