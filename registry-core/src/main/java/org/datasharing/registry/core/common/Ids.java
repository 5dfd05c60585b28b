package org.datasharing.registry.core.common;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Mints the registry's instance IRIs under one base (e.g. {@code http://localhost:8080/id/}), so
 * that they dereference to the running registry's linked-data views.
 */
public record Ids(String base) {
  public Ids {
    requireNonNull(base, "base");
    if (!base.endsWith("/") || !URI.create(base).isAbsolute()) {
      throw new IllegalArgumentException("the IRI base must be absolute and end with '/': " + base);
    }
  }

  public Node organisation(String slug) {
    return iri("organisation/", slug);
  }

  public Node dataset(String slug) {
    return iri("dataset/", slug);
  }

  public Node agreement(String slug) {
    return iri("agreement/", slug);
  }

  /** Versions live under their agreement, so the agreement graph holds them all. */
  public Node version(Node agreement, int number) {
    return NodeFactory.createURI(agreement.getURI() + "/version/" + number);
  }

  public Node party(Node version, String organisationSlug) {
    return NodeFactory.createURI(version.getURI() + "/party/" + organisationSlug);
  }

  public Node decision(Node agreement, String id) {
    return NodeFactory.createURI(agreement.getURI() + "/decision/" + id);
  }

  public Node user(Actor actor) {
    return user(actor.subject());
  }

  /** A person by their identity provider's identifier (the token's subject). */
  public Node user(String subject) {
    return NodeFactory.createURI(
        base + "user/" + URLEncoder.encode(subject, StandardCharsets.UTF_8));
  }

  public Node auditEvent(String id) {
    return iri("audit/", id);
  }

  /** The slug of an instance IRI of the given kind ("organisation", "dataset", "agreement"). */
  public Optional<String> slug(Node iri, String kind) {
    if (iri == null || !iri.isURI()) {
      return Optional.empty();
    }
    String prefix = base + kind + "/";
    String s = iri.getURI();
    if (!s.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = s.substring(prefix.length());
    return rest.contains("/") ? Optional.empty() : Optional.of(rest);
  }

  private Node iri(String kind, String slug) {
    if (!Slugs.isValid(slug)) {
      throw new IllegalArgumentException("not a valid identifier: " + slug);
    }
    return NodeFactory.createURI(base + kind + slug);
  }
}
