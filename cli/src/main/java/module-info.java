/** The {@code cortado} command line. */
module dev.cortado.cli {
  requires dev.cortado.spectest;
  requires dev.cortado.wasi;
  requires info.picocli;

  // picocli fills the commands' annotated fields by reflection.
  opens dev.cortado.cli to
      info.picocli;
}
