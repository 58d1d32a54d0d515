package dev.cortado.wasm;

/**
 * A module uses a feature of a later proposal that Cortado does not implement yet. The reason reads
 * {@code "unsupported: <feature>"}, e.g. {@code "unsupported: gc"}.
 */
public class UnsupportedFeatureException extends MalformedModuleException {
  private static final long serialVersionUID = 1L;

  private final String feature;

  public UnsupportedFeatureException(String feature, String location) {
    super("unsupported: " + feature, location);
    this.feature = feature;
  }

  public String feature() {
    return feature;
  }
}
