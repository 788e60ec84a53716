package io.github.wristbandjakarta.emulator;

/**
 * One call of the emulated logout endpoint.
 *
 * @param host        the Host header the browser sent (e.g. {@code devs4you-localhost:9099})
 * @param clientId    the {@code client_id} parameter, or null
 * @param redirectUrl the {@code redirect_url} parameter, or null
 * @param state       the {@code state} parameter, or null
 */
public record LogoutCall(String host, String clientId, String redirectUrl, String state) {
}
