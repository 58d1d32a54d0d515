package dev.cortado.runtime.internal.compiler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .cwasm} format: a zip of a module's binary ({@code module.wasm}), its generated
 * classes ({@code classes/N.class}) with what the runtime needs to install them ({@code
 * classes/N.meta}), and {@code META-INF/cwasm.properties}: format, runtime version, compiler
 * settings, the module's SHA-256 and a SHA-256 checksum over every other entry (names and bytes, in
 * order). Whoever loads one checks all of these and rejects the file on any difference.
 */
final class CwasmFile {
  static final String FORMAT = "cortado-cwasm-1";
  private static final String PROPERTIES = "META-INF/cwasm.properties";
  private static final String MODULE = "module.wasm";

  /** Thrown for anything that makes a file unusable; the message says what. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }

    Rejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A file's contents. */
  record Contents(
      String runtimeVersion,
      String settings,
      String moduleHash,
      byte[] module,
      List<ModuleCompiler.GeneratedClass> classes) {}

  private CwasmFile() {}

  /** A compressed file, as {@code cortado compile} writes. */
  static byte[] write(Contents c) throws IOException {
    return write(c, true);
  }

  /**
   * A file with its entries deflated, or stored as they are ({@code compressed} false: the code
   * cache's entries, written while a compiled run waits, where deflating took most of the time: 2
   * of 2.65 s for a 40 MB module, whose entry is 71 MB deflated and 157 MB stored). Both read
   * alike.
   */
  static byte[] write(Contents c, boolean compressed) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MODULE, c.module());
    for (int i = 0; i < c.classes().size(); i++) {
      entries.put("classes/" + i + ".class", c.classes().get(i).bytes());
      entries.put("classes/" + i + ".meta", meta(c.classes().get(i)));
    }
    // Written by hand, not with Properties.store, which adds the date: equal inputs give equal
    // files. The values never need escaping.
    String text =
        "# Cortado ahead-of-time compiled module\n"
            + "format="
            + FORMAT
            + "\nruntime="
            + c.runtimeVersion()
            + "\nsettings="
            + c.settings()
            + "\nmodule.sha256="
            + c.moduleHash()
            + "\nclasses="
            + c.classes().size()
            + "\nchecksum="
            + checksum(entries)
            + "\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      // The fastest compression: the default level takes a third of the time of compiling the
      // module, for files only about 15% smaller.
      zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
      put(zip, PROPERTIES, text.getBytes(StandardCharsets.UTF_8), compressed);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        put(zip, e.getKey(), e.getValue(), compressed);
      }
      zip.setComment(SEAL_PREFIX + "0".repeat(64));
    }
    // The seal, in the zip's comment (the file's last bytes), is the SHA-256 of everything before
    // it: any changed byte of the file, zip structure included, breaks it.
    byte[] file = bytes.toByteArray();
    byte[] hash = digest().digest(java.util.Arrays.copyOf(file, file.length - 64));
    byte[] hex = HexFormat.of().formatHex(hash).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(hex, 0, file, file.length - 64, 64);
    return file;
  }

  private static final String SEAL_PREFIX = "cwasm-sha256:";

  /** Whether the file ends in a seal that matches the rest of it. */
  private static boolean sealed(byte[] file) {
    int sealLength = SEAL_PREFIX.length() + 64;
    if (file.length < sealLength) {
      return false;
    }
    String seal = new String(file, file.length - sealLength, sealLength, StandardCharsets.US_ASCII);
    if (!seal.startsWith(SEAL_PREFIX)) {
      return false;
    }
    byte[] hash = digest().digest(java.util.Arrays.copyOf(file, file.length - 64));
    return HexFormat.of().formatHex(hash).equals(seal.substring(SEAL_PREFIX.length()));
  }

  private static void put(ZipOutputStream zip, String name, byte[] data, boolean compressed)
      throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0); // the same module and settings give the same file
    if (!compressed) {
      // A stored entry's header says its size and CRC up front.
      CRC32 crc = new CRC32();
      crc.update(data);
      e.setMethod(ZipEntry.STORED);
      e.setSize(data.length);
      e.setCompressedSize(data.length);
      e.setCrc(crc.getValue());
    }
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  /** Reads and checks a file: format, checksum and structure (not versions or settings). */
  static Contents read(byte[] file) throws Rejected {
    if (file.length < 4 || file[0] != 'P' || file[1] != 'K') {
      throw new Rejected("not a .cwasm file");
    }
    if (!sealed(file)) {
      throw new Rejected("corrupt .cwasm file (its checksum does not match its contents)");
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    byte[] properties = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        byte[] data = zip.readAllBytes();
        if (e.getName().equals(PROPERTIES)) {
          properties = data;
        } else {
          entries.put(e.getName(), data);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new Rejected("not a readable .cwasm file (" + e.getMessage() + ")", e);
    }
    if (properties == null) {
      throw new Rejected("not a .cwasm file (no " + PROPERTIES + ")");
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(properties, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new Rejected("corrupt .cwasm file (unreadable properties)", e);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new Rejected(
          "unsupported .cwasm format " + p.getProperty("format") + " (expected " + FORMAT + ")");
    }
    if (!checksum(entries).equals(p.getProperty("checksum"))) {
      throw new Rejected("corrupt .cwasm file (checksum mismatch)");
    }
    try {
      int n = Integer.parseInt(p.getProperty("classes", "-1"));
      List<ModuleCompiler.GeneratedClass> classes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] bytes = entries.get("classes/" + i + ".class");
        byte[] meta = entries.get("classes/" + i + ".meta");
        if (bytes == null || meta == null) {
          throw new Rejected("corrupt .cwasm file (class " + i + " missing)");
        }
        classes.add(generatedClass(bytes, meta));
      }
      byte[] module = entries.get(MODULE);
      if (module == null || n < 0) {
        throw new Rejected("corrupt .cwasm file (no module)");
      }
      return new Contents(
          p.getProperty("runtime"),
          p.getProperty("settings"),
          p.getProperty("module.sha256"),
          module,
          classes);
    } catch (IOException | RuntimeException e) {
      throw new Rejected("corrupt .cwasm file (" + e.getMessage() + ")", e);
    }
  }

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  private static String checksum(Map<String, byte[]> entries) {
    MessageDigest d = digest();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(e.getValue());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  // ---- a class's metadata ----

  private static byte[] meta(ModuleCompiler.GeneratedClass gc) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    int n = gc.functions().length;
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.writeInt(gc.functions()[i]);
      out.writeBoolean(gc.osr() != null && gc.osr()[i]);
      ModuleCompiler.MethodSizes s = gc.methodSizes()[i];
      out.writeInt(s.count());
      out.writeInt(s.overLimit());
      out.writeInt(s.largest());
      out.writeBoolean(s.split());
      int[][] offsets = gc.sourceOffsets()[i];
      out.writeInt(offsets.length);
      for (int[] o : offsets) {
        writeInts(out, o);
      }
      boolean[] loops = gc.osrLoops()[i];
      out.writeInt(loops == null ? -1 : loops.length);
      if (loops != null) {
        for (boolean b : loops) {
          out.writeBoolean(b);
        }
      }
    }
    out.writeInt(gc.tables().size());
    for (int[] t : gc.tables()) {
      writeInts(out, t);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (int v : a) {
        out.writeInt(v);
      }
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  private static ModuleCompiler.GeneratedClass generatedClass(byte[] bytes, byte[] meta)
      throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(meta));
    int n = in.readInt();
    int[] functions = new int[n];
    boolean[] osr = new boolean[n];
    ModuleCompiler.MethodSizes[] sizes = new ModuleCompiler.MethodSizes[n];
    int[][][] offsets = new int[n][][];
    boolean[][] osrLoops = new boolean[n][];
    for (int i = 0; i < n; i++) {
      functions[i] = in.readInt();
      osr[i] = in.readBoolean();
      sizes[i] =
          new ModuleCompiler.MethodSizes(
              in.readInt(), in.readInt(), in.readInt(), in.readBoolean());
      offsets[i] = new int[in.readInt()][];
      for (int m = 0; m < offsets[i].length; m++) {
        offsets[i][m] = readInts(in);
      }
      int loops = in.readInt();
      if (loops >= 0) {
        osrLoops[i] = new boolean[loops];
        for (int k = 0; k < loops; k++) {
          osrLoops[i][k] = in.readBoolean();
        }
      }
    }
    int tableCount = in.readInt();
    List<int[]> tables = new ArrayList<>();
    for (int i = 0; i < tableCount; i++) {
      tables.add(readInts(in));
    }
    return new ModuleCompiler.GeneratedClass(
        bytes, functions, osr, offsets, sizes, tables, osrLoops);
  }
}
