package io.github.wristbandjakarta.it;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What an application of the library may name is its API, {@code io.github.wristbandjakarta.api}
 * (docs/extension-points.md); everything under {@code io.github.wristbandjakarta.internal} may change in any release.
 * The reference application (the demo) and the host applications of the integration tests are built as a team's own
 * code is, so neither may use an internal class. (The test kit's build does not depend on the library at all.) The
 * library's own ArchitectureTest checks its packages' order.
 */
@AnalyzeClasses(packages = "io.github.wristbandjakarta", importOptions = ImportOption.DoNotIncludeJars.class)
class ApiOnlyArchitectureTest {

    private static final String INTERNAL = "io.github.wristbandjakarta.internal..";

    @ArchTest
    static final ArchRule theDemoUsesOnlyTheApi = noClasses()
            .that().resideInAPackage("io.github.wristbandjakarta.demo..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL)
            .because("the demo is the library's first user, and a user names the API alone");

    @ArchTest
    static final ArchRule theHostApplicationsOfTheTestsUseOnlyTheApi = noClasses()
            .that().resideInAPackage("io.github.wristbandjakarta.it.host..")
            // the EE 11 hosts (src/test-ee11, profile ee11), their handler included
            .or().resideInAPackage("io.github.wristbandjakarta.it.ee11..")
            .or(JavaClass.Predicates.simpleName("HostApplicationIT"))
            .or(JavaClass.Predicates.simpleName("HostApplicationRootsIT"))
            .should().dependOnClassesThat().resideInAPackage(INTERNAL)
            .because("a host application is a team's own WAR, which names the API alone");
}
