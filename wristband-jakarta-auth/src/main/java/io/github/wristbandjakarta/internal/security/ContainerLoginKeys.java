package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Subject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key under which Open Liberty may keep the container's identity of a caller, so that a signed-in user's requests
 * do not each pay the container's full login (docs/deploying-liberty.md, "The container's login").
 *
 * <p>On Liberty, {@code notifyContainerAboutLogin} becomes a JAAS login from a {@code Hashtable} of credentials in the
 * client subject. When that Hashtable holds {@code com.ibm.wsspi.security.cred.cacheKey} (Liberty's SPI constant
 * {@code AttributeNameConstants.WSCREDENTIAL_CACHE_KEY}) and the server's authentication cache is on, Liberty first
 * looks the key up and, on a hit, uses the Subject it made before instead of logging in again. The mechanism still
 * runs on every request and decides first: a request without a live sign-in supplies no key, so an entry left behind
 * by a logout, a failed refresh or a session ended elsewhere can no longer be reached.
 *
 * <p>So a key must change whenever what the container is told changes: it is an HMAC of everything the caller is made
 * of (the principal's fields and the groups; for a bearer token, the token itself, from which its claims come). The
 * HMAC key is drawn at random when the application starts: Liberty's cache is shared by every application of the
 * server and outlives a redeployment, so nobody else can compute or collide with these keys, and a redeployment
 * starts afresh. The keys live only in the node's memory: never in a cookie or in the replicated session.
 *
 * <p>Other servers ignore the Hashtable. WildFly's Jakarta Authentication reads no private credential of the client
 * subject and makes its identity without a login module; there the mechanism, called through the library's own
 * context, makes no key at all.
 */
final class ContainerLoginKeys {

    /** Liberty's {@code AttributeNameConstants.WSCREDENTIAL_CACHE_KEY}. */
    static final String CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String PREFIX = "wristband-jakarta-auth:";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Mac prototype;

    ContainerLoginKeys(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            prototype = Mac.getInstance(HMAC_SHA256);
            prototype.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    /** The key of a caller signed in through the session: its principal's fields and its groups. */
    String of(WristbandPrincipal principal, Set<String> groups) {
        Mac mac = mac();
        update(mac, "session");
        update(mac, principal.getUserId());
        update(mac, principal.getTenantId());
        update(mac, principal.getTenantName());
        update(mac, principal.getIdentityProviderName());
        update(mac, principal.getEmail());
        update(mac, principal.getRoles());
        // Sorted: the same groups in another order are the same caller.
        update(mac, List.copyOf(new TreeSet<>(groups)));
        return PREFIX + BASE64URL.encodeToString(mac.doFinal());
    }

    /** The key of a bearer caller: the validated token, which is all its principal is made of. */
    String ofBearer(String token) {
        Mac mac = mac();
        update(mac, "bearer");
        update(mac, token);
        return PREFIX + BASE64URL.encodeToString(mac.doFinal());
    }

    /**
     * Hands the key to the container with the callbacks {@code notifyContainerAboutLogin} is about to send: Liberty's
     * callback handler fills the first Hashtable it finds among the client subject's private credentials.
     */
    static void attach(HttpMessageContext context, String key) {
        Subject subject = context.getClientSubject();
        if (subject != null) {
            Hashtable<String, Object> credentials = new Hashtable<>();
            credentials.put(CACHE_KEY, key);
            subject.getPrivateCredentials().add(credentials);
        }
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's HmacSHA256 cannot be cloned", e);
        }
    }

    /** Length-prefixed, so that no two different field lists feed the HMAC the same bytes; null differs from "". */
    private static void update(Mac mac, String value) {
        if (value == null) {
            mac.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static void update(Mac mac, List<String> values) {
        mac.update(ByteBuffer.allocate(4).putInt(values.size()).array());
        for (String value : values) {
            update(mac, value);
        }
    }
}
