package org.glassfish.soteria;

/**
 * Stands in, in WildFlyRegistrationTest, for the class of Eclipse Soteria's default handler bean: what the library
 * reads of it is its package.
 */
public final class DefaultHandlerStandIn {
    private DefaultHandlerStandIn() {
    }
}
