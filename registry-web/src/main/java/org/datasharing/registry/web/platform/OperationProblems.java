package org.datasharing.registry.web.platform;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * Problem statuses a feature knows its own operations answer with beyond those {@link
 * ProblemResponses} derives from security and the method (the SPARQL endpoint's refusals), so that
 * the statuses are read from the feature's one mapping instead of being written twice.
 */
public interface OperationProblems {
  /** The statuses the handler may answer with; empty when it is not this feature's. */
  Set<HttpStatus> statuses(HandlerMethod handler);
}
