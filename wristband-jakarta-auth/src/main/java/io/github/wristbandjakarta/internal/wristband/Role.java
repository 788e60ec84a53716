package io.github.wristbandjakarta.internal.wristband;

/** A Wristband role from userinfo's {@code roles} claim. */
public record Role(String id, String name, String displayName) {
}
