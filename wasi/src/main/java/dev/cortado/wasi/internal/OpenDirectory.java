package dev.cortado.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory: a preopen (with the name the guest knows it by) or a directory the guest
 * opened through one.
 */
public final class OpenDirectory extends Descriptor {
  /** One {@code fd_readdir} entry. */
  public record Entry(String name, long ino, int filetype) {}

  private final Dir dir;
  private final String preopenName;

  /** The listing {@code fd_readdir} pages through; taken anew when a guest starts at cookie 0. */
  private List<Entry> listing;

  public OpenDirectory(Dir dir, String preopenName, long rightsBase, long rightsInheriting) {
    super(rightsBase, rightsInheriting, 0);
    this.dir = dir;
    this.preopenName = preopenName;
  }

  @Override
  public int filetype() {
    return FileType.DIRECTORY;
  }

  public Dir dir() {
    return dir;
  }

  /** The guest's name of this preopen, or null if the guest opened it itself. */
  public String preopenName() {
    return preopenName;
  }

  @Override
  public FileStat stat() throws IOException {
    return dir.stat(".");
  }

  /**
   * The entries from {@code cookie} on. Cookie {@code n} is the index of the next entry in a
   * listing sorted by name, {@code "."} and {@code ".."} first; the listing is re-read when the
   * guest starts over at cookie 0 (as {@code rewinddir} does) and kept while it pages on.
   */
  public List<Entry> entries(long cookie) throws IOException {
    if (cookie == 0 || listing == null) {
      listing = readListing();
    }
    if (cookie < 0 || cookie >= listing.size()) {
      return List.of();
    }
    return listing.subList((int) cookie, listing.size());
  }

  private List<Entry> readListing() throws IOException {
    List<String> names = new ArrayList<>(dir.list());
    names.sort(null);
    List<Entry> out = new ArrayList<>(names.size() + 2);
    FileStat self = dir.stat(".");
    out.add(new Entry(".", self.ino(), FileType.DIRECTORY));
    // ".." may lie outside the sandbox (a preopen's parent, or that of a copy of it): it is
    // listed, as POSIX lists it, but never looked at.
    out.add(new Entry("..", 0, FileType.DIRECTORY));
    for (String n : names) {
      try {
        FileStat s = dir.stat(n);
        out.add(new Entry(n, s.ino(), s.filetype()));
      } catch (java.nio.file.NoSuchFileException e) {
        // removed while listing
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    dir.close();
  }
}
