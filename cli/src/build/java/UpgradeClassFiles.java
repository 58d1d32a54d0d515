import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the class files older than Java 6 (version 50) in the jars it is given as version 52
 * (Java 8) class files with stack maps, the same instructions re-encoded: run on the launcher's
 * {@code target/lib} when the cli module is packaged.
 *
 * <p>Why: picocli ships Java 5 class files. HotSpot checks those with its old type-inferring
 * verifier at every start and leaves them out of a class data sharing archive ("old class has been
 * linked"), so the 140 or so of its classes a run loads were parsed and verified anew by every
 * {@code cortado} run: about 55 ms of the 0.28 s that {@code cortado run} of a module doing next to
 * nothing took (docs/performance.md, "What the numbers say so far"). Rewritten, they are verified by the split verifier with the
 * stack maps the JDK's ClassFile API computes, and archived with the rest.
 *
 * <p>A jar with nothing to rewrite is left untouched (so that its time, which the launcher compares
 * with its archive's, does not change). Any class the API cannot rewrite (a {@code jsr}, a class it
 * cannot resolve) fails the build rather than leaving a jar half done.
 *
 * <pre>java UpgradeClassFiles.java DIR_OR_JAR...</pre>
 */
public final class UpgradeClassFiles {
  /** The oldest class file version kept as it is: Java 6's, the first with stack maps. */
  private static final int FIRST_WITH_STACK_MAPS = 50;

  /** The version old class files become: Java 8's. */
  private static final int TARGET_VERSION = 52;

  private UpgradeClassFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: java UpgradeClassFiles.java DIR_OR_JAR...");
      System.exit(2);
    }
    for (String arg : args) {
      for (Path jar : jars(Path.of(arg))) {
        int n = upgrade(jar);
        if (n > 0) {
          System.out.println("UpgradeClassFiles: " + jar.getFileName() + ": " + n + " class files");
        }
      }
    }
  }

  private static List<Path> jars(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  /** Rewrites {@code jar} in place if it holds old class files; returns how many it rewrote. */
  static int upgrade(Path jar) throws IOException {
    // Stack maps need the common superclass of two types, hence the jar's own classes on hand.
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      ClassFile classFile =
          ClassFile.of(
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
      List<ZipEntry> entries = new ArrayList<>();
      List<byte[]> contents = new ArrayList<>();
      int upgraded = 0;
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
          byte[] bytes = in.readAllBytes();
          if (e.getName().endsWith(".class")) {
            ClassModel model = classFile.parse(bytes);
            if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
              bytes = upgrade(classFile, model, e.getName());
              upgraded++;
            }
          }
          entries.add(new ZipEntry(e.getName()));
          contents.add(bytes);
        }
      }
      if (upgraded == 0) {
        return 0;
      }
      Path scratch = jar.resolveSibling(jar.getFileName() + ".upgrading");
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(scratch))) {
        for (int i = 0; i < entries.size(); i++) {
          out.putNextEntry(entries.get(i));
          out.write(contents.get(i));
          out.closeEntry();
        }
      }
      Files.move(scratch, jar, StandardCopyOption.REPLACE_EXISTING);
      return upgraded;
    }
  }

  private static byte[] upgrade(ClassFile classFile, ClassModel model, String name) {
    try {
      // Passing every method body through a code transform makes the API encode it anew, with
      // stack maps; left alone, it would copy the old code attribute as it is.
      return classFile.transformClass(
          model,
          ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
              .andThen(ClassTransform.endHandler(b -> b.withVersion(TARGET_VERSION, 0))));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UncheckedIOException(
          new IOException("cannot rewrite " + name + ": " + e.getMessage(), e));
    }
  }
}
