package org.datasharing.registry.ontology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The classpath resources of this module, so that other modules load them without hard-coding file
 * names. Each directory lists its files in an {@code index.txt}.
 *
 * <ul>
 *   <li>{@link #ONTOLOGY}: the registry ontology, for graph {@code dsrg:ontology};
 *   <li>{@link #referenceFiles()}: the SKOS schemes, together graph {@code dsrg:reference};
 *   <li>{@link #shapesFiles()}: the SHACL shapes;
 *   <li>{@link #sampleFiles()}: synthetic sample data in TriG, with relative IRIs to be parsed
 *       against the registry's base (default {@link #DEFAULT_BASE}).
 * </ul>
 */
public final class RegistryResources {
  /** The ontology, in Turtle. */
  public static final String ONTOLOGY = "ontology/registry.ttl";

  public static final String REFERENCE_DIR = "reference/";
  public static final String SHAPES_DIR = "shapes/";
  public static final String SAMPLE_DIR = "sample/";

  /** The agreement version shapes. */
  public static final String AGREEMENT_SHAPES = SHAPES_DIR + "agreement.shapes.ttl";

  /** The organisation and assurance certificate shapes. */
  public static final String ORGANISATION_SHAPES = SHAPES_DIR + "organisation.shapes.ttl";

  /** The dataset shapes. */
  public static final String DATASET_SHAPES = SHAPES_DIR + "dataset.shapes.ttl";

  /** The base the sample data's relative IRIs are written against by default. */
  public static final String DEFAULT_BASE = "http://localhost:8080/id/";

  private static final String INDEX = "index.txt";

  private RegistryResources() {}

  /** Classpath paths of the SKOS reference scheme files (Turtle). */
  public static List<String> referenceFiles() {
    return index(REFERENCE_DIR);
  }

  /** Classpath paths of the SHACL shapes files (Turtle). */
  public static List<String> shapesFiles() {
    return index(SHAPES_DIR);
  }

  /**
   * Classpath paths of the sample data files (TriG with relative IRIs): organisations, catalogue,
   * agreements, in that order.
   */
  public static List<String> sampleFiles() {
    return index(SAMPLE_DIR);
  }

  /**
   * Opens a classpath resource of this module.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static InputStream open(String path) {
    InputStream in = RegistryResources.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException("No classpath resource " + path);
    }
    return in;
  }

  private static List<String> index(String dir) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(dir + INDEX), StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(name -> dir + name)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir + INDEX, e);
    }
  }
}
