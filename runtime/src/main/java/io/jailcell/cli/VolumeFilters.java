package io.jailcell.cli;

import io.jailcell.api.InvalidSpecException;
import io.jailcell.api.Jailcell;
import io.jailcell.api.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code volume ls --filter KEY=VALUE}, as docker reads it: {@code dangling=true|false} and {@code name=PART} (a
 * substring of the name); filters with different keys must all match, several values of one key any of them.
 */
final class VolumeFilters {
    private VolumeFilters() {
    }

    static List<VolumeInfo> apply(List<String> filters, List<VolumeInfo> volumes, Jailcell jc) {
        List<String> names = new ArrayList<>();
        Boolean dangling = null;
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            switch (key) {
                case "name" -> names.add(value);
                case "dangling" -> {
                    if (!Set.of("true", "false", "1", "0").contains(value)) {
                        throw new InvalidSpecException("invalid filter 'dangling=" + value + "': use true or false");
                    }
                    dangling = value.equals("true") || value.equals("1");
                }
                default -> throw new InvalidSpecException("invalid filter '" + f + "': volume ls filters by "
                        + "dangling=true|false and name=PART");
            }
        }
        List<String> unused = new ArrayList<>();
        if (dangling != null) {
            for (VolumeInfo v : jc.unusedVolumes()) {
                unused.add(v.name());
            }
        }
        List<VolumeInfo> shown = new ArrayList<>();
        for (VolumeInfo v : volumes) {
            if ((dangling == null || unused.contains(v.name()) == dangling) && nameMatches(v.name(), names)) {
                shown.add(v);
            }
        }
        return shown;
    }

    private static boolean nameMatches(String name, List<String> parts) {
        if (parts.isEmpty()) {
            return true;
        }
        for (String part : parts) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
