package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import org.junit.jupiter.api.Test;

import javax.security.auth.Subject;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys of the container's login: equal for the same caller, different for anything the container is told. */
class ContainerLoginKeysTest {

    private final ContainerLoginKeys keys = new ContainerLoginKeys(new SecureRandom());

    private static WristbandPrincipal principal(String userId, String tenantId, String tenantName, String idp,
                                                String email, List<String> roles) {
        return new WristbandPrincipal(userId, tenantId, tenantName, idp, email, roles);
    }

    private static WristbandPrincipal alice() {
        return principal("user-1", "tenant-1", "devs4you", "wristband", "alice@example.com",
                List.of("app:demo:admin", "app:demo:user"));
    }

    @Test
    void theSameCallerHasTheSameKey() {
        assertEquals(keys.of(alice(), Set.of("admin", "user")), keys.of(alice(), Set.of("user", "admin")));
    }

    @Test
    void theGroupsInAnotherOrderAreTheSameCaller() {
        Set<String> one = new LinkedHashSet<>(List.of("admin", "user"));
        Set<String> other = new LinkedHashSet<>(List.of("user", "admin"));
        assertEquals(keys.of(alice(), one), keys.of(alice(), other));
    }

    @Test
    void everyFieldTheContainerIsToldChangesTheKey() {
        Set<String> groups = Set.of("admin");
        String key = keys.of(alice(), groups);
        List<WristbandPrincipal> others = List.of(
                principal("user-2", "tenant-1", "devs4you", "wristband", "alice@example.com", alice().getRoles()),
                principal("user-1", "tenant-2", "devs4you", "wristband", "alice@example.com", alice().getRoles()),
                principal("user-1", "tenant-1", "acme", "wristband", "alice@example.com", alice().getRoles()),
                principal("user-1", "tenant-1", "devs4you", "google", "alice@example.com", alice().getRoles()),
                principal("user-1", "tenant-1", "devs4you", "wristband", "alice@other.example", alice().getRoles()),
                principal("user-1", "tenant-1", "devs4you", "wristband", null, alice().getRoles()),
                principal("user-1", "tenant-1", "devs4you", "wristband", "alice@example.com",
                        List.of("app:demo:user")));
        Set<String> distinct = new HashSet<>();
        distinct.add(key);
        others.forEach(other -> distinct.add(keys.of(other, groups)));
        assertEquals(others.size() + 1, distinct.size(), "each change gives its own key");
        assertNotEquals(key, keys.of(alice(), Set.of("admin", "user")), "the groups are part of the key");
    }

    @Test
    void fieldsThatConcatenateAlikeHaveDifferentKeys() {
        WristbandPrincipal one = principal("ab", "c", null, null, null, List.of());
        WristbandPrincipal other = principal("a", "bc", null, null, null, List.of());
        assertNotEquals(keys.of(one, Set.of()), keys.of(other, Set.of()));
        WristbandPrincipal emptyEmail = principal("a", "b", null, null, "", List.of());
        WristbandPrincipal noEmail = principal("a", "b", null, null, null, List.of());
        assertNotEquals(keys.of(emptyEmail, Set.of()), keys.of(noEmail, Set.of()));
    }

    @Test
    void anotherDeploymentHasOtherKeysForTheSameCaller() {
        ContainerLoginKeys redeployed = new ContainerLoginKeys(new SecureRandom());
        assertNotEquals(keys.of(alice(), Set.of("admin")), redeployed.of(alice(), Set.of("admin")));
        assertNotEquals(keys.ofBearer("token"), redeployed.ofBearer("token"));
    }

    @Test
    void aBearerTokensKeyIsItsTokensAlone() {
        assertEquals(keys.ofBearer("token-1"), keys.ofBearer("token-1"));
        assertNotEquals(keys.ofBearer("token-1"), keys.ofBearer("token-2"));
    }

    @Test
    void theKeyShowsNothingOfTheCaller() {
        String key = keys.of(alice(), Set.of("admin"));
        assertTrue(key.matches("wristband-jakarta-auth:[A-Za-z0-9_-]{43}"), key);
        assertTrue(keys.ofBearer("secret-token").matches("wristband-jakarta-auth:[A-Za-z0-9_-]{43}"));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void attachPutsTheKeyInAHashtableOfTheClientSubjectsPrivateCredentials() {
        Subject subject = new Subject();

        ContainerLoginKeys.attach(context(subject), "the-key");

        Set<Hashtable> credentials = subject.getPrivateCredentials(Hashtable.class);
        assertEquals(1, credentials.size());
        assertEquals(Map.of(ContainerLoginKeys.CACHE_KEY, "the-key"), credentials.iterator().next());
        assertTrue(subject.getPrincipals().isEmpty(), "the caller itself comes with the container's callbacks");
    }

    @Test
    void attachWithoutAClientSubjectDoesNothing() {
        ContainerLoginKeys.attach(context(null), "the-key");
    }

    private static HttpMessageContext context(Subject subject) {
        return (HttpMessageContext) Proxy.newProxyInstance(ContainerLoginKeysTest.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getClientSubject")) {
                        return subject;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
