package io.github.wristbandjakarta.internal.rest;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthServletOriginTest {

    /** A request as the server read its scheme, Host name and port. */
    private static HttpServletRequest request(String scheme, String serverName, int port) {
        return (HttpServletRequest) Proxy.newProxyInstance(AuthServletOriginTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getScheme" -> scheme;
                    case "getServerName" -> serverName;
                    case "getServerPort" -> port;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theOriginOmitsTheSchemesDefaultPort() {
        assertEquals(URI.create("https://app.example"), AuthServlet.origin(request("https", "app.example", 443)));
        assertEquals(URI.create("http://localhost:8280"), AuthServlet.origin(request("http", "localhost", 8280)));
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertEquals(URI.create("http://[::1]:9080"), AuthServlet.origin(request("http", "::1", 9080)));
    }

    @Test
    void aHostThatIsNoValidHostIsTheClientsError() {
        assertThrows(AuthServlet.InvalidHost.class, () -> AuthServlet.origin(request("http", "a b", 8280)));
    }
}
