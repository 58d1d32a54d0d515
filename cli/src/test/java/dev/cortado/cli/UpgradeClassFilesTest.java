package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code src/build/java/UpgradeClassFiles.java}, which the build runs on the launcher's {@code
 * target/lib}: it turns picocli's Java 5 class files into ones the split verifier accepts, with the
 * same instructions, and leaves a jar it has done alone.
 */
class UpgradeClassFilesTest {
  private static final Path TOOL =
      Path.of("src/build/java/UpgradeClassFiles.java").toAbsolutePath();

  @Test
  void picocliBecomesVerifiableJava8ClassFilesWithTheSameInstructions(@TempDir Path dir)
      throws Exception {
    Path original = picocliJar();
    Path jar = dir.resolve("picocli.jar");
    Files.copy(original, jar);

    upgrade(jar);

    Map<String, byte[]> before = entries(original);
    Map<String, byte[]> after = entries(jar);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    ClassFile plain = ClassFile.of();
    int old = 0;
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      ClassFile resolving =
          ClassFile.of(
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
      for (String name : before.keySet()) {
        if (!name.endsWith(".class")) {
          assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
          continue;
        }
        ClassModel was = plain.parse(before.get(name));
        ClassModel is = plain.parse(after.get(name));
        if (was.majorVersion() >= 50) {
          assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
          continue;
        }
        old++;
        assertThat(is.majorVersion()).as(name).isEqualTo(52);
        assertThat(resolving.verify(after.get(name))).as(name).isEmpty();
        assertThat(instructions(is)).as(name).isEqualTo(instructions(was));
      }
    }
    assertThat(old).as("picocli's Java 5 class files").isGreaterThan(100);
  }

  @Test
  void aJarWithNothingOldIsLeftAsItWas(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("picocli.jar");
    Files.copy(picocliJar(), jar);
    upgrade(dir);
    byte[] once = Files.readAllBytes(jar);
    FileTime time = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(jar, time);

    upgrade(dir);

    assertThat(Files.readAllBytes(jar)).isEqualTo(once);
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(time);
  }

  /** The picocli jar the build took from the Maven repository, as the launcher's lib had it. */
  private static Path picocliJar() throws Exception {
    return Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Runs the tool as the build does, in a JVM of its own, and expects it to succeed. */
  private static void upgrade(Path path) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                TOOL.toString(),
                path.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isEqualTo(0);
  }

  private static Map<String, byte[]> entries(Path jar) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        m.put(e.getName(), in.readAllBytes());
      }
    }
    return m;
  }

  /** Each method's instructions, by opcode and size (branch targets are labels, not offsets). */
  private static List<String> instructions(ClassModel model) {
    List<String> out = new ArrayList<>();
    for (MethodModel m : model.methods()) {
      out.add(m.methodName().stringValue() + m.methodType().stringValue());
      m.code()
          .map(CodeModel::elementList)
          .ifPresent(
              elements ->
                  elements.stream()
                      .filter(e -> e instanceof Instruction)
                      .map(e -> (Instruction) e)
                      .forEach(i -> out.add(i.opcode() + "/" + i.sizeInBytes())));
    }
    return out;
  }
}
