/**
 * The {@code .wast} script runner: runs the official testsuite against the runtime in every
 * execution tier, for the JUnit spec tests, {@code SpecTestMain} and {@code cortado wast}.
 */
module dev.cortado.spectest {
  requires transitive dev.cortado.runtime;

  exports dev.cortado.spectest;
  exports dev.cortado.spectest.fuzz to
      dev.cortado.cli;
}
