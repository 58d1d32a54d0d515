package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A record of everything outside a sandbox: each entry's kind, content and modification time under
 * {@code root}, except the sandboxed directories (whose own times change when the guest works in
 * them). {@link #assertUnchanged()} proves a hostile guest neither changed, touched nor created
 * anything there.
 */
final class Canary {
  private final Path root;
  private final Path[] sandboxes;
  private final Map<String, String> before;

  Canary(Path root, Path... sandboxes) throws IOException {
    this.root = root;
    this.sandboxes = sandboxes;
    this.before = snapshot();
  }

  private Map<String, String> snapshot() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        boolean inSandbox = false;
        for (Path box : sandboxes) {
          inSandbox |= p.startsWith(box);
        }
        if (inSandbox) {
          continue;
        }
        String kind;
        if (Files.isSymbolicLink(p)) {
          kind = "link:" + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          kind = "dir";
        } else {
          kind = "file:" + Files.readString(p);
        }
        out.put(
            root.relativize(p).toString(),
            kind + " mtime=" + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }

  void assertUnchanged() throws IOException {
    assertThat(snapshot()).isEqualTo(before);
  }
}
