package dev.cortado.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guest's descriptor table: numbers to {@link Descriptor}s. A number is only ever a key here: a
 * guest that forges one gets {@code badf}, never another guest's or the host's object. New
 * descriptors take the lowest free number, as POSIX does.
 */
public final class FdTable {
  /** The most descriptors a guest may hold open at once. */
  public static final int MAX_OPEN = 4096;

  private final TreeMap<Integer, Descriptor> table = new TreeMap<>();

  /** Puts {@code d} at the lowest free number and returns that number. */
  public int add(Descriptor d) {
    if (table.size() >= MAX_OPEN) {
      throw new ErrnoException(Errno.MFILE, "too many open descriptors");
    }
    int fd = 0;
    for (int used : table.keySet()) {
      if (used != fd) {
        break;
      }
      fd++;
    }
    table.put(fd, d);
    return fd;
  }

  /** The descriptor {@code fd}; fails with {@code badf} if there is none. */
  public Descriptor get(int fd) {
    Descriptor d = table.get(fd);
    if (d == null) {
      throw new ErrnoException(Errno.BADF, "bad descriptor " + Integer.toUnsignedString(fd));
    }
    return d;
  }

  /** The descriptor {@code fd} with base rights {@code required}. */
  public Descriptor get(int fd, long required) {
    Descriptor d = get(fd);
    d.require(required);
    return d;
  }

  /** The directory {@code fd} with base rights {@code required}. */
  public OpenDirectory directory(int fd, long required) {
    Descriptor d = get(fd, required);
    if (!(d instanceof OpenDirectory dir)) {
      throw new ErrnoException(Errno.NOTDIR, "not a directory descriptor");
    }
    return dir;
  }

  /** Removes and returns {@code fd}; fails with {@code badf} if there is none. */
  public Descriptor remove(int fd) {
    Descriptor d = table.remove(fd);
    if (d == null) {
      throw new ErrnoException(Errno.BADF, "bad descriptor " + Integer.toUnsignedString(fd));
    }
    return d;
  }

  /**
   * {@code fd_renumber}: moves {@code from} to {@code to}, closing what was at {@code to}. Both
   * must be open (as in wasmtime and uvwasi).
   */
  public void renumber(int from, int to) throws IOException {
    Descriptor d = get(from);
    Descriptor old = get(to);
    if (from == to) {
      return;
    }
    table.put(to, d);
    table.remove(from);
    old.close();
  }

  /** A snapshot of the table, for closing and tests. */
  public Map<Integer, Descriptor> snapshot() {
    return Map.copyOf(table);
  }

  /** Closes and removes every descriptor; returns the failures. */
  public List<IOException> closeAll() {
    List<IOException> failures = new ArrayList<>();
    for (Descriptor d : table.values()) {
      try {
        d.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    table.clear();
    return failures;
  }
}
