package io.github.wristbandjakarta.internal.session;

import com.ibm.websphere.servlet.session.IBMSession;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing a session's changes before the response, where the container offers it (Open Liberty's IBMSession). */
class SessionFlushTest {

    private final List<String> calls = new ArrayList<>();

    private HttpSession session(Class<?>... types) {
        return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), types, (proxy, method, args) -> {
            calls.add(method.getName());
            return null;
        });
    }

    @Test
    void aSessionThatOffersSyncIsWrittenAtOnce() {
        assertTrue(new SessionFlush().flush(session(IBMSession.class)), "written");
        assertEquals(List.of("sync"), calls);
    }

    @Test
    void aPlainSessionIsLeftAsItIs() {
        assertFalse(new SessionFlush().flush(session(HttpSession.class)), "left to the end of the request");
        assertEquals(List.of(), calls);
    }
}
