package dev.cortado.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The third-party engines' versions, as the bench pom pins them (versions.properties). */
final class Versions {
  private static final Properties VERSIONS = load();

  private Versions() {}

  static String chicory() {
    return VERSIONS.getProperty("chicory", "?");
  }

  static String graalvm() {
    return VERSIONS.getProperty("graalvm", "?");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
