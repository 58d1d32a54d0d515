package dev.cortado.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes: a guest's stdin from {@code in}, results to {@code out}, errors
 * and notes to {@code err}.
 */
record Io(InputStream in, PrintStream out, PrintStream err) {
  Io(PrintStream out, PrintStream err) {
    this(System.in, out, err);
  }
}
