package io.github.wristbandjakarta.it.host;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import javax.security.auth.Subject;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * A host application's resources: a public one, protected ones ({@code @RolesAllowed}, and {@code team} behind a
 * {@code web.xml} constraint), one that fails, ones that use the host's own Clock and Jsonb, one that asks
 * {@code SecurityContext} to authenticate.
 */
@Path("/")
@RequestScoped
public class HostResource {

    @Inject
    SecurityContext securityContext;

    @Inject
    Clock clock;

    @Inject
    Jsonb jsonb;

    @GET
    @Path("hello")
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        return "hello from the host";
    }

    @GET
    @Path("me")
    @RolesAllowed("user")
    @Produces(MediaType.TEXT_PLAIN)
    public String me() {
        WristbandPrincipal principal = securityContext.getPrincipalsByType(WristbandPrincipal.class).stream()
                .findFirst().orElseThrow();
        return principal.getUserId() + " " + principal.getTenantName() + " " + securityContext.isCallerInRole("admin");
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("the host's own failure");
    }

    @GET
    @Path("clock")
    @Produces(MediaType.TEXT_PLAIN)
    public String clock() {
        return clock.instant().toString();
    }

    @GET
    @Path("team")
    @Produces(MediaType.TEXT_PLAIN)
    public String team() {
        return "the team page of " + securityContext.getCallerPrincipal().getName();
    }

    @GET
    @Path("json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json() {
        return jsonb.toJson(Map.of("producer", "host"));
    }

    @POST
    @Path("notes")
    @RolesAllowed("user")
    @Produces(MediaType.TEXT_PLAIN)
    public String note() {
        return "noted by " + securityContext.getCallerPrincipal().getName();
    }

    /** What {@code SecurityContext#authenticate} answers the host (Jakarta Security 3.0: the mechanism's status). */
    @GET
    @Path("authenticate")
    @Produces(MediaType.TEXT_PLAIN)
    public String authenticate(@Context HttpServletRequest request, @Context HttpServletResponse response) {
        return securityContext.authenticate(request, response, AuthenticationParameters.withParams()).name();
    }

    /** The class of the Jakarta Authentication provider the container calls for this application. */
    @GET
    @Path("provider")
    @Produces(MediaType.TEXT_PLAIN)
    public String provider(@Context HttpServletRequest request) {
        String appContext = request.getServletContext().getVirtualServerName() + " " + request.getContextPath();
        return AuthConfigFactory.getFactory().getConfigProvider("HttpServlet", appContext, null).getClass().getName();
    }

    /**
     * On Open Liberty, which container login this request runs on: the {@code WSCredential} of its caller Subject
     * ({@code WSSubject.getCallerSubject()}, Liberty's API, read by reflection so that the class deploys on any server),
     * made once per JAAS login. Equal for two requests when Liberty found the caller's identity in its authentication
     * cache. (The credential, not the Subject: from 26.0.0.4 on, Liberty's cache hands out a new Subject holding the
     * cached principals and credentials on every hit.) "none" on other servers.
     */
    @GET
    @Path("caller-subject")
    @RolesAllowed("user")
    @Produces(MediaType.TEXT_PLAIN)
    public String callerSubject() throws ReflectiveOperationException {
        Class<?> wsSubject;
        Class<?> wsCredential;
        try {
            wsSubject = Class.forName("com.ibm.websphere.security.auth.WSSubject");
            wsCredential = Class.forName("com.ibm.websphere.security.cred.WSCredential");
        } catch (ClassNotFoundException e) {
            return "none";
        }
        Subject subject = (Subject) wsSubject.getMethod("getCallerSubject").invoke(null);
        if (subject == null) {
            return "null";
        }
        Set<?> credentials = subject.getPublicCredentials(wsCredential);
        return credentials.size() == 1
                ? Integer.toHexString(System.identityHashCode(credentials.iterator().next()))
                : "credentials: " + credentials.size();
    }
}
