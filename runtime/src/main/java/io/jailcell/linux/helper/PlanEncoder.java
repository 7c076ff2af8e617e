package io.jailcell.linux.helper;

import io.jailcell.linux.mount.RootfsStep;
import io.jailcell.linux.ns.Namespace;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Encodes a {@link LaunchPlan} in the record format of {@link PlanTag}. */
final class PlanEncoder {
    /** The kernel's MAX_ARG_STRLEN, the most execve takes for one string; four fit in the helper's 1 MiB record. */
    static final int MAX_STRING = 128 * 1024;
    /** How many of each repeated record the helper holds (jailcell-helper.c). */
    static final int MAX_ITEMS = 1024;
    static final int MAX_GROUPS = 64;
    static final int MAX_RLIMITS = 32;
    static final int MAX_JOINS = 16;
    static final int MAX_CGROUPS = 16;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    private ByteBuffer record = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    static byte[] encode(LaunchPlan plan) {
        return encode(plan, false);
    }

    /** With {@code goAtOnce} the helper starts the child without waiting for GO ({@link PlanTag#GO_AT_ONCE}). */
    static byte[] encode(LaunchPlan plan, boolean goAtOnce) {
        return new PlanEncoder().write(plan, goAtOnce);
    }

    private byte[] write(LaunchPlan p, boolean goAtOnce) {
        limit("arguments", p.argv.size(), MAX_ITEMS);
        limit("environment variables", p.env.size(), MAX_ITEMS);
        limit("root filesystem steps", p.rootfsSteps.size(), MAX_ITEMS);
        limit("supplementary groups", p.groups.size(), MAX_GROUPS);
        limit("rlimits", p.rlimits.size(), MAX_RLIMITS);
        limit("namespaces to join", p.joins.size(), MAX_JOINS);
        limit("cgroups", p.cgroups.size(), MAX_CGROUPS);
        int flags = 0;
        for (Namespace ns : p.newNamespaces) {
            flags |= ns.cloneFlag();
        }
        begin().putInt(flags);
        end(PlanTag.CLONE_FLAGS);
        for (LaunchPlan.Join j : p.joins) {
            begin().putInt(j.namespace().cloneFlag());
            str(j.path().toString());
            end(PlanTag.JOIN_NS);
        }
        if (p.newNamespaces.contains(Namespace.USER) && mapsRoot(p)) {
            flag(PlanTag.NS_ROOT);
        }
        if (p.loopbackUp) {
            flag(PlanTag.LOOPBACK_UP);
        }
        if (goAtOnce) {
            flag(PlanTag.GO_AT_ONCE);
        }
        for (Path dir : p.cgroups) {
            string(PlanTag.CGROUP, dir.toString());
        }
        if (p.deviceCgroup != null) {
            begin();
            str(p.deviceCgroup.toString());
            ensure(4 + p.deviceProgram.length);
            record.putInt(p.deviceProgram.length).put(p.deviceProgram);
            end(PlanTag.DEVICE_PROGRAM);
        }
        for (Path lower : p.idmappedLowers) {
            string(PlanTag.IDMAP_LOWER, lower.toString());
        }
        if (p.mountBase != null) {
            string(PlanTag.MOUNT_BASE, p.mountBase.toString());
        }
        if (p.rootfs != null) {
            begin();
            str(p.rootfs.toString());
            end(PlanTag.ROOTFS);
        }
        for (RootfsStep step : p.rootfsSteps) {
            step(step);
        }
        if (p.rootfsReadOnly) {
            flag(PlanTag.ROOTFS_READONLY);
        }
        if (p.hostname != null) {
            string(PlanTag.HOSTNAME, p.hostname);
        }
        for (String a : p.argv) {
            string(PlanTag.ARG, a);
        }
        for (String e : p.env) {
            string(PlanTag.ENV, e);
        }
        if (p.cwd != null) {
            string(PlanTag.CWD, p.cwd);
        }
        if (p.uid != null) {
            begin().putInt(p.uid.intValue()).putInt(p.gid.intValue());
            end(PlanTag.USER);
            for (long g : p.groups) {
                begin().putInt((int) g);
                end(PlanTag.GROUP);
            }
        }
        if (p.caps != null) {
            LaunchPlan.Caps c = p.caps;
            begin().putLong(c.bounding()).putLong(c.effective()).putLong(c.permitted()).putLong(c.inheritable())
                    .putLong(c.ambient());
            end(PlanTag.CAPS);
        }
        for (LaunchPlan.Rlimit r : p.rlimits) {
            begin().putInt(r.resource()).putLong(r.soft()).putLong(r.hard());
            end(PlanTag.RLIMIT);
        }
        if (p.noNewPrivs) {
            flag(PlanTag.NO_NEW_PRIVS);
        }
        if (p.init) {
            flag(PlanTag.INIT);
        }
        if (p.seccomp != null) {
            seccomp(p.seccomp);
        }
        if (p.exitFile != null) {
            string(PlanTag.EXIT_FILE, p.exitFile.toString());
        }
        begin();
        end(PlanTag.END);
        return out.toByteArray();
    }

