package dev.cortado.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One benchmark program, as a line of {@code bench/workloads/workloads.tsv} describes it.
 *
 * @param name the program's name; its native build is {@code build/native/NAME}
 * @param module the .wasm file, relative to {@code bench/}
 * @param smallArgs the arguments for the small size (interpreters)
 * @param fullArgs the arguments for the full size (1-5 s natively)
 * @param checked the output lines that must equal the native build's, or null for all lines
 */
record Workload(
    String name, String module, List<String> smallArgs, List<String> fullArgs, Pattern checked) {

  List<String> args(Size size) {
    return size == Size.SMALL ? smallArgs : fullArgs;
  }

  /** The part of {@code output} that must equal the native build's. */
  String checkedOutput(String output) {
    if (checked == null) {
      return output;
    }
    StringBuilder kept = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      if (checked.matcher(line).find()) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  /** The two sizes every workload has. */
  enum Size {
    SMALL,
    FULL;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static List<Workload> read(Path tsv) throws IOException {
    List<Workload> workloads = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(tsv)) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t");
      if (fields.length != 5) {
        throw new IOException(
            tsv + ":" + lineNumber + ": expected 5 tab-separated fields, found " + fields.length);
      }
      workloads.add(
          new Workload(
              fields[0],
              fields[1],
              words(fields[2]),
              words(fields[3]),
              fields[4].equals("all") ? null : Pattern.compile(fields[4])));
    }
    return workloads;
  }

  private static List<String> words(String field) {
    return Arrays.stream(field.trim().split(" +")).filter(w -> !w.isEmpty()).toList();
  }
}
