package dev.cortado.spectest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The official testsuite's folder and how command-line arguments name scripts in it: a {@code
 * .wast} file, or a list file ({@code .txt}, e.g. {@code lists/2.0-core.txt}) naming scripts one a
 * line relative to the testsuite folder. An argument that is not an existing path is looked up
 * relative to the testsuite folder.
 */
public final class SpecTestSuite {
  /** The system property that names the testsuite folder (set by the build for the tests). */
  public static final String PROPERTY = "wasm.testsuite";

  /** Where the testsuite is when nothing says otherwise: beside the checkout. */
  public static final String DEFAULT_ROOT = "../shared/wasm-testsuite";

  private final Path root;

  /** A script to run and the name reports give it. */
  public record SpecFile(Path path, String name) {}

  public SpecTestSuite(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The suite named by the {@value #PROPERTY} system property, else {@value #DEFAULT_ROOT}. */
  public static SpecTestSuite fromSystemProperty() {
    return new SpecTestSuite(Path.of(System.getProperty(PROPERTY, DEFAULT_ROOT)));
  }

  public Path root() {
    return root;
  }

  /**
   * The scripts named by {@code args}, in order: list files expanded. Throws {@link
   * IllegalArgumentException} naming an argument that is neither a file nor under the suite.
   */
  public List<SpecFile> resolve(List<String> args) {
    List<SpecFile> files = new ArrayList<>();
    for (String arg : args) {
      Path path = find(arg);
      if (arg.endsWith(".txt")) {
        files.addAll(list(path));
      } else {
        files.add(new SpecFile(path, nameOf(path, arg)));
      }
    }
    return files;
  }

  /**
   * The scripts a list file names: one path a line relative to the testsuite folder, which is the
   * folder above the list's {@code lists/} folder (so a list given by its path finds its scripts),
   * else this suite's root; blank lines and lines starting with {@code #} are skipped.
   */
  public List<SpecFile> list(Path listFile) {
    Path parent = listFile.toAbsolutePath().normalize().getParent();
    Path base =
        parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals("lists")
                && parent.getParent() != null
            ? parent.getParent()
            : root;
    List<String> lines;
    try {
      lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + listFile + ": " + e.getMessage(), e);
    }
    List<SpecFile> files = new ArrayList<>();
    for (String line : lines) {
      String entry = line.strip();
      if (!entry.isEmpty() && !entry.startsWith("#")) {
        files.add(new SpecFile(base.resolve(entry), entry));
      }
    }
    return files;
  }

  private Path find(String arg) {
    Path given = Path.of(arg);
    if (Files.isRegularFile(given)) {
      return given;
    }
    Path inSuite = root.resolve(arg);
    if (Files.isRegularFile(inSuite)) {
      return inSuite;
    }
    throw new IllegalArgumentException("no such file: " + arg + " (nor under " + root + ")");
  }

  /** The path relative to the suite, with {@code /}, if it lies in it; else as given. */
  private String nameOf(Path path, String given) {
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.startsWith(root)) {
      return root.relativize(absolute).toString().replace('\\', '/');
    }
    return given;
  }
}
