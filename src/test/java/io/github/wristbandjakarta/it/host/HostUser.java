package io.github.wristbandjakarta.it.host;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

/** The host's JSF page's view of the caller, through the standard SecurityContext. */
@Named
@RequestScoped
public class HostUser {

    @Inject
    SecurityContext securityContext;

    public String getName() {
        return securityContext.getCallerPrincipal() == null ? "" : securityContext.getCallerPrincipal().getName();
    }

    private boolean saved;

    /** The page's form action: a JSF post from the host's own page. */
    public String save() {
        saved = true;
        return null;
    }

    public boolean isSaved() {
        return saved;
    }
}
