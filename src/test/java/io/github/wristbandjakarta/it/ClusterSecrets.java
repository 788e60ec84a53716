package io.github.wristbandjakarta.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * What a WildFly cluster's operator provides per deployment (server-config/wildfly/cluster.cli): one AES key in a
 * PKCS12 key store made with the JDK's keytool, its password, and AUTH's shared secret, all new for each test cluster.
 */
record ClusterSecrets(Path keyStore, String encryptPassword, String clusterSecret) {

    static ClusterSecrets generate(Path dir) {
        SecureRandom random = new SecureRandom();
        String password = randomText(random);
        Path keyStore = dir.resolve("jgroups.p12");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(keyStore);
            ProcessBuilder keytool = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genseckey", "-alias", "jgroups", "-keyalg", "AES", "-keysize", "256", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass:env", "JGROUPS_ENCRYPT_PASSWORD")
                    .redirectErrorStream(true);
            keytool.environment().put("JGROUPS_ENCRYPT_PASSWORD", password);
            Process process = keytool.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new ClusterSecrets(keyStore, password, randomText(random));
    }

    private static String randomText(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ClusterSecrets[" + keyStore + "]";
    }
}
