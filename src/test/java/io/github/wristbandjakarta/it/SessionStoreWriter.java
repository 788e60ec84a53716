package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.internal.session.SealedSession;
import io.github.wristbandjakarta.internal.session.SessionSeal;
import io.github.wristbandjakarta.internal.session.SessionStore;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.TokenSet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Test-only servlet (SealedSessionIT): does to the session attribute what a cluster member or anybody with write
 * access to the session store could do, inside the real container. {@code what}:
 * <ul>
 *   <li>{@code alter}: one bit of the stored value flipped (its last byte, the end of the GCM tag);</li>
 *   <li>{@code forge}: a sign-in of a user and role of its choosing, sealed under a secret of its own;</li>
 *   <li>{@code older}: the current sign-in sealed again under the second configured secret (a rotation);</li>
 *   <li>{@code serialized}: answers the attribute as the container serializes it, Base64.</li>
 * </ul>
 */
@WebServlet("/it/session-store")
public class SessionStoreWriter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String FORGED_USER = "mallory-forged-user";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SessionStore.ATTRIBUTE) instanceof SealedSession sealed)) {
            response.sendError(HttpServletResponse.SC_CONFLICT);
            return;
        }
        switch (String.valueOf(request.getParameter("what"))) {
            case "alter" -> {
                byte[] bytes = serialize(sealed);
                bytes[bytes.length - 1] ^= 0x01;
                session.setAttribute(SessionStore.ATTRIBUTE, deserialize(bytes));
            }
            case "forge" -> session.setAttribute(SessionStore.ATTRIBUTE,
                    new SessionSeal(List.of("a cluster member's own secret, 32+ characters"), new SecureRandom())
                            .seal(new WristbandSession(FORGED_USER, "any-tenant", "devs4you", null, "wristband", null,
                                    List.of("app:demo:admin"), new TokenSet("at", "rt", Instant.now().plusSeconds(600)),
                                    "0".repeat(32), Instant.now())));
            case "older" -> {
                List<String> secrets = Arrays.asList(ConfigProvider.getConfig()
                        .getValue("wristband.session.secrets", String[].class));
                WristbandSession signedIn = new SessionSeal(secrets, new SecureRandom()).open(sealed).orElseThrow();
                session.setAttribute(SessionStore.ATTRIBUTE,
                        new SessionSeal(secrets.subList(1, 2), new SecureRandom()).seal(signedIn));
            }
            case "serialized" -> {
                response.setContentType("text/plain");
                response.getWriter().write(Base64.getEncoder().encodeToString(serialize(sealed)));
                return;
            }
            default -> {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }
}
