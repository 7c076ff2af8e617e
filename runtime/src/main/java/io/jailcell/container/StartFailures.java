package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Errno;
import io.jailcell.linux.KernelException;

/** Turns a failed launch step into docker's wording and exit codes, plus what to do about it. */
final class StartFailures {
    private StartFailures() {
    }

    /** 127 when the program is not found, 126 when it cannot be executed, 125 for everything else. */
    static ContainerException of(ContainerRecord r, KernelException e) {
        String program = r.config().command().isEmpty() ? "" : r.config().command().get(0);
        if (e.step().startsWith("exec")) {
            if (e.errno() == Errno.ENOENT) {
                String what = e.step().equals("exec in $PATH") ? "executable file not found in $PATH"
                        : "no such file or directory";
                return new ContainerException(Kind.START_FAILED, "exec: \"" + e.path() + "\": " + what, 127, e);
            }
            if (e.errno() == Errno.EACCES) {
                return new ContainerException(Kind.START_FAILED, "exec: \"" + e.path() + "\": permission denied",
                        126, e);
            }
        }
        return new ContainerException(Kind.START_FAILED, "starting " + r.name() + " (" + program + ") failed at "
                + e.getMessage() + Hints.forKernelError(e), 125, e);
    }
}
