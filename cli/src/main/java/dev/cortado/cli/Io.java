package dev.cortado.cli;

import java.io.PrintStream;

/** Where a command writes: its results to {@code out}, errors and notes to {@code err}. */
record Io(PrintStream out, PrintStream err) {}
