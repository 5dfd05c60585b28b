package org.datasharing.registry.web.audit;

import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.audit.AuditSearch;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.LogVerifications;
import org.datasharing.registry.core.audit.MerkleTree;
import org.datasharing.registry.core.audit.People;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.sparql.QueryPack;
import org.datasharing.registry.web.pages.PageController;
import org.datasharing.registry.web.pages.Pages;
import org.datasharing.registry.web.platform.Csv;
import org.datasharing.registry.web.platform.InvalidParameter;
import org.datasharing.registry.web.security.Actors;
import org.datasharing.registry.web.sparql.SparqlProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * For auditors: the audit log verified from the store (tree size, root hash, findings), its events
 * page by page, and the RFC 9162 inclusion proof of any event.
 */
@Controller
@PageController
class AuditPagesController {
  private static final int PAGE_SIZE = 25;
  // how long a page waits for a verification under way before showing its progress instead

  private final AuditTrail auditTrail;
  private final Ids ids;
  private final People people;
  private final OrganisationService organisations;

  private final QueryPack queryPack;
  private final SparqlProperties sparql;
  private final LogVerifications verifications;

  AuditPagesController(
      AuditTrail auditTrail,
      Ids ids,
      QueryPack queryPack,
      SparqlProperties properties,
      People people,
      OrganisationService organisations,
      LogVerifications verifications) {
    this.auditTrail = auditTrail;
    this.verifications = verifications;
    this.people = people;
    this.organisations = organisations;
    this.ids = ids;
    this.queryPack = queryPack;
    this.sparql = properties;
  }

  /** The filters come from the query only, never from a request header of the same name. */
  @InitBinder("params")
  void parametersOnly(WebDataBinder binder) {
    if (binder instanceof ExtendedServletRequestDataBinder b) {
      b.setHeaderPredicate(header -> false);
    }
  }

  @GetMapping("/audit")
  ModelAndView audit(
      @RequestParam(defaultValue = "1") int page, AuditFilters.Params params, Authentication auth) {
    if (!Actors.of(auth).has(Actor.Role.AUDITOR)) {
      return auditorsOnly();
    }
    InvalidParameter.within("page", page, 1, 1_000_000);
    AuditSearch.Filter filter = params.filter(ids);
    Result<AuditTrail.Page> found =
        filter.isEmpty()
            ? Result.ok(auditTrail.page(page - 1, PAGE_SIZE))
            : auditTrail.search(filter, page - 1, PAGE_SIZE);
    if (!found.ok()) {
      return Pages.failure(found);
    }
    AuditTrail.Page events = found.value();
    Map<String, String> query = params.given();
    ModelAndView mav = new ModelAndView("audit");
    mav.addObject(
        "verification",
        VerificationStatus.settled(verifications, auditTrail, VerificationStatus.PAGE_WAIT));
    mav.addObject("events", events);
    mav.addObject("page", page);
    mav.addObject("pages", Math.max(1, (events.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    mav.addObject("filter", query);
    mav.addObject("filtered", !filter.isEmpty());
    mav.addObject("actions", auditTrail.actions());
    mav.addObject("organisations", organisations.list());
    mav.addObject("filterQuery", queryString(query));
    return mav;
  }

  /**
   * Starts a verification of the whole log in the background, kept as an audit event in the
   * auditor's name, and returns to the log's page (which shows its result, or how far it got).
   */
  @PostMapping("/audit/verifications")
  ModelAndView verify(Authentication auth) {
    if (!Actors.of(auth).has(Actor.Role.AUDITOR)) {
      return auditorsOnly();
    }
    verifications.start(Actors.of(auth));
    VerificationStatus.settled(verifications, auditTrail, VerificationStatus.PAGE_WAIT);
    return new ModelAndView("redirect:/audit#verification");
  }

  /** The filtered events as CSV (every match, at most 10,000), for auditors. */
  @GetMapping("/audit/events.csv")
  Object csv(AuditFilters.Params params, Authentication auth) {
    if (!Actors.of(auth).has(Actor.Role.AUDITOR)) {
      return auditorsOnly();
    }
    Result<AuditTrail.Page> all = auditTrail.search(params.filter(ids), 0, AuditSearch.MAX_EXPORT);
    if (!all.ok()) {
      return Pages.failure(all);
    }
    return Csv.download(ResponseEntity.ok(), "audit-events.csv", AuditCsv.of(all.value().events()));
  }

  private static String queryString(Map<String, String> query) {
    UriComponentsBuilder b = UriComponentsBuilder.newInstance();
    query.forEach(b::queryParam);
    return b.build().encode().getQuery();
  }

  @GetMapping("/audit/events/{event}")
  ModelAndView proof(@PathVariable String event, Authentication auth) {
    if (!Actors.of(auth).has(Actor.Role.AUDITOR)) {
      return auditorsOnly();
    }
    if (!Slugs.isValid(event)) {
      return Pages.notFound("There is no audit event " + event);
    }
    Result<AuditTrail.InclusionProof> proof = auditTrail.inclusionProof(ids.auditEvent(event));
    if (!proof.ok()) {
      return Pages.failure(proof);
    }
    AuditTrail.InclusionProof p = proof.value();
    List<MerkleTree.HashStep> steps =
        MerkleTree.inclusionSteps(
            MerkleTree.unhex(p.leafHash()),
            p.leafIndex(),
            p.treeSize(),
            p.auditPath().stream().map(MerkleTree::unhex).toList());
    ModelAndView mav = new ModelAndView("audit-proof");
    mav.addObject("proof", p);
    mav.addObject("steps", steps);
    mav.addObject(
        "reachesRoot",
        steps.isEmpty()
            ? p.leafHash().equals(p.rootHash())
            : steps.get(steps.size() - 1).result().equals(p.rootHash()));
    mav.addObject("event", event);
    return mav;
  }

  /**
   * A person in the trail (auditors and registry administrators): as recorded, their roles,
   * organisations over time and events. To anyone else there is no such page.
   */
  @GetMapping("/audit/people/{id}")
  ModelAndView person(@PathVariable String id, Authentication auth) {
    Result<People.Person> person = people.person(Actors.of(auth), id);
    if (!person.ok()) {
      return Pages.notFound("There is no person " + id);
    }
    return new ModelAndView("audit-person").addObject("person", person.value());
  }

  /** The SPARQL console (YASGUI) with the auditors' query pack. */
  @GetMapping("/audit/sparql")
  ModelAndView console(
      @RequestParam(name = "query", required = false) String query, Authentication auth) {
    if (!Actors.of(auth).has(Actor.Role.AUDITOR)) {
      return auditorsOnly();
    }
    ModelAndView mav = new ModelAndView("audit-sparql");
    mav.addObject("queries", queryPack.entries());
    mav.addObject(
        "selected",
        queryPack.entry(query == null ? "" : query).map(QueryPack.Entry::name).orElse(null));
    mav.addObject("timeoutSeconds", sparql.timeout().toSeconds());
    return mav;
  }

  private static ModelAndView auditorsOnly() {
    return Pages.problem(
        HttpStatus.FORBIDDEN, "Auditors only", "Only auditors can see and verify the audit log.");
  }
}
