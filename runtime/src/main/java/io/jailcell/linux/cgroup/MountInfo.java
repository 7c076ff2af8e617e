package io.jailcell.linux.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One line of {@code /proc/PID/mountinfo} (proc(5)): the fields cgroup detection needs. */
record MountInfo(String root, Path mountPoint, Set<String> mountOptions, String fsType, Set<String> superOptions) {

    /** Empty for a line that is not a mountinfo entry. */
    static Optional<MountInfo> parse(String line) {
        String[] fields = line.trim().split(" ");
        // Six fixed fields, optional fields such as "shared:7", then "-", the type, the source, super options.
        int dash = -1;
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                dash = i;
                break;
            }
        }
        if (dash < 0 || dash + 1 >= fields.length) {
            return Optional.empty();
        }
        String superOptions = dash + 3 < fields.length ? fields[dash + 3] : "";
        return Optional.of(new MountInfo(unescape(fields[3]), Path.of(unescape(fields[4])), options(fields[5]),
                fields[dash + 1], options(superOptions)));
    }

    boolean readOnly() {
        return mountOptions.contains("ro") || superOptions.contains("ro");
    }

    private static Set<String> options(String list) {
        return Set.copyOf(List.of(list.split(",")));
    }

    // The kernel writes space, tab, newline and backslash in paths as octal escapes such as \040.
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
