package io.jailcell.build;

import io.jailcell.store.SnapshotView;

/** {@code --chown} and {@code --chmod} of COPY and ADD: names resolved in the stage's own /etc/passwd and group. */
record Ownership(int uid, int gid) {
    static final Ownership ROOT = new Ownership(0, 0);

    /** {@code user[:group]}, names or numbers; a lone user takes its primary group (a lone number: the same gid). */
    static Ownership parse(String spec, SnapshotView rootfs, String where) {
        String[] parts = spec.split(":", 2);
        String user = parts[0];
        String group = parts.length > 1 ? parts[1] : null;
        int uid;
        int primaryGid;
        if (isNumber(user)) {
            uid = Integer.parseInt(user);
            primaryGid = uid;
        } else {
            String[] row = lookup(rootfs, "etc/passwd", user);
            if (row == null || row.length < 4 || !isNumber(row[2]) || !isNumber(row[3])) {
                throw new BuildException(where + "--chown: no user '" + user + "' in the image's /etc/passwd; use a "
                        + "number or create the user in an earlier RUN step");
            }
            uid = Integer.parseInt(row[2]);
            primaryGid = Integer.parseInt(row[3]);
        }
        int gid = primaryGid;
        if (group != null && !group.isEmpty()) {
            if (isNumber(group)) {
                gid = Integer.parseInt(group);
            } else {
                String[] row = lookup(rootfs, "etc/group", group);
                if (row == null || row.length < 3 || !isNumber(row[2])) {
                    throw new BuildException(where + "--chown: no group '" + group + "' in the image's /etc/group");
                }
                gid = Integer.parseInt(row[2]);
            }
        }
        return new Ownership(uid, gid);
    }

    /** An octal {@code --chmod} such as {@code 755} or {@code 0644}. */
    static int parseMode(String spec, String where) {
        try {
            int mode = Integer.parseInt(spec, 8);
            if (mode < 0 || mode > 07777) {
                throw new NumberFormatException();
            }
            return mode;
        } catch (NumberFormatException e) {
            throw new BuildException(where + "--chmod=" + spec + " is not an octal mode such as 755 or 0644");
        }
    }

    private static String[] lookup(SnapshotView rootfs, String file, String name) {
        for (String[] row : rootfs.etcTable(file.substring("etc/".length()))) {
            if (row[0].equals(name)) {
                return row;
            }
        }
        return null;
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
