package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the built WAR may and may not contain. */
class ProductionWarIT {

    private static List<String> entries() throws IOException {
        File war = new File(System.getProperty("wristband.war", "target/wristband-jakarta-auth.war"));
        try (ZipFile zip = new ZipFile(war)) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void theEmulatorNeverShipsInTheWar() throws IOException {
        assertTrue(entries().stream().noneMatch(name -> name.contains("/emulator/") || name.contains("Emulator")),
                entries().toString());
    }

    @Test
    void theLibraryJarWithJose4jAndItsLoggingFacadeAreTheOnlyBundledLibraries() throws IOException {
        List<String> libraries = entries().stream()
                .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")).sorted().toList();
        assertEquals(4, libraries.size(), libraries.toString());
        assertTrue(libraries.get(0).startsWith("WEB-INF/lib/jose4j-"), libraries.toString());
        assertTrue(libraries.get(1).startsWith("WEB-INF/lib/slf4j-api-"), libraries.toString());
        assertTrue(libraries.get(2).startsWith("WEB-INF/lib/slf4j-jdk14-"), libraries.toString());
        assertTrue(libraries.get(3).startsWith("WEB-INF/lib/wristband-jakarta-auth-"), libraries.toString());
    }

    @Test
    void theReferenceApplicationHoldsNoLibraryClassOfItsOwn() throws IOException {
        // Built on the library jar exactly as a host's WAR is: WEB-INF/classes holds the demo package only.
        List<String> classes = entries().stream()
                .filter(name -> name.startsWith("WEB-INF/classes/") && name.endsWith(".class")).toList();
        assertTrue(!classes.isEmpty() && classes.stream()
                .allMatch(name -> name.startsWith("WEB-INF/classes/io/github/wristbandjakarta/demo/")), classes.toString());
    }

    @Test
    void theWarCarriesNoWristbandConfigurationOfItsOwn() throws IOException {
        assertTrue(entries().stream().noneMatch(name -> name.endsWith("microprofile-config.properties")),
                "configuration comes from the server, never baked into the production WAR");
    }

    @Test
    void noTestCodeShipsInTheWar() throws IOException {
        assertTrue(entries().stream().noneMatch(name -> name.contains("/it/") || name.endsWith("Test.class")
                || name.endsWith("IT.class")), entries().toString());
    }
}
