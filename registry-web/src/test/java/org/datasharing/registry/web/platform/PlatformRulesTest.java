package org.datasharing.registry.web.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URI;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.web.pages.PageController;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the platform package owns, pinned: one problem factory, one RDF writer, thin controllers.
 */
@AnalyzeClasses(
    packages = "org.datasharing.registry.web",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformRulesTest {

  /** The features of the web module, above the platform and the page plumbing. */
  static final String[] FEATURES = {
    "..web.admin..",
    "..web.agreement..",
    "..web.audit..",
    "..web.catalog..",
    "..web.home..",
    "..web.identity..",
    "..web.linkeddata..",
    "..web.notification..",
    "..web.register..",
    "..web.sparql.."
  };

  @ArchTest
  static final ArchRule webPackagesAreFreeOfCycles =
      slices().matching("org.datasharing.registry.web.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule platformUsesNoFeature =
      noClasses()
          .that()
          .resideInAPackage("..web.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.datasharing.registry.dev..",
              "..web.pages..",
              "..web.security..",
              "..web.store..");

  /** The page plumbing (layout, words, sign-in) serves every feature and knows none of them. */
  @ArchTest
  static final ArchRule pagesUseNoFeature =
      noClasses()
          .that()
          .resideInAPackage("..web.pages..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FEATURES)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("org.datasharing.registry.dev..");

  /** Features meet on the platform and the pages, not in each other (the dashboard composes). */
  @ArchTest
  static final ArchRule featuresUseNoOtherFeature =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..web.agreement..",
              "..web.catalog..",
              "..web.register..",
              "..web.linkeddata..",
              "..web.sparql..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..web.admin..",
              "..web.audit..",
              "..web.home..",
              "..web.identity..",
              "..web.notification..");

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

  /** A page controller, or a REST controller that renders a page for a browser. */
  static final DescribedPredicate<JavaClass> ANSWER_WITH_PAGES =
      DescribedPredicate.describe(
          "answer with pages (a @Controller, or a @RestController that renders a ModelAndView)",
          c ->
              c.isAnnotatedWith(Controller.class)
                  || (c.isAnnotatedWith(RestController.class)
                      && c.getDirectDependenciesFromSelf().stream()
                          .anyMatch(d -> d.getTargetClass().isEquivalentTo(ModelAndView.class))));

  /** A controller answering with pages gets the layout's model (who is signed in) by its mark. */
  @ArchTest
  static final ArchRule pageControllersAreMarked =
      classes()
          .that(ANSWER_WITH_PAGES)
          .should()
          .beAnnotatedWith(PageController.class)
          .because("PageModel gives the layout's model only to controllers marked @PageController");

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
