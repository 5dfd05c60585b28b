package org.datasharing.registry.web.store;

import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.linkeddata.LinkedData;
import org.datasharing.registry.core.organisation.OrganisationService;
import org.datasharing.registry.core.register.PublicRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core's services as beans, so a controller takes the one it needs rather than the {@link
 * Registry}. They are the registry's own instances (it builds and closes them), so none has a
 * destroy method here.
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

  @Bean(destroyMethod = "")
  LinkedData linkedData(Registry registry) {
    return registry.linkedData();
  }

  @Bean(destroyMethod = "")
  PublicRegister publicRegister(Registry registry) {
    return registry.publicRegister();
  }
}
