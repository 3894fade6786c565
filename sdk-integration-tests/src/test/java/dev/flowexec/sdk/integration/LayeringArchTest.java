package dev.flowexec.sdk.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the SDK, checked on the built classes of every module (tests excluded): sdk-core
 * knows nothing of Retrofit, OkHttp, Moshi or Okio; its model knows nothing of the client or of
 * transports; the Retrofit module's public package is only {@code RetrofitTransport} (and its
 * builder) and {@code FlowJsonCodec}; the examples use no internal package; and no two packages
 * depend on each other.
 */
class LayeringArchTest {
  private static final String[] THIRD_PARTY_HTTP = {
    "retrofit2..", "okhttp3..", "com.squareup.moshi..", "okio.."
  };

  /** The classes of sdk-core, told by where they were loaded from. */
  private static final DescribedPredicate<JavaClass> IN_SDK_CORE = fromModule("sdk-core");

  private static final DescribedPredicate<JavaClass> IN_SDK_RETROFIT = fromModule("sdk-retrofit");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flowexec.sdk..");
  }

  @Test
  void every_module_was_imported() {
    Set<String> packages =
        classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    assertThat(packages)
        .contains(
            "dev.flowexec.sdk",
            "dev.flowexec.sdk.model",
            "dev.flowexec.sdk.transport",
            "dev.flowexec.sdk.retrofit",
            "dev.flowexec.sdk.testing",
            "dev.flowexec.sdk.examples");
    assertThat(classes.stream().filter(IN_SDK_CORE).count()).isGreaterThan(20);
    assertThat(classes.stream().filter(IN_SDK_RETROFIT).count()).isGreaterThan(10);
    assertThat(
            classes.stream()
                .filter(c -> c.getPackageName().startsWith("dev.flowexec.sdk.integration")))
        .as("this module's test classes are not imported")
        .isEmpty();
  }

  @Test
  void the_model_depends_on_no_client_transport_or_implementation() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.flowexec.sdk.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.flowexec.sdk", // the client, its retry policy and listener
                "dev.flowexec.sdk.transport..",
                "dev.flowexec.sdk.auth..",
                "dev.flowexec.sdk.retrofit..",
                "dev.flowexec.sdk.testing..",
                "dev.flowexec.sdk.examples..")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(THIRD_PARTY_HTTP)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "java.net.http..");
    rule.check(classes);
  }

  @Test
  void sdk_core_depends_on_no_retrofit_okhttp_moshi_or_okio() {
    noClasses()
        .that(IN_SDK_CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(THIRD_PARTY_HTTP)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.flowexec.sdk.retrofit..",
            "dev.flowexec.sdk.testing..",
            "dev.flowexec.sdk.examples..")
        .check(classes);
  }

  @Test
  void sdk_core_public_api_exposes_no_retrofit_okhttp_or_moshi_type() {
    classes()
        .that(IN_SDK_CORE)
        .and()
        .arePublic()
        .should(exposeNoTypeFrom(THIRD_PARTY_HTTP))
        .check(classes);
  }

  @Test
  void the_retrofit_public_package_is_only_the_transport_its_builder_and_the_codec() {
    classes()
        .that()
        .resideInAPackage("dev.flowexec.sdk.retrofit")
        .and()
        .arePublic()
        .should()
        .haveFullyQualifiedName("dev.flowexec.sdk.retrofit.RetrofitTransport")
        .orShould()
        .haveFullyQualifiedName("dev.flowexec.sdk.retrofit.RetrofitTransport$Builder")
        .orShould()
        .haveFullyQualifiedName("dev.flowexec.sdk.retrofit.FlowJsonCodec")
        .check(classes);
    classes()
        .that()
        .resideInAPackage("dev.flowexec.sdk.retrofit")
        .and()
        .arePublic()
        .should(exposeNoTypeFrom("com.squareup.moshi..", "retrofit2..", "okio.."))
        .check(classes);
  }

  @Test
  void the_examples_use_no_internal_package() {
    noClasses()
        .that()
        .resideInAPackage("dev.flowexec.sdk.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.flowexec.sdk..internal..")
        .check(classes);
  }

  /**
   * sdk-retrofit is one package: its implementation is package-private there, with no {@code
   * internal} package that other modules could reach. Fails if the module was not imported.
   */
  @Test
  void sdk_retrofit_is_one_package() {
    classes()
        .that(IN_SDK_RETROFIT)
        .should()
        .resideInAPackage("dev.flowexec.sdk.retrofit")
        .allowEmptyShould(false)
        .check(classes);
  }

  /** Fails if sdk-testing's {@code internal} package is gone, so that the rule cannot go dead. */
  @Test
  void sdk_testing_internal_is_used_only_within_sdk_testing() {
    classes()
        .that()
        .resideInAPackage("dev.flowexec.sdk.testing.internal..")
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAPackage("dev.flowexec.sdk.testing..")
        .allowEmptyShould(false)
        .check(classes);
  }

  /**
   * sdk-core has no package cycle at all, its {@code internal} package and the root package
   * included: nothing is ignored.
   */
  @Test
  void sdk_core_has_no_package_cycles() {
    JavaClasses core = classes.that(IN_SDK_CORE);
    assertThat(core.stream().map(JavaClass::getPackageName).distinct())
        .contains("dev.flowexec.sdk", "dev.flowexec.sdk.internal", "dev.flowexec.sdk.model");
    slices().matching("dev.flowexec.(**)").should().beFreeOfCycles().check(core);
  }

  /**
   * sdk-core's {@code internal} package holds only what several of its packages share, and depends
   * on none of them; no other module uses it.
   */
  @Test
  void sdk_core_internal_depends_on_no_other_sdk_package_and_no_other_module_uses_it() {
    noClasses()
        .that()
        .resideInAPackage("dev.flowexec.sdk.internal")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.flowexec.sdk..")
                .and(
                    DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("dev.flowexec.sdk.internal"))))
        .check(classes);
    noClasses()
        .that(DescribedPredicate.not(IN_SDK_CORE))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.flowexec.sdk.internal..")
        .check(classes);
  }

  /**
   * No cycle between the public packages of any module, sdk-core's included. Each module's {@code
   * internal} package is left out: it implements the public packages around it (sdk-core's model
   * runs its rules there, and its package-info files carry the internal Immutables style).
   */
  @Test
  void no_cycles_between_public_packages() {
    slices()
        .matching("dev.flowexec.sdk.(**)")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            JavaClass.Predicates.resideInAPackage("..internal.."), DescribedPredicate.alwaysTrue())
        .ignoreDependency(
            DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage("..internal.."))
        .check(classes);
  }

  /**
   * The modules depend on each other one way: core, then retrofit and testing, then examples. The
   * emulator shares nothing with the transport it tests; only sdk-testing's client wiring ({@code
   * emulator.newClient()}, behind an optional dependency) builds a RetrofitTransport.
   */
  @Test
  void modules_depend_one_way() {
    noClasses()
        .that(IN_SDK_RETROFIT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.flowexec.sdk.testing..", "dev.flowexec.sdk.examples..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.flowexec.sdk.testing..")
        .and()
        .resideOutsideOfPackage("dev.flowexec.sdk.testing.internal.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.flowexec.sdk.retrofit..", "dev.flowexec.sdk.examples..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(THIRD_PARTY_HTTP)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.flowexec.sdk.testing.internal.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(THIRD_PARTY_HTTP)
        .check(classes);
  }

  // ---------------------------------------------------------------- helpers

  private static DescribedPredicate<JavaClass> fromModule(String module) {
    return DescribedPredicate.describe(
        "are in the " + module + " module",
        c ->
            c.getSource()
                .map(s -> s.getUri().toString())
                .map(uri -> uri.contains("/" + module + "/") || uri.contains("/" + module + "-"))
                .orElse(false));
  }

  /**
   * No public or protected member of the class (field type, method return and parameter types,
   * thrown types, including generic type arguments) and no supertype is from {@code packages}.
   */
  private static ArchCondition<JavaClass> exposeNoTypeFrom(String... packages) {
    DescribedPredicate<JavaClass> forbidden =
        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(packages);
    return new ArchCondition<>("expose no type from " + String.join(", ", packages)) {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        List<String> exposed = new ArrayList<>();
        type.getAllRawInterfaces().stream()
            .filter(forbidden)
            .forEach(i -> exposed.add("implements " + i.getName()));
        type.getRawSuperclass()
            .filter(forbidden)
            .ifPresent(s -> exposed.add("extends " + s.getName()));
        for (JavaField field : type.getFields()) {
          if (visible(field.getModifiers())) {
            field.getType().getAllInvolvedRawTypes().stream()
                .filter(forbidden)
                .forEach(t -> exposed.add("field " + field.getName() + ": " + t.getName()));
          }
        }
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!visible(unit.getModifiers())) {
            continue;
          }
          unit.getReturnType().getAllInvolvedRawTypes().stream()
              .filter(forbidden)
              .forEach(t -> exposed.add(unit.getFullName() + " returns " + t.getName()));
          unit.getParameterTypes()
              .forEach(
                  p ->
                      p.getAllInvolvedRawTypes().stream()
                          .filter(forbidden)
                          .forEach(t -> exposed.add(unit.getFullName() + " takes " + t.getName())));
          unit.getThrowsClause().getTypes().stream()
              .filter(forbidden)
              .forEach(t -> exposed.add(unit.getFullName() + " throws " + t.getName()));
        }
        for (String what : exposed) {
          events.add(SimpleConditionEvent.violated(type, type.getName() + " exposes " + what));
        }
      }
    };
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }
}
