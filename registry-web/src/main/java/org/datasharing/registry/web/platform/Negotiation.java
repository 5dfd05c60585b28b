package org.datasharing.registry.web.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;

/**
 * The one content negotiation of the registry's data answers (RDF, and JSON or CSV where a resource
 * has them): the client's {@code Accept}, most specific and most wanted first, against what the
 * resource offers in the resource's order. {@code *}{@code /*}, no {@code Accept} and an unreadable
 * one all get the resource's default.
 */
public final class Negotiation {
  private Negotiation() {}

  /**
   * The offered type to answer with, or none (406).
   *
   * @param offered in the order to prefer when a wanted type matches several
   * @param fallback for no preference; one of {@code offered}
   */
  public static Optional<MediaType> choose(
      String accept, List<MediaType> offered, MediaType fallback) {
    List<MediaType> wanted;
    try {
      wanted = new ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (IllegalArgumentException e) {
      return Optional.of(fallback);
    }
    if (wanted.isEmpty()) {
      return Optional.of(fallback);
    }
    MimeTypeUtils.sortBySpecificity(wanted);
    wanted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType w : wanted) {
      if (w.isWildcardType()) {
        return Optional.of(fallback);
      }
      for (MediaType o : offered) {
        if (w.isCompatibleWith(o)) {
          return Optional.of(o);
        }
      }
    }
    return Optional.empty();
  }

  /** The RDF syntax to answer with when RDF is all a resource offers (Turtle by default). */
  public static Optional<RdfSyntax> rdf(String accept) {
    return choose(accept, RdfSyntax.MEDIA_TYPES, RdfSyntax.TURTLE.mediaType())
        .flatMap(RdfSyntax::of);
  }

  /**
   * 406 for a client whose {@code Accept} matched nothing, naming the header and what to ask for.
   */
  public static ResponseEntity<Object> notAcceptable(List<MediaType> offered) {
    return Problems.field(HttpStatus.NOT_ACCEPTABLE, "Accept", askFor(offered));
  }

  /** What to tell a client whose {@code Accept} matched nothing. */
  public static String askFor(List<MediaType> offered) {
    List<String> names = offered.stream().map(t -> t.getType() + "/" + t.getSubtype()).toList();
    return "Ask for "
        + String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
