package org.datasharing.registry.core;

import java.time.Clock;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.catalog.CatalogImport;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.ResourceWriter;
import org.datasharing.registry.core.linkeddata.LinkedData;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Bootstrap;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.Graphs;

/** The registry's domain, wired over one store: what adapters (web, CLI, tests) call. */
public final class Registry {
  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final AuditTrail auditTrail;
  private final AgreementService agreements;
  private final OrganisationService organisations;
  private final CatalogService catalog;
  private final CatalogImport catalogImport;
  private final LinkedData linkedData;

  /**
   * Initialises the store (ontology, reference and, if asked, sample data) and wires the services.
   */
  public Registry(RegistryStore store, String base, Clock clock, boolean sampleData) {
    this.store = store;
    this.ids = new Ids(base);
    Bootstrap.initialise(store, base, sampleData);
    this.reference = new ReferenceData(store.graph(Graphs.REFERENCE_NODE));
    ShapeValidator validator = new ShapeValidator(Bootstrap.shapes());
    AuditLog audit = new AuditLog(ids, clock);
    ResourceWriter writer = new ResourceWriter(store, validator, audit);
    this.auditTrail = new AuditTrail(store, clock);
    this.agreements = new AgreementService(store, ids, clock, audit, validator, reference);
    this.organisations = new OrganisationService(store, ids, reference, writer);
    this.catalog = new CatalogService(store, ids, reference, writer);
    this.catalogImport = new CatalogImport(store, ids, reference, validator, audit);
    this.linkedData = new LinkedData(this, writer);
  }

  public RegistryStore store() {
    return store;
  }

  public Ids ids() {
    return ids;
  }

  public ReferenceData reference() {
    return reference;
  }

  public AuditTrail auditTrail() {
    return auditTrail;
  }

  public AgreementService agreements() {
    return agreements;
  }

  public OrganisationService organisations() {
    return organisations;
  }

  public CatalogService catalog() {
    return catalog;
  }

  public CatalogImport catalogImport() {
    return catalogImport;
  }

  public LinkedData linkedData() {
    return linkedData;
  }
}
