package org.datasharing.registry.web.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.jena.riot.RDFFormat;
import org.springframework.http.MediaType;

/** The RDF syntaxes the registry writes, each with its media type and how Jena writes it. */
public enum RdfSyntax {
  TURTLE("text/turtle", RDFFormat.TURTLE_PRETTY),
  JSONLD("application/ld+json", RDFFormat.JSONLD_PRETTY),
  NTRIPLES("application/n-triples", RDFFormat.NTRIPLES_UTF8),
  RDFXML("application/rdf+xml", RDFFormat.RDFXML_PRETTY);

  /** Every syntax's media type, Turtle first (the default wherever RDF is the only answer). */
  public static final List<MediaType> MEDIA_TYPES =
      Arrays.stream(values()).map(RdfSyntax::mediaType).toList();

  private final MediaType mediaType;
  private final RDFFormat format;

  RdfSyntax(String mediaType, RDFFormat format) {
    this.mediaType = MediaType.parseMediaType(mediaType);
    this.format = format;
  }

  public MediaType mediaType() {
    return mediaType;
  }

  public RDFFormat format() {
    return format;
  }

  /** The syntax of a media type that {@link Negotiation} chose, if it is one. */
  public static Optional<RdfSyntax> of(MediaType type) {
    return Arrays.stream(values()).filter(s -> s.mediaType.equalsTypeAndSubtype(type)).findFirst();
  }
}
