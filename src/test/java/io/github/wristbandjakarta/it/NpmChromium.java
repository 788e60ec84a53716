package io.github.wristbandjakarta.it;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.brotli.dec.BrotliInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A headless Chromium for the browser test that the build fetches like any other dependency, from a registry this
 * project's machines reach: the npm package {@code @sparticuz/chromium}, a self-contained Linux x64 Chromium (its own
 * NSS libraries beside it, nothing from the system but the C library). The package is pinned by version and by the
 * registry's SHA-512 integrity value, checked before anything of it is unpacked; a download that differs is refused.
 *
 * <p>The verified package is kept in {@code ~/.cache/wristband-jakarta-auth} (a later build, even after {@code mvn
 * clean}, downloads nothing) and unpacked into the build directory: the browser ({@code chromium.br}, Brotli) and its
 * libraries ({@code al2023.tar.br}). Its fonts and software GL are left out: the test reads pages, it draws none.
 */
final class NpmChromium {

    static final String VERSION = "153.0.0";
    private static final URI TARBALL =
            URI.create("https://registry.npmjs.org/@sparticuz/chromium/-/chromium-" + VERSION + ".tgz");
    /** The registry's {@code dist.integrity} of that version. */
    private static final String INTEGRITY =
            "sha512-jiGWqSvPMdu4+P9TilYqAR7yEGPEHINx+lCvE/NqNO/EHYzF/x1hUiI5T6ioVIt7dEy7n88byyT0vk+dnsgQwA==";

    /** Where the browser is and the environment it runs in. */
    record Install(Path executable, Map<String, String> environment) {
    }

    private NpmChromium() {
    }

    /** The browser unpacked under {@code into}, downloaded first if the cache does not hold the package. */
    static Install install(Path into) {
        try {
            Path unpacked = into.resolve(VERSION);
            Path executable = unpacked.resolve("chromium");
            Path lib = unpacked.resolve("lib");
            Path complete = unpacked.resolve(".complete");
            if (!Files.exists(complete)) {
                unpack(cachedPackage(), unpacked);
                Files.writeString(complete, INTEGRITY);
            }
            return new Install(executable, Map.of("LD_LIBRARY_PATH", lib.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("The browser test's Chromium (npm @sparticuz/chromium@" + VERSION + " from "
                    + TARBALL + ") could not be installed: " + e.getMessage(), e);
        }
    }

    private static Path cachedPackage() throws IOException {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "wristband-jakarta-auth");
        Path tarball = cache.resolve("sparticuz-chromium-" + VERSION + ".tgz");
        if (Files.exists(tarball) && INTEGRITY.equals(integrityOf(tarball))) {
            return tarball;
        }
        Files.createDirectories(cache);
        Path part = Files.createTempFile(cache, "sparticuz-chromium-" + VERSION, ".part");
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(TARBALL).timeout(Duration.ofMinutes(10))
                    .build(), HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                throw new IOException("the npm registry answered " + response.statusCode());
            }
            String actual = integrityOf(part);
            if (!INTEGRITY.equals(actual)) {
                throw new IOException("the download's integrity is " + actual + ", not the pinned " + INTEGRITY);
            }
            Files.move(part, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return tarball;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading", e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String integrityOf(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-512"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha512-" + Base64.getEncoder().encodeToString(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private static void unpack(Path tarball, Path folder) throws IOException {
        Path into = folder.toAbsolutePath().normalize();
        Files.createDirectories(into);
        try (TarArchiveInputStream npm = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry entry = npm.getNextEntry(); entry != null; entry = npm.getNextEntry()) {
                switch (entry.getName()) {
                    case "package/bin/chromium.br" -> {
                        Path executable = into.resolve("chromium");
                        Files.copy(new BrotliInputStream(npm), executable, StandardCopyOption.REPLACE_EXISTING);
                        if (!executable.toFile().setExecutable(true)) {
                            throw new IOException("cannot make " + executable + " executable");
                        }
                    }
                    case "package/bin/al2023.tar.br" -> untar(new BrotliInputStream(npm), into);
                    default -> {
                        // the package's JavaScript, fonts and software GL: not needed here
                    }
                }
            }
        }
    }

    /** Regular files of a tar stream under {@code into}; an entry that would land outside it is refused. */
    private static void untar(InputStream stream, Path into) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(stream, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            Path target = into.resolve(entry.getName()).normalize();
            if (!target.startsWith(into)) {
                throw new IOException("the package holds an entry outside its folder: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isFile()) {
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
