/**
 * The public API of wristband-jakarta-auth: the types a Jakarta EE application names to read, decide, observe or call
 * what the library does for Wristband's "Backend Server" login (docs/extension-points.md). The library works without
 * any of them; an application names them only where it wants more than the configuration gives.
 *
 * <ul>
 *   <li>Read the caller: {@link io.github.wristbandjakarta.api.WristbandPrincipal}, and its access token for calls to
 *       other APIs, {@link io.github.wristbandjakarta.api.WristbandAccessToken} and
 *       {@link io.github.wristbandjakarta.api.WristbandBearerFilter}.</li>
 *   <li>Decide per request, by providing a CDI bean:
 *       {@link io.github.wristbandjakarta.api.WristbandAuthOptions} (with
 *       {@link io.github.wristbandjakarta.api.LoginOptions}) for logins and logouts,
 *       {@link io.github.wristbandjakarta.api.SessionMetadata} for the Session Endpoint's answer,
 *       {@link io.github.wristbandjakarta.api.UnauthenticatedRequests} for 401 or the login redirect.</li>
 *   <li>Observe: {@link io.github.wristbandjakarta.api.WristbandEvent} (CDI events of sign-ins, sign-outs, refreshes
 *       and refusals) and {@link io.github.wristbandjakarta.api.WristbandCallObserver} (calls to Wristband).</li>
 *   <li>{@link io.github.wristbandjakarta.api.Wristband}, the qualifier of the library's own beans of common
 *       types.</li>
 * </ul>
 *
 * <p>Only this package is the API. Everything under {@code io.github.wristbandjakarta.internal} is the library's own
 * and may change in any release, without notice: an application that names it may break on an upgrade.
 */
package io.github.wristbandjakarta.api;
