package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The EE 11 Liberty configuration (server-config/liberty-ee11/server.xml, tested by ./mvnw verify -Pee11) is the EE 10
 * one (server-config/liberty/server.xml) with other feature versions: a whole copy, because Liberty merges the feature
 * lists of all its files, so that a change to one must be made to the other.
 */
class LibertyEe11ConfigurationTest {

    private static final Pattern FEATURES = Pattern.compile("<featureManager>.*</featureManager>", Pattern.DOTALL);
    private static final Pattern FEATURE = Pattern.compile("<feature>([^<]+)-[0-9.]+</feature>");

    private static String read(String file) throws IOException {
        String xml = Files.readString(Path.of(file));
        // from the <server> element on: the files' leading comments say which they are
        return xml.substring(xml.indexOf("<server "));
    }

    private static List<String> featureNames(String xml) {
        Matcher features = FEATURES.matcher(xml);
        features.find();
        return FEATURE.matcher(features.group()).results().map(feature -> feature.group(1)).toList();
    }

    @Test
    void theEe11ConfigurationIsTheEe10OneOutsideItsFeatures() throws IOException {
        String ee10 = read("server-config/liberty/server.xml");
        String ee11 = read("server-config/liberty-ee11/server.xml");

        assertEquals(FEATURES.matcher(ee10).replaceFirst(""), FEATURES.matcher(ee11).replaceFirst(""));
    }

    @Test
    void theEe11ConfigurationHasTheEe10OnesFeaturesInOtherVersions() throws IOException {
        assertEquals(featureNames(read("server-config/liberty/server.xml")),
                featureNames(read("server-config/liberty-ee11/server.xml")));
    }
}
