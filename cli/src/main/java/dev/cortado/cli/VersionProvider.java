package dev.cortado.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the version Maven wrote into {@code version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    return new String[] {"cortado " + version()};
  }

  /** The project version, or {@code unknown} when run from classes that Maven did not build. */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
