package io.github.wristbandjakarta.internal.security;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wristband role names to container groups: a role listed in {@code wristband.role-mapping} becomes the group
 * given there; any other role becomes a group of its own name.
 */
public final class RoleMapping {

    private final Map<String, String> mapping;

    public RoleMapping(Map<String, String> mapping) {
        this.mapping = Map.copyOf(mapping);
    }

    public Set<String> groups(List<String> wristbandRoles) {
        Set<String> groups = new HashSet<>();
        for (String role : wristbandRoles) {
            groups.add(mapping.getOrDefault(role, role));
        }
        return groups;
    }
}
