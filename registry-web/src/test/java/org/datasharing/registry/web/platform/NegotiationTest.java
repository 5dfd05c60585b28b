package org.datasharing.registry.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class NegotiationTest {
  private static final MediaType TURTLE = RdfSyntax.TURTLE.mediaType();

  @Test
  void rdf_picksTheMostWantedSyntax() {
    assertThat(Negotiation.rdf("application/rdf+xml;q=0.9, application/ld+json"))
        .contains(RdfSyntax.JSONLD);
    assertThat(Negotiation.rdf("application/n-triples")).contains(RdfSyntax.NTRIPLES);
  }

  @Test
  void rdf_answersTurtle_whenTheClientHasNoPreference() {
    assertThat(Negotiation.rdf("*/*")).contains(RdfSyntax.TURTLE);
    assertThat(Negotiation.rdf("")).contains(RdfSyntax.TURTLE);
    assertThat(Negotiation.rdf("not a media type;;")).contains(RdfSyntax.TURTLE);
  }

  @Test
  void rdf_isEmpty_whenNothingOfferedIsWanted() {
    assertThat(Negotiation.rdf("application/pdf")).isEmpty();
  }

  @Test
  void choose_prefersAPage_onlyWhenTheClientNamesOne() {
    List<MediaType> offered = List.of(MediaType.TEXT_HTML, TURTLE);

    assertThat(Negotiation.choose("text/html,*/*;q=0.8", offered, TURTLE))
        .contains(MediaType.TEXT_HTML);
    assertThat(Negotiation.choose("*/*", offered, TURTLE)).contains(TURTLE);
  }
}
