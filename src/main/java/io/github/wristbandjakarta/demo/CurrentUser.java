package io.github.wristbandjakarta.demo;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

import java.util.Optional;

/** The demo pages' view of the signed-in user, through the standard Jakarta Security API. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext securityContext;

    public Optional<WristbandPrincipal> principal() {
        return securityContext.getPrincipalsByType(WristbandPrincipal.class).stream().findFirst();
    }

    /**
     * Whether a Wristband user is the caller of this request. Also on public pages such as the home page: with a
     * signed-in session the library makes its user the caller of every request, constrained or not.
     */
    public boolean isSignedIn() {
        return principal().isPresent();
    }

    /** Who the user is, for a page: the email when Wristband gave one, else the user id. */
    public String getName() {
        return principal().map(p -> p.getEmail() == null || p.getEmail().isBlank() ? p.getUserId() : p.getEmail())
                .orElse("");
    }

    public String getUserId() {
        return principal().map(WristbandPrincipal::getUserId).orElse("");
    }

    public String getEmail() {
        return principal().map(WristbandPrincipal::getEmail).orElse("");
    }

    public String getTenantName() {
        return principal().map(WristbandPrincipal::getTenantName).orElse("");
    }

    public String getRoles() {
        return principal().map(p -> String.join(", ", p.getRoles())).orElse("");
    }

    public boolean isAdmin() {
        return securityContext.isCallerInRole("admin");
    }
}
