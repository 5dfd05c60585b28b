package org.datasharing.registry.core.sparql;

/** A serialised answer: its format (media type) and bytes, and how many results it holds. */
public record SparqlResponse(ResultFormat format, byte[] body, long results) {}
