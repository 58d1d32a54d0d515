package dev.cortado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchiveTrainingTest {
  /**
   * A run that fails loads fewer classes than the path it stands for, and nothing else would tell:
   * the launcher archives whatever the JVM loaded.
   */
  @Test
  void everyRunSucceeds() throws Exception {
    assertThat(ArchiveTraining.train(Path.of("../examples"))).containsOnly(ExitCode.OK);
  }
}
