package io.jailcell.container;

import io.jailcell.store.SnapshotView;
import io.jailcell.container.ContainerException.Kind;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code docker run -u} values ({@code name}, {@code uid}, {@code uid:gid}, {@code name:group}) against the
 * image's {@code /etc/passwd} and {@code /etc/group}, as Docker does. Files reached through a symlink are ignored,
 * so an image cannot make the runtime read host files.
 */
final class UserResolver {
    /** The numeric identity a process runs with. */
    record Identity(long uid, long gid, List<Long> groups, String home) {
    }

    private UserResolver() {
    }

    static Identity resolve(SnapshotView rootfs, String spec) {
        String user = spec == null || spec.isEmpty() ? "0" : spec;
        String group = null;
        int colon = user.indexOf(':');
        if (colon >= 0) {
            group = user.substring(colon + 1);
            user = user.substring(0, colon);
        }
        List<String[]> passwd = table(rootfs, "passwd");
        String[] entry = find(passwd, user, 2);
        long uid;
        long gid;
        String home = "/";
        String userName = null;
        if (entry != null) {
            uid = Long.parseLong(entry[2]);
            gid = Long.parseLong(entry[3]);
            home = entry.length > 5 && !entry[5].isEmpty() ? entry[5] : "/";
            userName = entry[0];
        } else if (isNumber(user)) {
            // As runc's GetExecUser: an id the image does not name keeps the default group 0.
            uid = Long.parseLong(user);
            gid = 0;
        } else {
            throw new ContainerException(Kind.INVALID, "unable to find user " + user
                    + ": no matching entries in passwd file (use a numeric uid, or a user the image defines)");
        }
        List<String[]> groups = table(rootfs, "group");
        if (group != null) {
            String[] g = find(groups, group, 2);
            if (g != null) {
                gid = Long.parseLong(g[2]);
            } else if (isNumber(group)) {
                gid = Long.parseLong(group);
            } else {
                throw new ContainerException(Kind.INVALID, "unable to find group " + group
                        + ": no matching entries in group file");
            }
        }
        List<Long> supplementary = new ArrayList<>();
        // Supplementary groups only in the implicit form: "-u alice:users" means exactly that group (runc, docker).
        if (userName != null && group == null) {
            for (String[] g : groups) {
                if (g.length > 3 && List.of(g[3].split(",")).contains(userName)) {
                    long id = Long.parseLong(g[2]);
                    if (id != gid && !supplementary.contains(id)) {
                        supplementary.add(id);
                    }
                }
            }
        }
        return new Identity(uid, gid, supplementary, home);
    }

    private static String[] find(List<String[]> table, String nameOrId, int idColumn) {
        for (String[] row : table) {
            if (row[0].equals(nameOrId)) {
                return row;
            }
        }
        if (isNumber(nameOrId)) {
            for (String[] row : table) {
                if (row.length > idColumn && row[idColumn].equals(nameOrId)) {
                    return row;
                }
            }
        }
        return null;
    }

    private static List<String[]> table(SnapshotView rootfs, String name) {
        return rootfs.etcTable(name);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
