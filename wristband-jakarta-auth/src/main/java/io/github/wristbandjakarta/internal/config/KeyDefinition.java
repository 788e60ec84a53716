package io.github.wristbandjakarta.internal.config;

import java.util.List;

/**
 * One configuration key, completely: its name, its concern, its value (type, parser, checks, default, secrecy) and
 * its line of documentation. The library's keys are {@link ConfigKey}; the loader, {@code WristbandConfig.toString}
 * and the reference tables of docs/configuration.md all work from a list of definitions, so a key is one definition
 * and nothing else.
 */
public interface KeyDefinition {

    /** The MicroProfile Config property name, e.g. {@code wristband.client-id}. */
    String key();

    ConfigKey.Group group();

    ValueSpec<?> spec();

    /** One line of documentation, Markdown. */
    String documentation();

    /** docs/configuration.md's tables: one per group, in the groups' order; a row per key, in the list's order. */
    static String referenceTables(List<? extends KeyDefinition> definitions) {
        StringBuilder md = new StringBuilder();
        for (ConfigKey.Group group : ConfigKey.Group.values()) {
            md.append("### ").append(group.title()).append("\n\n| Key | Default | Meaning |\n|---|---|---|\n");
            for (KeyDefinition definition : definitions) {
                if (definition.group() == group) {
                    md.append("| `").append(definition.key()).append("` | ")
                            .append(definition.spec().documentedDefault()).append(" | ")
                            .append(definition.documentation()).append(" |\n");
                }
            }
            md.append('\n');
        }
        return md.toString();
    }
}
