package org.datasharing.registry.web.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URI;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.datasharing.registry.core.Registry;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the platform package owns, pinned: one problem factory, one RDF writer, thin controllers.
 */
@AnalyzeClasses(
    packages = "org.datasharing.registry.web",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformRulesTest {

  @ArchTest
  static final ArchRule platformUsesNoFeature =
      noClasses()
          .that()
          .resideInAPackage("..web.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..web.api..",
              "..web.catalog..",
              "org.datasharing.registry.dev..",
              "..web.identity..",
              "..web.linkeddata..",
              "..web.register..",
              "..web.security..",
              "..web.sparql..",
              "..web.store..",
              "..web.ui..");

  @ArchTest
  static final ArchRule problemsAreBuiltByTheFactory =
      noClasses()
          .that()
          .resideOutsideOfPackage("..web.platform..")
          .should()
          .callMethod(ProblemDetail.class, "forStatusAndDetail", HttpStatusCode.class, String.class)
          .orShould()
          .callMethod(ProblemDetail.class, "forStatus", HttpStatusCode.class)
          .orShould()
          .callMethod(ProblemDetail.class, "setType", URI.class)
          .because("every problem's type comes from Problems");

  @ArchTest
  static final ArchRule rdfIsWrittenByRdfOutput =
      noClasses()
          .that()
          .resideOutsideOfPackage("..web.platform..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(RDFDataMgr.class, RDFFormat.class)
          .because("RDF/XML must replace what XML cannot carry; RdfOutput does");

  @ArchTest
  static final ArchRule onlyConfigurationSeesTheRegistry =
      noClasses()
          .that()
          .areNotAnnotatedWith(Configuration.class)
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Registry.class)
          .because("controllers take the service they need from ServiceConfiguration");

  @ArchTest
  static final ArchRule controllersArePackagePrivate =
      classes()
          .that()
          .areAnnotatedWith(RestController.class)
          .or()
          .areAnnotatedWith(Controller.class)
          .should()
          .notBePublic();
}
