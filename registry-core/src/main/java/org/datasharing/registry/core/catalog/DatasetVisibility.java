package org.datasharing.registry.core.catalog;

import java.util.Optional;
import org.datasharing.registry.core.common.Actor;

/**
 * The one rule of who sees a dataset. A discoverable dataset is public. One its publisher marked
 * not discoverable is seen by its publisher's staff (partner or DPO), auditors and the registry
 * administrator only; to everyone else it does not exist. The catalogue service, the linked-data
 * pages, the DCAT export, the search index (its Lucene translation, {@link #seesEverything} and
 * {@link #publisherSeenBy}) and the SPARQL view all apply this rule.
 */
public final class DatasetVisibility {
  private DatasetVisibility() {}

  /** The public: no organisation, no role. */
  public static final Actor PUBLIC =
      new Actor("public", "public", Optional.empty(), java.util.Set.of());

  /** Whether the actor sees a dataset with this flag and publisher. */
  public static boolean visible(Actor actor, Boolean discoverable, String publisher) {
    return !Boolean.FALSE.equals(discoverable)
        || seesEverything(actor)
        || (publisher != null && actor.memberOf(publisher));
  }

  public static boolean visible(Actor actor, Dataset d) {
    return visible(actor, d.discoverable(), d.publisher());
  }

  /** Whether the actor sees hidden datasets of every publisher. */
  public static boolean seesEverything(Actor actor) {
    return actor.has(Actor.Role.AUDITOR) || actor.has(Actor.Role.REGISTRY_ADMIN);
  }

  /** The publisher whose hidden datasets the actor sees, as its staff. */
  public static Optional<String> publisherSeenBy(Actor actor) {
    return actor.organisation().filter(actor::memberOf);
  }
}
