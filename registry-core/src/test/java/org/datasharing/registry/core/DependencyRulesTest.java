package org.datasharing.registry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is framework-free: adapters depend on it, never the other way. */
@AnalyzeClasses(
    packages = "org.datasharing.registry.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {
  @ArchTest
  static final ArchRule coreIsFrameworkFree =
      noClasses()
          .that()
          .resideInAPackage("org.datasharing.registry.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "jakarta.servlet..",
              "org.keycloak..",
              "org.datasharing.registry.web..");

  @ArchTest
  static final ArchRule corePackagesAreFreeOfCycles =
      slices().matching("org.datasharing.registry.core.(*)..").should().beFreeOfCycles();

  /** The features of the core, above the store and the shared kernel. */
  static final String[] FEATURES = {
    "org.datasharing.registry.core.access..",
    "org.datasharing.registry.core.agreement..",
    "org.datasharing.registry.core.audit..",
    "org.datasharing.registry.core.catalog..",
    "org.datasharing.registry.core.evidence..",
    "org.datasharing.registry.core.identity..",
    "org.datasharing.registry.core.linkeddata..",
    "org.datasharing.registry.core.organisation..",
    "org.datasharing.registry.core.reference..",
    "org.datasharing.registry.core.register..",
    "org.datasharing.registry.core.search..",
    "org.datasharing.registry.core.sparql..",
    "org.datasharing.registry.core.validation.."
  };

  /** The store is the bottom layer: it knows the shared kernel (common) and nothing above. */
  @ArchTest
  static final ArchRule storeIsTheBottomLayer =
      noClasses()
          .that()
          .resideInAPackage("org.datasharing.registry.core.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES);

  /** The shared kernel (actors, results, identifiers) depends on no other part of the core. */
  @ArchTest
  static final ArchRule commonDependsOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage("org.datasharing.registry.core.common..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES);

  @ArchTest
  static final ArchRule commonDependsNotOnTheStore =
      noClasses()
          .that()
          .resideInAPackage("org.datasharing.registry.core.common..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.datasharing.registry.core.store..");

  /** {@code Registry} wires the features and is the only facade: no feature reaches back to it. */
  @ArchTest
  static final ArchRule registryIsTheOnlyFacade =
      noClasses()
          .that()
          .resideInAnyPackage(FEATURES)
          .or()
          .resideInAnyPackage(
              "org.datasharing.registry.core.store..", "org.datasharing.registry.core.common..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.datasharing.registry.core.Registry");
}
