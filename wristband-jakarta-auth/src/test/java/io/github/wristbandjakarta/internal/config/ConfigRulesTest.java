package io.github.wristbandjakarta.internal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigRulesTest {

    @Test
    void bothTenantPlaceholderNamesAreFilledIn() {
        assertEquals("https://acme.app.example/login?t=acme",
                ConfigRules.fillTenantPlaceholders("https://{tenant_name}.app.example/login?t={tenant_domain}", "acme"));
    }

    @Test
    void aTenantIsFilledInLiterally() {
        assertEquals("https://$1\\.app.example", ConfigRules.fillTenantPlaceholders("https://{tenant_name}.app.example",
                "$1\\"));
    }

    @Test
    void aUrlWithoutPlaceholderContainsNone() {
        assertFalse(ConfigRules.containsTenantPlaceholder("https://app.example/{tenant}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "Devs4You", "a", "0-9", "x23456789012345678901234567890123456789012345678901234567890123"})
    void aDnsLabelIsATenantName(String name) {
        assertTrue(ConfigRules.isTenantName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-acme", "acme-", "ac.me", "devs/4you", "ac me",
            "x234567890123456789012345678901234567890123456789012345678901234"})
    void anythingButADnsLabelIsNoTenantName(String name) {
        assertFalse(ConfigRules.isTenantName(name));
    }
}
