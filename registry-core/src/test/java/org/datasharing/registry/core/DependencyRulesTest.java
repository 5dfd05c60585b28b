package org.datasharing.registry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
