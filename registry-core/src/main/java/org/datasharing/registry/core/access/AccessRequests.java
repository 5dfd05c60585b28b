package org.datasharing.registry.core.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Starting an agreement from the catalogue: a member of one organisation asks for another's dataset
 * for a purpose, and gets a draft agreement between the two, pre-filled from the dataset (its data
 * items, personal-data profile and required assurance) and checked against the purposes the
 * dataset's ODRL offer permits. The draft is completed and submitted like any other.
 */
public final class AccessRequests {
  private static final int MAX_DESCRIPTION = 5000;

  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final CatalogService catalog;
  private final OrganisationService organisations;
  private final AgreementService agreements;

  public AccessRequests(
      RegistryStore store,
      Ids ids,
      ReferenceData reference,
      CatalogService catalog,
      OrganisationService organisations,
      AgreementService agreements) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.catalog = catalog;
    this.organisations = organisations;
    this.agreements = agreements;
  }

  /** What the requester says: a purpose code (reference scheme "purpose") and why. */
  public record AccessRequest(String purpose, String purposeDescription) {}

  /** Creates the draft agreement for the request; the caller becomes a party through its body. */
  public Result<AgreementView> request(Actor actor, String datasetId, AccessRequest request) {
    if (actor.organisation().isEmpty()
        || !(actor.has(Actor.Role.PARTNER) || actor.has(Actor.Role.DPO))) {
      return Result.forbidden("Only staff of a member organisation can request access to data");
    }
    String requester = actor.organisation().get();
    Optional<Dataset> found = catalog.get(actor, datasetId);
    if (found.isEmpty()) {
      return Result.notFound("No dataset " + datasetId);
    }
    Dataset d = found.get();
    if (requester.equals(d.publisher())) {
      return Result.invalid(
          new Violation(
              "dataset",
              "Your organisation publishes this dataset: there is no one to request it from"));
    }
    List<Violation> violations = new ArrayList<>();
    String purpose = request == null ? null : request.purpose();
    String description = request == null ? null : request.purposeDescription();
    Optional<Node> purposeNode = reference.concept("purpose", purpose);
    if (purposeNode.isEmpty()) {
      violations.add(
          new Violation(
              "purpose",
              purpose == null || purpose.isBlank()
                  ? "Choose the purpose you need the data for"
                  : "'" + purpose + "' is not a known purpose code"));
    } else {
      List<Node> permitted = permittedPurposes(d);
      if (!permitted.isEmpty() && !permitted.contains(purposeNode.get())) {
        violations.add(
            new Violation(
                "purpose",
                "The publisher offers this dataset only for: "
                    + String.join(", ", permitted.stream().map(reference::label).toList())));
      }
    }
    if (description == null || description.isBlank()) {
      violations.add(
          new Violation("purposeDescription", "Describe what you will use the data for"));
    } else if (description.length() > MAX_DESCRIPTION) {
      violations.add(
          new Violation(
              "purposeDescription",
              "Keep the description under " + MAX_DESCRIPTION + " characters"));
    }
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the access request", violations);
    }
    return agreements.createDraft(
        actor, Optional.empty(), draft(d, requester, purpose, description.strip()));
  }

  private AgreementContent draft(Dataset d, String requester, String purpose, String description) {
    String requesterName = organisations.get(requester).map(Organisation::name).orElse(requester);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("title", (d.title() == null ? d.id() : d.title()) + ": sharing with " + requesterName);
    f.put("purposes", List.of(purpose));
    f.put("purposeDescription", description);
    f.put("datasets", List.of(d.id()));
    put(f, "dataItems", d.dataItems());
    put(f, "personalDataCategories", d.personalDataCategories());
    put(f, "dataSubjectCategories", d.dataSubjectCategories());
    if (d.specialCategoryData() != null) {
      f.put("specialCategoryData", d.specialCategoryData());
    }
    if (d.criminalOffenceData() != null) {
      f.put("criminalOffenceData", d.criminalOffenceData());
    }
    put(f, "requiredAssurance", d.requiredAssurance());
    if (!d.sharingConditions().isEmpty()) {
      // the agreement has no field for the catalogue's sharing conditions: they start the access
      // arrangements, which the parties complete
      f.put(
          "accessArrangements",
          "The publisher shares this dataset on these conditions: "
              + String.join(
                  "; ",
                  d.sharingConditions().stream()
                      .map(c -> reference.concept("sharing-condition", c))
                      .flatMap(Optional::stream)
                      .map(reference::label)
                      .toList())
              + ".");
    }
    // the dataset's offer becomes the agreement's ODRL rule: the publisher permits the requester to
    // use the dataset for the requested purpose, on the dataset's sharing conditions
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("dataset", d.id());
    permission.put("action", "use");
    permission.put("assigner", d.publisher());
    permission.put("assignee", requester);
    permission.put("purposes", List.of(purpose));
    if (!d.sharingConditions().isEmpty()) {
      permission.put("sharingConditions", d.sharingConditions());
    }
    f.put("permissions", List.of(permission));
    List<Map<String, Object>> parties = new ArrayList<>();
    // the requester receives the data for its own purpose, so it is a controller in its own right
    parties.add(party(requester));
    parties.add(party(d.publisher()));
    return new AgreementContent(f, parties);
  }

  private static Map<String, Object> party(String organisation) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("organisation", organisation);
    p.put("role", "controller");
    return p;
  }

  private static void put(Map<String, Object> f, String field, List<String> values) {
    if (!values.isEmpty()) {
      f.put(field, values);
    }
  }

  /**
   * The purpose codes the dataset's offer permits, for pages to offer only those; empty when it
   * does not limit them. The same rule a request is checked against.
   */
  public List<String> permittedPurposeCodes(Dataset d) {
    return permittedPurposes(d).stream().map(ReferenceData::code).sorted().toList();
  }

  /**
   * The purposes the dataset's ODRL offer limits use to (odrl:purpose constraints with isAnyOf or
   * eq); empty when it does not limit them.
   */
  private List<Node> permittedPurposes(Dataset d) {
    return store
        .select(
            Queries.bind(
                "dataset-permitted-purposes",
                Map.of("g", Graphs.CATALOG_NODE, "dataset", ids.dataset(d.id()))))
        .stream()
        .map(b -> b.get(org.apache.jena.sparql.core.Var.alloc("purpose")))
        .filter(n -> n != null && n.isURI())
        .toList();
  }
}
