package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.CustomSection;
import dev.cortado.wasm.Names;
import dev.cortado.wasm.WasmModule;

/**
 * Decodes the binary format (spec 5) into a {@link WasmModule}, without validating it.
 *
 * <p>Decoding is as strict as the specification and its reference interpreter, whose messages the
 * testsuite expects; every error is a {@link dev.cortado.wasm.MalformedModuleException} with the
 * byte offset as its location, or, for an encoding of a later proposal, an {@link
 * dev.cortado.wasm.UnsupportedFeatureException}.
 *
 * <p>Offsets in the model are absolute byte offsets in the input: each instruction's is that of its
 * opcode, each function's that of its body (the locals, after the body's size). Indices of 2^31 and
 * above are clamped to {@link Integer#MAX_VALUE} (see {@code ByteReader.index()}), so that the
 * model's {@code int} indices are never negative; no module can have that many of anything, so a
 * clamped index is exactly as out of range as the original.
 */
public final class BinaryReader {
  /** {@code \0asm}, read little-endian. */
  static final int MAGIC = 0x6D73_6100;

  static final int VERSION = 1;

  /** The order of the non-custom sections (spec 5.5.2): the data count section precedes code. */
  static final int[] SECTION_ORDER = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11};

  private static final int TAG_SECTION_ID = 13;

  private BinaryReader() {}

  /**
   * Decodes {@code bytes}; throws {@link dev.cortado.wasm.MalformedModuleException} with the byte
   * offset on malformed input.
   */
  public static WasmModule read(byte[] bytes) {
    return read(bytes, PARALLEL_CODE_BYTES);
  }

  /**
   * Code sections of at least this many bytes are decoded on all cores (a 40 MB module about a
   * fifth faster on two cores; up to 9 MB, in a fresh JVM, no faster).
   */
  static final int PARALLEL_CODE_BYTES = 16 << 20;

  /** Decodes {@code bytes}, on all cores if its code section has {@code parallelCodeBytes}. */
  static WasmModule read(byte[] bytes, int parallelCodeBytes) {
    ByteReader in = new ByteReader(bytes);
    if (in.fixed32() != MAGIC) {
      throw in.malformed("magic header not detected", 0);
    }
    if (in.fixed32() != VERSION) {
      throw in.malformed("unknown binary version", 4);
    }
    WasmModule.Builder module = WasmModule.builder();
    SectionReader sections = new SectionReader(in, module, parallelCodeBytes);
    int nextOrder = 0;
    int previousId = 0;
    while (!in.atEnd()) {
      int at = in.position();
      int id = in.u8();
      int order = orderOf(id);
      if (id == TAG_SECTION_ID) {
        throw in.unsupported("exceptions", at);
      } else if (id != 0 && order < 0) {
        throw in.malformed("malformed section id", at);
      } else if (id != 0 && order < nextOrder) {
        // Out of order or repeated: the reference interpreter stops reading sections here.
        throw in.malformed("unexpected content after last section", at);
      }
      int size = in.length32();
      int start = in.position();
      in.contentEnd(start + size);
      if (id == 0) {
        sections.custom(size, previousId);
      } else {
        sections.read(id);
        nextOrder = order + 1;
        previousId = id;
      }
      if (in.position() != start + size) {
        throw in.malformed("section size mismatch", start);
      }
    }
    int end = in.length();
    if (!sections.functionsMatchBodies()) {
      throw in.malformed("function and code section have inconsistent lengths", end);
    }
    long dataCount = sections.dataCount();
    if (dataCount >= 0 && dataCount != module.datas.size()) {
      throw in.malformed("data count and data section have inconsistent lengths", end);
    }
    if (dataCount >= 0) {
      module.dataCount((int) dataCount);
    } else if (sections.bodiesUseDataIndex()) {
      throw in.malformed("data count section required", end);
    }
    sections.mergeFunctions();
    for (CustomSection custom : module.customSections) {
      if (custom.name().equals("name")) {
        Names names = NameSectionReader.read(custom.data());
        if (names != null) {
          module.names(names);
        }
        break;
      }
    }
    return module.build();
  }

  /** The position of section {@code id} in {@link #SECTION_ORDER}, or -1 for no such section. */
  static int orderOf(int id) {
    for (int i = 0; i < SECTION_ORDER.length; i++) {
      if (SECTION_ORDER[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
