package io.github.wristbandjakarta;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
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
 * api → config, events → wristband → token → login → session → security → rest
 *                        wristband → telemetry   token → health
 * </pre>
 *
 * {@code api} is what an application names (docs/extension-points.md); it uses no other package of the library, and
 * everything else is {@code internal}. A package uses only packages before it on the line, never one after it:
 * {@code config} (settings) and {@code events} (firing what a host observes) use only the API; {@code login} comes
 * after {@code token} because the callback validates the ID token with the validator the refresh uses
 * (docs/protocol.md §4.3, §7.2). {@code telemetry} and {@code health} are outlets that nothing in the library uses: the
 * library's beans.xml leaves them out where the server lacks OpenTelemetry or MicroProfile Health, which is safe only
 * while no other class names them. Checked on the production classes only; the reference application's
 * ApiOnlyArchitectureTest checks that the demo, the test kit and the host-application tests use the API alone.
 */
@AnalyzeClasses(packages = "io.github.wristbandjakarta",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.OnlyTheLibrary.class})
class ArchitectureTest {

    /**
     * The library's own classes, where they were compiled: the test kit, on the unit tests' classpath for its
     * emulator, shares the package root but is not the library.
     */
    static final class OnlyTheLibrary implements ImportOption {
        private static final String LIBRARY = ArchitectureTest.class.getClassLoader()
                .getResource("io/github/wristbandjakarta/api/WristbandCallObserver.class").toString()
                .replace("io/github/wristbandjakarta/api/WristbandCallObserver.class", "");

        @Override
        public boolean includes(Location location) {
            return location.asURI().toString().startsWith(LIBRARY);
        }
    }

    private static final String ROOT = "io.github.wristbandjakarta.";
    private static final String INTERNAL = ROOT + "internal.";

    @ArchTest
    static final ArchRule eachPackageUsesOnlyPackagesBeforeItOnTheLine = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("api").definedBy(ROOT + "api..")
            .layer("config").definedBy(INTERNAL + "config..")
            .layer("events").definedBy(INTERNAL + "events..")
            .layer("wristband").definedBy(INTERNAL + "wristband..")
            .layer("token").definedBy(INTERNAL + "token..")
            .layer("login").definedBy(INTERNAL + "login..")
            .layer("session").definedBy(INTERNAL + "session..")
            .layer("security").definedBy(INTERNAL + "security..")
            .layer("rest").definedBy(INTERNAL + "rest..")
            .layer("telemetry").definedBy(INTERNAL + "telemetry..")
            .layer("health").definedBy(INTERNAL + "health..")

            .whereLayer("api").mayNotAccessAnyLayer()
            .whereLayer("config").mayOnlyAccessLayers("api")
            .whereLayer("events").mayOnlyAccessLayers("api")
            .whereLayer("wristband").mayOnlyAccessLayers("api", "config", "events")
            .whereLayer("token").mayOnlyAccessLayers("api", "config", "events", "wristband")
            .whereLayer("login").mayOnlyAccessLayers("api", "config", "events", "wristband", "token")
            .whereLayer("session").mayOnlyAccessLayers("api", "config", "events", "wristband", "token", "login")
            .whereLayer("security").mayOnlyAccessLayers("api", "config", "events", "wristband", "token", "login",
                    "session")
            .whereLayer("rest").mayOnlyAccessLayers("api", "config", "events", "wristband", "token", "login",
                    "session", "security")
            .whereLayer("telemetry").mayOnlyAccessLayers("api", "config", "events", "wristband")
            .whereLayer("health").mayOnlyAccessLayers("api", "config", "events", "wristband", "token")
            .whereLayer("telemetry").mayNotBeAccessedByAnyLayer()
            .whereLayer("health").mayNotBeAccessedByAnyLayer()
            .as("packages use only packages before them on the line api → config, events → wristband → token → login"
                    + " → session → security → rest (telemetry after wristband, health after token, neither used)")
            .because("data flows one way through the library's packages (docs/layout.md)");

    /** A new package would escape the rule above, which looks only at the packages it names. */
    @ArchTest
    static final ArchRule everyClassOfTheLibraryIsInAPackageOnTheLine = classes()
            .should().resideInAnyPackage(ROOT + "api..", INTERNAL + "config..", INTERNAL + "events..",
                    INTERNAL + "wristband..", INTERNAL + "token..", INTERNAL + "login..", INTERNAL + "session..",
                    INTERNAL + "security..", INTERNAL + "rest..", INTERNAL + "telemetry..", INTERNAL + "health..")
            .because("every package has its place on the line of docs/layout.md");

    @ArchTest
    static final ArchRule packagesDoNotDependOnEachOtherInACycle = slices()
            .matching(INTERNAL + "(*)..")
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
