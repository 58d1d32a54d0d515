package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's fingerprint from its jar ({@link CompilerVersion#ofJar}): one changed byte in a
 * class file gives another, and so does a class added or renamed; a jar with the same class files
 * (other entries, another order, other times) gives the same.
 */
class CompilerVersionTest {
  private static Path jar(Path dir, String name, Map<String, byte[]> entries, long time)
      throws IOException {
    Path jar = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry z = new ZipEntry(e.getKey());
        z.setTime(time);
        out.putNextEntry(z);
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static String fingerprint(Path jar) throws Exception {
    return CompilerVersion.ofJar(jar, MessageDigest.getInstance("SHA-256"));
  }

  @Test
  void anyChangeToAClassFileChangesTheFingerprint(@TempDir Path dir) throws Exception {
    byte[] a = {(byte) 0xCA, (byte) 0xFE, 1, 2, 3};
    byte[] b = {(byte) 0xCA, (byte) 0xFE, 4, 5};
    byte[] a2 = {(byte) 0xCA, (byte) 0xFE, 1, 2, 4};
    String base = fingerprint(jar(dir, "1.jar", Map.of("p/A.class", a, "p/B.class", b), 0));

    assertThat(base).hasSize(16);
    assertThat(
            fingerprint(
                jar(
                    dir,
                    "2.jar",
                    new java.util.TreeMap<>(
                        Map.of("p/B.class", b, "p/A.class", a, "p/notes.txt", new byte[] {9})),
                    1_000_000_000_000L)))
        .as("same class files, another order, time and resource")
        .isEqualTo(base);
    assertThat(fingerprint(jar(dir, "3.jar", Map.of("p/A.class", a2, "p/B.class", b), 0)))
        .as("one byte changed")
        .isNotEqualTo(base);
    assertThat(fingerprint(jar(dir, "4.jar", Map.of("p/C.class", a, "p/B.class", b), 0)))
        .as("a class renamed")
        .isNotEqualTo(base);
    assertThat(
            fingerprint(
                jar(dir, "5.jar", Map.of("p/A.class", a, "p/B.class", b, "p/D.class", b), 0)))
        .as("a class added")
        .isNotEqualTo(base);
  }
}
