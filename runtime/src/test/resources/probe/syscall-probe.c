/* syscall-probe: attempts one kernel operation a container should (or should not) be allowed, and prints
 * "NAME ok" or "NAME errno=N" — the seccomp and escape tests run it inside containers and compare with runc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

/* "open-blk:MAJ:MIN" or "open-chr:MAJ:MIN": makes a node in /dev (a tmpfs in jailcell and runc alike) and opens
 * it for reading; the device rules decide the open (EPERM), where none apply the driver does (ENXIO: no device). */
static int open_node(const char *name) {
  unsigned major, minor;
  char kind[4];
  if (sscanf(name, "open-%3[a-z]:%u:%u", kind, &major, &minor) != 3 || (strcmp(kind, "blk") && strcmp(kind, "chr"))) {
    errno = EINVAL;
    return -2;
  }
  const char *path = "/dev/.probe-node";
  unlink(path);
  if (mknod(path, (kind[0] == 'b' ? S_IFBLK : S_IFCHR) | 0600, makedev(major, minor)) < 0) return -1;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  int saved = errno;
  unlink(path);
  if (fd >= 0) close(fd);
  errno = saved;
  return fd < 0 ? -1 : 0;
}

/* A pseudo-terminal pair: /dev/ptmx (5:2) opened, its /dev/pts/N (136:N) unlocked and opened. */
static int open_pty(void) {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return -1;
  char *pts = (grantpt(master) < 0 || unlockpt(master) < 0) ? NULL : ptsname(master);
  int fd = pts ? open(pts, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
  int saved = errno;
  if (fd >= 0) close(fd);
  close(master);
  errno = saved;
  return fd < 0 ? -1 : 0;
}

static int attempt(const char *name) {
  if (!strcmp(name, "open-pty")) return open_pty();
  if (!strncmp(name, "open-", 5)) { int rc = open_node(name); if (rc != -2) return rc; }
  if (!strcmp(name, "keyctl")) return (int) syscall(SYS_add_key, "user", "probe", "x", 1, -2 /* session */);
  if (!strcmp(name, "bpf")) { union bpf_attr a; memset(&a, 0, sizeof a); return (int) syscall(SYS_bpf, BPF_MAP_CREATE, &a, sizeof a); }
  if (!strcmp(name, "perf_event_open")) {
    struct perf_event_attr a; memset(&a, 0, sizeof a);
    a.size = sizeof a; a.type = PERF_TYPE_SOFTWARE; a.config = PERF_COUNT_SW_CPU_CLOCK;
    return (int) syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
  }
  if (!strcmp(name, "mount")) return mount("none", "/tmp", "tmpfs", 0, NULL);
  if (!strcmp(name, "unshare")) return unshare(CLONE_NEWNS);
  if (!strcmp(name, "unshare-user")) return unshare(CLONE_NEWUSER);
  if (!strcmp(name, "setns")) { int fd = open("/proc/self/ns/net", O_RDONLY); return fd < 0 ? -1 : setns(fd, 0); }
  if (!strcmp(name, "init_module")) return (int) syscall(SYS_init_module, "", 0, "");
  if (!strcmp(name, "reboot")) return reboot(RB_POWER_OFF + 1 /* invalid magic: never powers off */);
  if (!strcmp(name, "settimeofday")) { struct timeval tv; gettimeofday(&tv, NULL); return settimeofday(&tv, NULL); }
  if (!strcmp(name, "sethostname")) return sethostname("probe", 5);
  if (!strcmp(name, "ptrace-init")) return (int) ptrace(PTRACE_ATTACH, 1, 0, 0);
  if (!strcmp(name, "personality-bsd")) return personality(0x0006 /* PER_BSD */) == -1 ? -1 : 0;
  if (!strcmp(name, "open_by_handle_at")) return (int) syscall(SYS_open_by_handle_at, AT_FDCWD, NULL, O_RDONLY);
  if (!strcmp(name, "mknod-disk")) return mknod("/tmp/sda", S_IFBLK | 0600, makedev(8, 0));
  if (!strcmp(name, "getpid")) return getpid() > 0 ? 0 : -1;
  errno = EINVAL;
  fprintf(stderr, "unknown probe %s\n", name);
  return -2;
}

int main(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) {
    errno = 0;
    int rc = attempt(argv[i]);
    if (rc == -2) return 2;
    if (rc < 0) { printf("%s errno=%d\n", argv[i], errno); status = 1; }
    else printf("%s ok\n", argv[i]);
  }
  return status;
}
