package org.plenum.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.FeatureApi;

/**
 * The structure of the server (docs/architecture.md): a small core that knows no feature, one folder per feature, a
 * feature reaching another only through its declared API ({@link FeatureApi}), SQL and the PostgreSQL client only in
 * store implementations ({@code Pg…} classes), no import cycles anywhere.
 */
class ArchitectureTest {
  static final String ROOT = "org.plenum.server.";
  /** Every feature folder. A new feature adds its folder here (and its registration line in app/PlenumApp). */
  static final List<String> FEATURES = List.of("meeting", "agenda", "speaker", "presentation", "document", "vote", "room", "media", "annotation", "minutes");

  static final ArchRule features_have_no_cycles = slices().matching(ROOT + "(*)..")
      .that(DescribedPredicate.describe("are feature folders", (com.tngtech.archunit.library.dependencies.Slice s) ->
          FEATURES.contains(s.getDescription().replace("Slice ", ""))))
      .should().beFreeOfCycles()
      .as("no cycle between feature folders");

  static final ArchRule packages_have_no_cycles = slices().matching(ROOT + "(*)..").should().beFreeOfCycles()
      .as("no cycle between any top-level packages of the server (core, features, auth, config, pdf, app)");

  static final ArchRule core_knows_no_feature = noClasses().that().resideInAPackage(ROOT + "core..")
      .should().dependOnClassesThat(DescribedPredicate.describe("are in a feature folder or the app",
          (JavaClass c) -> feature(c).isPresent() || c.getPackageName().startsWith(ROOT + "app")))
      .as("the core depends on no feature and not on the app");

  static final ArchRule features_use_only_declared_apis = ArchRuleDefinition.classes().that(DescribedPredicate.describe("are in a feature folder",
          (JavaClass c) -> feature(c).isPresent()))
      .should(new ArchCondition<>("reach other features only through types annotated @FeatureApi") {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
          String own = feature(item).orElseThrow();
          for (Dependency d : item.getDirectDependenciesFromSelf()) {
            JavaClass target = d.getTargetClass();
            Optional<String> other = feature(target);
            if (other.isPresent() && !other.get().equals(own) && !declaredApi(target)) {
              events.add(SimpleConditionEvent.violated(d, d.getDescription() + " — " + target.getName() + " is not @FeatureApi of "
                  + other.get()));
            }
          }
        }
      });

  static final ArchRule sql_client_only_in_stores = noClasses().that(DescribedPredicate.describe("are not store implementations",
          (JavaClass c) -> !store(c) && !c.getPackageName().equals(ROOT + "core.db")))
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..")
      .as("the PostgreSQL client (Pool, SqlClient, rows) is used only in Pg… store implementations and core.db");

  static final ArchRule services_depend_on_store_ports = noClasses().that(DescribedPredicate.describe("are not stores, wiring or core.db",
          (JavaClass c) -> !store(c) && !topLevel(c).getSimpleName().endsWith("Feature") && !c.getPackageName().startsWith(ROOT + "app")
              && !c.getPackageName().equals(ROOT + "core.db")))
      .should().dependOnClassesThat(DescribedPredicate.describe("are store implementations", ArchitectureTest::store))
      .as("services depend on …Store interfaces; only the wiring (app, a feature's Feature class) names a Pg… implementation");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.plenum.server");
  }

  @Test
  @DisplayName("ARCH1: no cycle between feature folders")
  void no_feature_cycles() {
    features_have_no_cycles.check(classes);
  }

  @Test
  @DisplayName("ARCH2: no cycle between the server's top-level packages")
  void no_package_cycles() {
    packages_have_no_cycles.check(classes);
  }

  @Test
  @DisplayName("ARCH3: the core knows no feature")
  void core_is_feature_free() {
    core_knows_no_feature.check(classes);
  }

  @Test
  @DisplayName("ARCH4: a feature reaches another only through its @FeatureApi types")
  void only_declared_apis() {
    features_use_only_declared_apis.check(classes);
  }

  @Test
  @DisplayName("ARCH5: the PostgreSQL client is used only in Pg… store implementations")
  void sql_only_in_stores() {
    sql_client_only_in_stores.check(classes);
  }

  @Test
  @DisplayName("ARCH6: services depend on store interfaces, not on Pg… implementations")
  void services_use_ports() {
    services_depend_on_store_ports.check(classes);
  }

  /** The feature folder a class lives in, if any. */
  static Optional<String> feature(JavaClass c) {
    String p = c.getPackageName();
    for (String f : FEATURES) {
      if (p.equals(ROOT + f) || p.startsWith(ROOT + f + ".")) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }

  /**
   * A store implementation: a top-level class named Pg… outside core.db (its nested and anonymous classes count as
   * part of it); core.db's own Pg helpers are for stores to use.
   */
  static boolean store(JavaClass c) {
    return topLevel(c).getSimpleName().startsWith("Pg") && !c.getPackageName().equals(ROOT + "core.db");
  }

  /** The class or one that encloses it carries @FeatureApi (nested records of a sealed event family are its API). */
  static boolean declaredApi(JavaClass c) {
    for (JavaClass t = c; ; t = t.getEnclosingClass().get()) {
      if (t.isAnnotatedWith(FeatureApi.class)) {
        return true;
      }
      if (t.getEnclosingClass().isEmpty()) {
        return false;
      }
    }
  }
}
