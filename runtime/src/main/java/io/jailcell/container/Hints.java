package io.jailcell.container;

import io.jailcell.linux.Errno;
import io.jailcell.linux.KernelException;

/** What to do about a kernel error met while starting a container, in one sentence. */
final class Hints {
    private Hints() {
    }

    static String forKernelError(KernelException e) {
        String step = e.step();
        int errno = e.errno();
        if (step.equals("clone") && (errno == Errno.EPERM || errno == Errno.ENOSPC || errno == Errno.EINVAL)) {
            return ". This host does not let this user create the namespaces asked for: as root, check "
                    + "/proc/sys/user/max_user_namespaces and that no seccomp policy blocks clone; rootless, enable "
                    + "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1), or run as root";
        }
        if (step.equals("overlay") && (errno == Errno.EPERM || errno == Errno.EINVAL || errno == 19)) {
            return ". overlayfs refused this mount (missing kernel feature 'overlay', or not allowed in a user "
                    + "namespace on this kernel); load it with 'modprobe overlay' or run as root";
        }
        if (step.equals("load device program") && errno == Errno.EPERM) {
            return ". Loading the eBPF device program (how cgroup v2 keeps containers from host devices) needs "
                    + "CAP_SYS_ADMIN or CAP_BPF in the host's user namespace, which this process lacks; run jailcell "
                    + "as root with its full capabilities (rootless containers need no program: their user namespace "
                    + "keeps host devices out of reach)";
        }
        if (step.equals("load device program") && (errno == Errno.EINVAL || errno == Errno.ENOSYS)) {
            return ". This kernel cannot run eBPF device programs (they need CONFIG_BPF_SYSCALL and CONFIG_CGROUP_BPF, "
                    + "Linux 4.15 or later), and on cgroup v2 they are the only way to keep containers from host "
                    + "devices; use a kernel with them, or boot with the cgroup v1 devices controller "
                    + "(systemd.unified_cgroup_hierarchy=0); on a hybrid host, unset JAILCELL_DEVICES=bpf";
        }
        if (step.equals("attach device program") && errno == Errno.EPERM) {
            return ". A program attached to a cgroup above the container's without BPF_F_ALLOW_MULTI forbids any "
                    + "below it; find it with 'bpftool cgroup tree' and attach it with multi, or start jailcell "
                    + "in another cgroup";
        }
        if (step.equals("setrlimit") && errno == Errno.EPERM) {
            return ". A limit above the host's hard limit needs CAP_SYS_RESOURCE; ask for less";
        }
        if (step.equals("chdir to working directory")) {
            return ". The working directory does not exist in the image; create it or choose another with -w";
        }
        if (step.equals("setgroups") && errno == Errno.EPERM) {
            return ". Supplementary groups cannot be set in a rootless container (setgroups is denied there)";
        }
        return "";
    }
}
