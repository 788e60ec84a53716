package io.github.wristbandjakarta;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's packages read in the order data flows through them (docs/layout.md):
 *
 * <pre>
 * config, events → wristband → token → login → session → security → rest
 *                  wristband → telemetry   token → health
 * </pre>
 *
 * A package uses only packages before it on the line, never one after it: {@code config} (settings) and
 * {@code events} (what a host observes) use no other package of the library; {@code login} comes after {@code token}
 * because the callback validates the ID token with the validator the refresh uses (docs/protocol.md §4.3, §7.2). {@code telemetry} and
 * {@code health} are outlets that nothing in the library uses: the library's beans.xml leaves them out where the server
 * lacks OpenTelemetry or MicroProfile Health, which is safe only while no other class names them. Checked on the
 * production classes only.
 */
@AnalyzeClasses(packages = "io.github.wristbandjakarta", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.github.wristbandjakarta.";

    @ArchTest
    static final ArchRule eachPackageUsesOnlyPackagesBeforeItOnTheLine = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("config").definedBy(ROOT + "config..")
            .layer("events").definedBy(ROOT + "events..")
            .layer("wristband").definedBy(ROOT + "wristband..")
            .layer("login").definedBy(ROOT + "login..")
            .layer("token").definedBy(ROOT + "token..")
            .layer("session").definedBy(ROOT + "session..")
            .layer("security").definedBy(ROOT + "security..")
            .layer("rest").definedBy(ROOT + "rest..")
            .layer("telemetry").definedBy(ROOT + "telemetry..")
            .layer("health").definedBy(ROOT + "health..")

            .whereLayer("config").mayNotAccessAnyLayer()
            .whereLayer("events").mayNotAccessAnyLayer()
            .whereLayer("wristband").mayOnlyAccessLayers("config", "events")
            .whereLayer("token").mayOnlyAccessLayers("config", "events", "wristband")
            .whereLayer("login").mayOnlyAccessLayers("config", "events", "wristband", "token")
            .whereLayer("session").mayOnlyAccessLayers("config", "events", "wristband", "login", "token")
            .whereLayer("security").mayOnlyAccessLayers("config", "events", "wristband", "login", "token",
                    "session")
            .whereLayer("rest").mayOnlyAccessLayers("config", "events", "wristband", "login", "token", "session",
                    "security")
            .whereLayer("telemetry").mayOnlyAccessLayers("config", "events", "wristband")
            .whereLayer("health").mayOnlyAccessLayers("config", "events", "wristband", "token")
            .whereLayer("telemetry").mayNotBeAccessedByAnyLayer()
            .whereLayer("health").mayNotBeAccessedByAnyLayer()
            .as("packages use only packages before them on the line config, events → wristband → token → login → "
                    + "session → security → rest (telemetry after wristband, health after token, neither used)")
            .because("data flows one way through the library's packages (docs/layout.md)");

    /** A new package would escape the rule above, which looks only at the packages it names. */
    @ArchTest
    static final ArchRule everyClassOfTheLibraryIsInAPackageOnTheLine = classes()
            .should().resideInAnyPackage(ROOT + "config..", ROOT + "events..", ROOT + "wristband..",
                    ROOT + "login..", ROOT + "token..", ROOT + "session..", ROOT + "security..", ROOT + "rest..",
                    ROOT + "telemetry..", ROOT + "health..")
            .because("each package of the library has its place in ArchitectureTest's layering");

    @ArchTest
    static final ArchRule packagesDoNotDependOnEachOtherInACycle = slices()
            .matching(ROOT + "(*)..")
            .should().beFreeOfCycles();

    /**
     * The test kit (emulator, testkit) is a test-scope jar of its own and the demo is the reference application built
     * on the library: the library ships without either (docs/layout.md).
     */
    @ArchTest
    static final ArchRule theLibraryDoesNotDependOnTheTestKitOrTheDemo = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + "emulator..", ROOT + "testkit..",
                    ROOT + "demo..")
            .because("the test kit and the demo are built on the library, not the other way round");
}