    private static void limit(String what, int count, int max) {
        if (count > max) {
            throw new IllegalArgumentException("too many " + what + " for one container: " + count + " (at most "
                    + max + ")");
        }
    }

    private static boolean mapsRoot(LaunchPlan p) {
        return mapsZero(p.uidMap) && mapsZero(p.gidMap);
    }

    private static boolean mapsZero(java.util.List<io.jailcell.linux.ns.IdMapping> maps) {
        for (io.jailcell.linux.ns.IdMapping m : maps) {
            if (m.containerId() == 0) {
                return true;
            }
        }
        return false;
    }

    private void step(RootfsStep step) {
        begin();
        int tag;
        if (step instanceof RootfsStep.Mount m) {
            record.putLong(m.flags()).putInt(m.options());
            str(m.source());
            str(m.target());
            str(m.fstype());
            str(m.data());
            tag = PlanTag.MOUNT;
        } else if (step instanceof RootfsStep.Symlink s) {
            str(s.target());
            str(s.link());
            tag = PlanTag.SYMLINK;
        } else if (step instanceof RootfsStep.Mkdir d) {
            record.putInt(d.mode());
            str(d.path());
            tag = PlanTag.MKDIR;
        } else if (step instanceof RootfsStep.Mknod n) {
            record.putInt(n.major()).putInt(n.minor());
            str(n.path());
            tag = PlanTag.MKNOD;
        } else if (step instanceof RootfsStep.Mask m) {
            str(m.path());
            tag = PlanTag.MASK;
        } else {
            str(((RootfsStep.ReadOnly) step).path());
            tag = PlanTag.READONLY;
        }
        end(tag);
    }

    private void seccomp(io.jailcell.linux.seccomp.SeccompProgram program) {
        byte[] bpf = program.bytes();
        begin();
        ensure(bpf.length);
        record.put(bpf);
        end(PlanTag.SECCOMP);
    }

    private void flag(int tag) {
        begin();
        end(tag);
    }

    private void string(int tag, String value) {
        begin();
        str(value);
        end(tag);
    }

    private ByteBuffer begin() {
        record.clear();
        return record;
    }

    private void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING || s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string not allowed in a launch plan (NUL byte or over 128 KiB): "
                    + s.substring(0, Math.min(40, s.length())));
        }
        ensure(4 + b.length);
        record.putInt(b.length).put(b);
    }

    private void ensure(int more) {
        if (record.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(record.capacity() * 2 + more).order(ByteOrder.LITTLE_ENDIAN);
            record.flip();
            bigger.put(record);
            record = bigger;
        }
    }

    private void end(int tag) {
        record.flip();
        ByteBuffer header = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) tag).putInt(record.remaining());
        out.write(header.array(), 0, 6);
        out.write(record.array(), 0, record.remaining());
    }
}
