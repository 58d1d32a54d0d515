package dev.cortado.wasm;

/**
 * A custom section, kept as raw bytes.
 *
 * @param precedingSectionId the id of the last non-custom section before this one (0 if none), so
 *     that a writer can put it back where it was
 */
public record CustomSection(String name, byte[] data, int precedingSectionId) {}
