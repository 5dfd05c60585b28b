package org.datasharing.registry.web.store;

import java.time.Duration;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.access.AccessRequests;
import org.datasharing.registry.core.agreement.AgreementListing;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.People;
import org.datasharing.registry.core.audit.TreeHeads;
import org.datasharing.registry.core.catalog.CatalogImport;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.evidence.EvidenceBundle;
import org.datasharing.registry.core.linkeddata.LinkedData;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.register.PublicRegister;
import org.datasharing.registry.core.search.CatalogSearch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core's services as beans, so a controller takes the one it needs rather than the {@link
 * Registry}. They are the registry's own instances (it builds them and owns their life), so none
 * has a destroy method here.
 */
@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

  @Bean(destroyMethod = "")
  Ids ids(Registry registry) {
    return registry.ids();
  }

  @Bean(destroyMethod = "")
  AgreementService agreementService(Registry registry) {
    return registry.agreements();
  }

  @Bean(destroyMethod = "")
  OrganisationService organisationService(Registry registry) {
    return registry.organisations();
  }

  @Bean(destroyMethod = "")
  AuditTrail auditTrail(Registry registry) {
    return registry.auditTrail();
  }

  /** Background verifications of the whole log, one at a time; stopped with the application. */
  @Bean
  org.datasharing.registry.core.audit.LogVerifications logVerifications(Registry registry) {
    return registry.logVerifications();
  }

  @Bean
  People people(Registry registry) {
    return registry.people();
  }

  /** Backups of the embedded store into {@code registry.store.backup-dir}. */
  @Bean
  org.datasharing.registry.core.store.StoreBackups storeBackups(
      Registry registry, StoreProperties props) {
    return registry.backups(props.backupDir());
  }

  /** Builds each bundle from the store when asked; holds nothing itself. */
  @Bean
  EvidenceBundle evidenceBundle(Registry registry, TreeHeads treeHeads) {
    return registry.evidence(treeHeads);
  }

  @Bean(destroyMethod = "")
  CatalogService catalogService(Registry registry) {
    return registry.catalog();
  }

  @Bean(destroyMethod = "")
  CatalogImport catalogImport(Registry registry) {
    return registry.catalogImport();
  }

  @Bean(destroyMethod = "")
  org.datasharing.registry.core.agreement.AgreementImport agreementImport(Registry registry) {
    return registry.agreementImport();
  }

  /** The registry's own index: exposing it here must not make Spring close it on shutdown. */
  @Bean(destroyMethod = "")
  CatalogSearch catalogSearch(Registry registry) {
    return registry.search();
  }

  /**
   * Polls the audit log head so this instance's search index follows other instances' commits on a
   * shared store without waiting for a search (every {@code registry.search.follow-every}).
   */
  @Bean(destroyMethod = "close")
  AutoCloseable searchIndexFollower(
      CatalogSearch search, @Value("${registry.search.follow-every:PT1S}") Duration every) {
    return search.follow(every);
  }

  @Bean(destroyMethod = "")
  AccessRequests accessRequests(Registry registry) {
    return registry.accessRequests();
  }

  @Bean(destroyMethod = "")
  ReferenceData referenceData(Registry registry) {
    return registry.reference();
  }

  @Bean(destroyMethod = "")
  LinkedData linkedData(Registry registry) {
    return registry.linkedData();
  }

  @Bean(destroyMethod = "")
  PublicRegister publicRegister(Registry registry) {
    return registry.publicRegister();
  }

  /** The agreement list's filters and sort, for the pages and the API. */
  @Bean
  AgreementListing agreementListing(Registry registry) {
    return new AgreementListing(
        registry.agreements(), registry.organisations(), registry.reference());
  }
}
