package io.github.wristbandjakarta.testkit;

import io.github.wristbandjakarta.emulator.EmulatorUser;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kit's emulator on a port of the test's choosing, for a server configured before the tests start. */
class WristbandTestKitTest {

    private static final String APP = "http://localhost:9080/myapp";

    /** A port free right now on the emulator's address. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aFixedPortGivesTheSameConfigurationEveryTime() throws IOException {
        int port = freePort();
        WristbandTestKit first = WristbandTestKit.forApplication(APP).withEmulatorPort(port);
        String config = first.configProperties();
        first.afterAll(null);

        WristbandTestKit second = WristbandTestKit.forApplication(APP).withEmulatorPort(port);
        try {
            assertEquals(port, second.emulator().port());
            assertEquals("http://localhost:" + port, second.config().get("wristband.application-vanity-domain"));
            assertEquals(config, second.configProperties(), "a server configured before the tests finds it again");
        } finally {
            second.afterAll(null);
        }
    }

    @Test
    void otherUsersKeepTheFixedPort() throws IOException {
        int port = freePort();
        EmulatorUser dana = new EmulatorUser("dana", "d4n4user2xq6ko3mzhwf7jpabc", "dana@acme.example", "acme",
                "ac3metenant7qzxk4wplh2dvga", List.of("app:demo:user"));
        WristbandTestKit kit = WristbandTestKit.forApplication(APP).withEmulatorPort(port).withUsers(List.of(dana));
        try {
            assertEquals(port, kit.emulator().port());
            assertEquals(List.of(dana), kit.emulator().users());
        } finally {
            kit.afterAll(null);
        }
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        WristbandTestKit kit = WristbandTestKit.forApplication(APP);
        try {
            assertThrows(IllegalArgumentException.class, () -> kit.withEmulatorPort(0));
            assertThrows(IllegalArgumentException.class, () -> kit.withEmulatorPort(65536));
        } finally {
            kit.afterAll(null);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WristbandTestKit kit = WristbandTestKit.forApplication(APP);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> kit.withEmulatorPort(taken.getLocalPort()));
            assertEquals("cannot start the Wristband emulator on port " + taken.getLocalPort(), e.getMessage());
        }
    }

    @Test
    void theDefaultIsAFreePortOfItsOwn() {
        WristbandTestKit one = WristbandTestKit.forApplication(APP);
        WristbandTestKit two = WristbandTestKit.forApplication(APP);
        try {
            assertEquals(WristbandEmulator.defaultUsers(), one.emulator().users());
            assertNotEquals(one.emulator().port(), two.emulator().port());
        } finally {
            one.afterAll(null);
            two.afterAll(null);
        }
    }
}
