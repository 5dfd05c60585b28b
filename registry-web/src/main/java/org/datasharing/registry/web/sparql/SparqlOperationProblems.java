package org.datasharing.registry.web.sparql;

import java.util.EnumSet;
import java.util.Set;
import org.datasharing.registry.core.sparql.SparqlProblem;
import org.datasharing.registry.web.platform.OperationProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/** The SPARQL endpoint's refusals for the API reference: every kind's status from its mapping. */
@Component
class SparqlOperationProblems implements OperationProblems {
  @Override
  public Set<HttpStatus> statuses(HandlerMethod handler) {
    if (!SparqlController.class.isAssignableFrom(handler.getBeanType())) {
      return Set.of();
    }
    Set<HttpStatus> statuses = EnumSet.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    for (SparqlProblem.Kind kind : SparqlProblem.Kind.values()) {
      statuses.add(SparqlProblems.status(kind));
    }
    return statuses;
  }
}
