package dev.cortado.wasm.internal.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.ManyFunctions;
import dev.cortado.wasm.WasmModule;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A code section decoded on all cores: the same module as one pass in order, and for a malformed
 * one the error one pass in order meets first, whichever thread finds which first.
 */
class ParallelDecodeTest {
  private static final int ALWAYS = 0;

  private static final int NEVER = Integer.MAX_VALUE;

  @Test
  void mutatedModulesDecodeAlikeOrFailAlike() {
    byte[] module = BinaryWriter.write(WasmModule.parseText(ManyFunctions.wat(200)));
    String valid = outcome(module, NEVER);
    assertThat(outcome(module, ALWAYS)).isEqualTo(valid).startsWith("decoded");
    int codeStart = codeSectionStart(module);
    Random random = new Random(20261129);
    int malformed = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] mutant = module.clone();
      int changes = 1 + random.nextInt(3);
      for (int k = 0; k < changes; k++) {
        // Mostly in the code section, whose entries (their sizes among them) the threads split.
        int at =
            random.nextInt(4) == 0
                ? random.nextInt(mutant.length)
                : codeStart + random.nextInt(mutant.length - codeStart);
        mutant[at] = (byte) random.nextInt(256);
      }
      String sequential = outcome(mutant, NEVER);
      assertThat(outcome(mutant, ALWAYS)).as("mutant %d", i).isEqualTo(sequential);
      malformed += sequential.startsWith("decoded") ? 0 : 1;
    }
    assertThat(malformed).as("malformed mutants").isGreaterThan(1000);
  }

  @Test
  void theFirstMalformedEntryIsReported() {
    byte[] module = BinaryWriter.write(WasmModule.parseText(ManyFunctions.wat(200)));
    int codeStart = codeSectionStart(module);
    // 0xFF is no opcode: break three bodies, the middle one in entry order first among them.
    byte[] mutant = module.clone();
    int[] ends = bodyEnds(mutant, codeStart);
    for (int entry : new int[] {170, 3, 90}) {
      mutant[ends[entry] - 2] = (byte) 0xFF;
    }
    String sequential = outcome(mutant, NEVER);
    assertThat(sequential).contains("offset 0x" + Integer.toHexString(ends[3] - 2));
    assertThat(outcome(mutant, ALWAYS)).isEqualTo(sequential);
  }

  @Test
  void everyTestsuiteBinaryModuleDecodesAlikeOrFailsAlike() {
    int compared = 0;
    for (TestsuiteBinaryModules.BinaryModule m : TestsuiteBinaryModules.all()) {
      assertThat(outcome(m.bytes(), ALWAYS)).as(m.toString()).isEqualTo(outcome(m.bytes(), NEVER));
      compared++;
    }
    assertThat(compared).isGreaterThan(750);
  }

  /** The decoded module as its binary again, or the error. */
  private static String outcome(byte[] bytes, int parallelCodeBytes) {
    try {
      WasmModule m = BinaryReader.read(bytes, parallelCodeBytes);
      return "decoded " + Arrays.hashCode(BinaryWriter.write(m)) + " " + m.functions().size();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** Where the code section's contents start (after its id and size). */
  private static int codeSectionStart(byte[] module) {
    ByteReader in = new ByteReader(module);
    in.position(8);
    while (true) {
      int id = in.u8();
      int size = in.length32();
      if (id == 10) {
        return in.position();
      }
      in.position(in.position() + size);
    }
  }

  /** The end of each code entry of the section whose contents start at {@code start}. */
  private static int[] bodyEnds(byte[] module, int start) {
    ByteReader in = new ByteReader(module);
    in.position(start);
    int[] ends = new int[in.length32()];
    for (int i = 0; i < ends.length; i++) {
      int size = in.length32();
      ends[i] = in.position() + size;
      in.position(ends[i]);
    }
    return ends;
  }
}
