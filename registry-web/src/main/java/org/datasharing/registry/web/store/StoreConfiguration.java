package org.datasharing.registry.web.store;

import java.time.Clock;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.SparqlRegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the core over the configured store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StoreProperties.class, AgreementProperties.class})
@EnableScheduling
class StoreConfiguration {

  @Bean(destroyMethod = "close")
  RegistryStore registryStore(StoreProperties props) {
    return switch (props.mode()) {
      case "tdb2" -> TdbRegistryStore.open(props.dataDir());
      case "remote" -> {
        if (props.remoteUrl().isBlank()) {
          throw new IllegalStateException(
              "registry.store.mode=remote needs registry.store.remote-url (a Fuseki dataset URL)");
        }
        yield new SparqlRegistryStore(SparqlRegistryStore.Endpoints.fuseki(props.remoteUrl()));
      }
      default ->
          throw new IllegalStateException(
              "registry.store.mode must be tdb2 or remote, not " + props.mode());
    };
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Registry registry(
      RegistryStore store, StoreProperties props, AgreementProperties rules, Clock clock) {
    return new Registry(
        store,
        props.base(),
        clock,
        props.sampleData(),
        java.util.Optional.empty(),
        rules.maxReviewInterval());
  }
}
