package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinarySectionsTest {
  @Test
  void listsSectionsWithOffsetsSizesAndCounts() throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/inspect/answer.wasm"));
    List<BinarySections.Section> sections = BinarySections.scan(bytes);
    assertThat(sections)
        .containsExactly(
            new BinarySections.Section(1, 8, 5, 1, null, -1),
            new BinarySections.Section(3, 15, 2, 1, null, -1),
            new BinarySections.Section(7, 19, 10, 1, null, -1),
            new BinarySections.Section(10, 31, 6, 1, null, -1),
            new BinarySections.Section(0, 39, 9, -1, "hello", 3));
    assertThat(sections.get(3).name()).isEqualTo("code");
  }

  @Test
  void stopsAtASectionThatRunsPastTheEnd() {
    byte[] bytes = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 9, 0};
    assertThat(BinarySections.scan(bytes)).isEmpty();
  }
}
