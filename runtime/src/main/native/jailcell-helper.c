/*
 * jailcell-helper: executes a launch plan computed by the Java runtime.
 *
 * The JVM is multithreaded, and the kernel refuses unshare(CLONE_NEWUSER|CLONE_NEWNS) and setns() into a mount
 * namespace to multithreaded processes. This single-threaded helper does those steps instead:
 *
 *   jailcell-helper SOCKET TOKEN
 *   jailcell-helper --compile-seccomp < RULES > BPF
 *   jailcell-helper hold   (a rootless network namespace holder; see NetnsHolder.java)
 *
 * 1. connects to the UNIX socket the JVM listens on, says hello with TOKEN, and reads the plan (tagged records);
 * 2. attaches the cgroup v2 device program if the plan has one, joins existing namespaces (exec,
 *    --pid container:NAME), then clones a child into new ones;
 * 3. reports the child's host pid and waits for GO while Java writes id maps and cgroup membership;
 * 4. the child builds the root filesystem, pivots into it, drops privileges and execs the program;
 * 5. the helper stays on the host side: forwards signals, reaps, writes the exit status, and exits with it.
 *
 * Every failure is reported as errno + step + path; the child reports through a close-on-exec pipe, so an EOF on
 * that pipe means execve succeeded. The protocol is described in io.jailcell.linux.helper.PlanTag.
 *
 * --compile-seccomp turns a seccomp rule set (PlanTag's rule encoding, on stdin) into the classic BPF program
 * libseccomp generates for it (struct sock_filter[], on stdout). Java caches the program per rule set, and a launch
 * plan carries the program itself: building ~350 rules for three architectures costs more than a whole start.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <linux/bpf.h>
#include <linux/sched.h> /* struct clone_args, CLONE_INTO_CGROUP */
#include <linux/mount.h> /* struct mount_attr, MOUNT_ATTR_IDMAP, OPEN_TREE_CLONE */

/* Plan tags; keep in sync with PlanTag.java. */
enum {
  T_END = 0, T_CLONE_FLAGS = 1, T_JOIN_NS = 2, T_ROOTFS = 3, T_MOUNT = 4, T_SYMLINK = 5, T_MASK = 6,
  T_READONLY = 7, T_HOSTNAME = 8, T_ARG = 9, T_ENV = 10, T_CWD = 11, T_USER = 12, T_GROUP = 13, T_CAPS = 14,
  T_RLIMIT = 15, T_NO_NEW_PRIVS = 16, T_ROOTFS_READONLY = 17, T_EXIT_FILE = 18, T_INIT = 19, T_MKDIR = 20,
  T_NS_ROOT = 21, T_LOOPBACK_UP = 22, T_CGROUP = 23, T_SECCOMP = 24, T_DEVICE_PROGRAM = 25, T_IDMAP_LOWER = 26,
  T_MOUNT_BASE = 27, T_GO_AT_ONCE = 28, T_MKNOD = 29
};
/* Mount op flags; keep in sync with MountOp.java. */
enum { M_IN_ROOT = 1, M_MKDIR = 2, M_MKFILE = 4, M_OPTIONAL = 8, M_READONLY = 16 };
/* Events to Java; keep in sync with HelperEvent.java. */
enum { E_HELLO = 1, E_CHILD_PID = 2, E_STARTED = 3, E_ERROR = 4, E_EXIT = 5 };
enum { C_GO = 1, C_ABORT = 2 };

#define MAX_ITEMS 1024

struct mount_op { uint64_t flags; uint32_t op; char *source, *target, *fstype, *data; };
struct join_op { uint32_t nstype; char *path; };
struct rlim_op { uint32_t resource; uint64_t soft, hard; };

struct plan {
  uint32_t clone_flags;
  struct join_op joins[16]; int njoins;
  char *rootfs;
  struct { int kind; struct mount_op m; char *a, *b; uint32_t mode, major, minor; } steps[MAX_ITEMS]; int nsteps;
  char *hostname, *cwd, *exit_file;
  char *argv[MAX_ITEMS + 1]; int argc;
  char *envp[MAX_ITEMS + 1]; int envc;
  int has_user; uint32_t uid, gid;
  gid_t groups[64]; int ngroups;
  int has_caps; uint64_t cap_bnd, cap_eff, cap_prm, cap_inh, cap_amb;
  struct rlim_op rlimits[32]; int nrlimits;
  int no_new_privs, rootfs_readonly, init, ns_root, loopback_up, go_at_once;
  char *cgroups[16]; int ncgroups;
  const char *seccomp; uint32_t seccomp_len; /* the T_SECCOMP record: a BPF program, loaded at exec time */
  char *device_cgroup; char *device_insns; uint32_t device_insns_len; /* T_DEVICE_PROGRAM */
  char *idmap_lowers[MAX_ITEMS]; int nidmap_lowers; /* T_IDMAP_LOWER: the helper mounts the overlay root */
  char *mount_base; /* T_MOUNT_BASE: the working directory relative mount options start from */
};

static int sock = -1;
static volatile pid_t forward_to = 0;

/* ---------- wire helpers ---------- */

static int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) { if (errno == EINTR) continue; return -1; }
    p += n; len -= (size_t) n;
  }
  return 0;
}

static int read_all(int fd, void *buf, size_t len) {
  char *p = buf;
  while (len > 0) {
    ssize_t n = read(fd, p, len);
    if (n < 0) { if (errno == EINTR) continue; return -1; }
    if (n == 0) { errno = EPIPE; return -1; }
    p += n; len -= (size_t) n;
  }
  return 0;
}

/* Reads from the runtime's socket through a buffer: a plan of a hundred records would otherwise cost three read(2)
 * calls each. Everything the runtime sends goes through here, so no byte is left behind in the buffer. */
static char sock_buf[4096];
static size_t sock_pos, sock_len;

static int sock_read(void *buf, size_t len) {
  char *p = buf;
  while (len > 0) {
    if (sock_pos == sock_len) {
      ssize_t n = read(sock, sock_buf, sizeof sock_buf);
      if (n < 0) { if (errno == EINTR) continue; return -1; }
      if (n == 0) { errno = EPIPE; return -1; }
      sock_pos = 0; sock_len = (size_t) n;
    }
    size_t take = sock_len - sock_pos < len ? sock_len - sock_pos : len;
    memcpy(p, sock_buf + sock_pos, take);
    sock_pos += take; p += take; len -= take;
  }
  return 0;
}

static void send_event(uint8_t type, const void *payload, uint32_t len) {
  if (sock < 0) return;
  char buf[8192];
  if (len + 5 > sizeof buf) len = sizeof buf - 5;
  uint32_t total = len + 1;
  memcpy(buf, &total, 4);
  buf[4] = (char) type;
  memcpy(buf + 5, payload, len);
  if (write_all(sock, buf, len + 5) < 0) { close(sock); sock = -1; }
}

/* An error record: i32 errno, then step and path as u32-length-prefixed strings. */
static uint32_t encode_error(char *out, size_t cap, int err, const char *step, const char *path) {
  uint32_t ls = (uint32_t) strlen(step), lp = path ? (uint32_t) strlen(path) : 0;
  if (12 + ls + lp > cap) lp = 0;
  if (12 + ls + lp > cap) ls = 0;
  memcpy(out, &err, 4);
  memcpy(out + 4, &ls, 4); memcpy(out + 8, step, ls);
  memcpy(out + 8 + ls, &lp, 4); if (lp) memcpy(out + 12 + ls, path, lp);
  return 12 + ls + lp;
}

static void report_error(int err, const char *step, const char *path) {
  char buf[4096];
  send_event(E_ERROR, buf, encode_error(buf, sizeof buf, err, step, path));
}

static char *take_str(const char **p, const char *end) {
  uint32_t len;
  if (*p + 4 > end) return NULL;
  memcpy(&len, *p, 4); *p += 4;
  if (len > (uint32_t) (end - *p)) return NULL;
  char *s = malloc(len + 1);
  if (!s) return NULL;
  memcpy(s, *p, len); s[len] = 0; *p += len;
  return s;
}

static uint32_t take_u32(const char **p) { uint32_t v; memcpy(&v, *p, 4); *p += 4; return v; }
static uint64_t take_u64(const char **p) { uint64_t v; memcpy(&v, *p, 8); *p += 8; return v; }

/* ---------- plan ---------- */

/* pl is the zeroed static plan: clearing it again would make its ~120 KiB resident, a tenth of the helper's memory
 * for as long as the container runs. */
static int read_plan(struct plan *pl) {
  for (;;) {
    uint16_t tag; uint32_t len;
    if (sock_read(&tag, 2) < 0 || sock_read(&len, 4) < 0) return -1;
    if (tag == T_END) return 0;
    if (len > (1u << 20)) { errno = E2BIG; return -1; }
    char *buf = malloc(len ? len : 1);
    if (!buf || sock_read(buf, len) < 0) return -1;
    const char *p = buf, *end = buf + len;
    if ((tag == T_ARG && pl->argc >= MAX_ITEMS) || (tag == T_ENV && pl->envc >= MAX_ITEMS)
        || (tag == T_GROUP && pl->ngroups >= 64) || (tag == T_RLIMIT && pl->nrlimits >= 32)
        || (tag == T_JOIN_NS && pl->njoins >= 16) || (tag == T_CGROUP && pl->ncgroups >= 16)
        || (tag == T_IDMAP_LOWER && pl->nidmap_lowers >= MAX_ITEMS)
        || ((tag == T_MOUNT || tag == T_SYMLINK || tag == T_MASK || tag == T_READONLY || tag == T_MKDIR
             || tag == T_MKNOD)
            && pl->nsteps >= MAX_ITEMS)) {
      errno = E2BIG; /* the Java side checks first; never drop a setting silently */
      return -1;
    }
    switch (tag) {
      case T_CLONE_FLAGS: pl->clone_flags = take_u32(&p); break;
      case T_JOIN_NS:
        if (pl->njoins < 16) { pl->joins[pl->njoins].nstype = take_u32(&p); pl->joins[pl->njoins++].path = take_str(&p, end); }
        break;
      case T_ROOTFS: pl->rootfs = take_str(&p, end); break;
      case T_MOUNT: case T_SYMLINK: case T_MASK: case T_READONLY: case T_MKDIR: case T_MKNOD:
        if (pl->nsteps < MAX_ITEMS) {
          typeof(pl->steps[0]) *s = &pl->steps[pl->nsteps++];
          s->kind = tag;
          if (tag == T_MOUNT) {
            s->m.flags = take_u64(&p); s->m.op = take_u32(&p);
            s->m.source = take_str(&p, end); s->m.target = take_str(&p, end);
            s->m.fstype = take_str(&p, end); s->m.data = take_str(&p, end);
          } else if (tag == T_SYMLINK) {
            s->a = take_str(&p, end); s->b = take_str(&p, end);
          } else if (tag == T_MKDIR) {
            s->mode = take_u32(&p); s->a = take_str(&p, end);
          } else if (tag == T_MKNOD) {
            s->major = take_u32(&p); s->minor = take_u32(&p); s->a = take_str(&p, end);
          } else {
            s->a = take_str(&p, end);
          }
        }
        break;
      case T_HOSTNAME: pl->hostname = take_str(&p, end); break;
      case T_ARG: if (pl->argc < MAX_ITEMS) pl->argv[pl->argc++] = take_str(&p, end); break;
      case T_ENV: if (pl->envc < MAX_ITEMS) pl->envp[pl->envc++] = take_str(&p, end); break;
      case T_CWD: pl->cwd = take_str(&p, end); break;
      case T_USER: pl->has_user = 1; pl->uid = take_u32(&p); pl->gid = take_u32(&p); break;
      case T_GROUP: if (pl->ngroups < 64) pl->groups[pl->ngroups++] = take_u32(&p); break;
      case T_CAPS:
        pl->has_caps = 1;
        pl->cap_bnd = take_u64(&p); pl->cap_eff = take_u64(&p); pl->cap_prm = take_u64(&p);
        pl->cap_inh = take_u64(&p); pl->cap_amb = take_u64(&p);
        break;
      case T_RLIMIT:
        if (pl->nrlimits < 32) {
          struct rlim_op *r = &pl->rlimits[pl->nrlimits++];
          r->resource = take_u32(&p); r->soft = take_u64(&p); r->hard = take_u64(&p);
        }
        break;
      case T_NO_NEW_PRIVS: pl->no_new_privs = 1; break;
      case T_ROOTFS_READONLY: pl->rootfs_readonly = 1; break;
      case T_EXIT_FILE: pl->exit_file = take_str(&p, end); break;
      case T_INIT: pl->init = 1; break;
      case T_NS_ROOT: pl->ns_root = 1; break;
      case T_LOOPBACK_UP: pl->loopback_up = 1; break;
      case T_GO_AT_ONCE: pl->go_at_once = 1; break;
      case T_CGROUP: pl->cgroups[pl->ncgroups++] = take_str(&p, end); break;
      case T_IDMAP_LOWER: pl->idmap_lowers[pl->nidmap_lowers++] = take_str(&p, end); break;
      case T_MOUNT_BASE: pl->mount_base = take_str(&p, end); break;
      case T_SECCOMP:
        if (len == 0 || len % sizeof(struct sock_filter) != 0 || len / sizeof(struct sock_filter) > BPF_MAXINSNS) {
          errno = EINVAL; /* never start a container without the filter it asked for */
          return -1;
        }
        pl->seccomp = buf; pl->seccomp_len = len; buf = NULL;
        break;
      case T_DEVICE_PROGRAM: {
        pl->device_cgroup = take_str(&p, end);
        if (!pl->device_cgroup || end - p < 4) { errno = EINVAL; return -1; }
        uint32_t n = take_u32(&p);
        if (n == 0 || n % 8 != 0 || n > (uint32_t) (end - p)) { errno = EINVAL; return -1; }
        pl->device_insns = malloc(n);
        if (!pl->device_insns) return -1;
        memcpy(pl->device_insns, p, n); pl->device_insns_len = n;
        break;
      }
      default: break; /* unknown tags from a newer runtime are ignored */
    }
    free(buf);
  }
}

/* ---------- child: errors go to the close-on-exec pipe ---------- */

static int err_fd = -1;
static pid_t helper_pid; /* the helper as the child sees it: 0 across a pid namespace */

static void child_fail(int err, const char *step, const char *path) {
  char buf[4096];
  uint32_t n = encode_error(buf, sizeof buf, err, step, path);
  write_all(err_fd, buf, n);
  _exit(err == ENOENT ? 127 : err == EACCES ? 126 : 125);
}

/* Resolves PATH inside the root as if it were "/" (symlinks cannot leave it) and returns an O_PATH fd. */
static int open_in_root(int rootfd, const char *path, int flags) {
  struct open_how how = { .flags = (uint64_t) (flags | O_CLOEXEC), .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
  return (int) syscall(SYS_openat2, rootfd, path, &how, sizeof how);
}

/* mkdir -p of PATH inside the root; each existing prefix is resolved with RESOLVE_IN_ROOT. */
static int mkdir_in_root(int rootfd, const char *path, mode_t mode, int last_is_file) {
  char buf[4096];
  int existing = open_in_root(rootfd, path, O_PATH);
  if (existing >= 0) { close(existing); return 0; }
  snprintf(buf, sizeof buf, "%s", path);
  size_t len = strlen(buf);
  for (size_t i = 1; i <= len; i++) {
    if (buf[i] != '/' && buf[i] != 0) continue;
    char saved = buf[i]; buf[i] = 0;
    int fd = open_in_root(rootfd, buf, O_PATH);
    if (fd >= 0) { close(fd); buf[i] = saved; continue; }
    if (errno != ENOENT) return -1;
    char *slash = strrchr(buf, '/');
    *slash = 0;
    int parent = open_in_root(rootfd, *buf ? buf : "/", O_PATH | O_DIRECTORY);
    *slash = '/';
    if (parent < 0) return -1;
    int r;
    if (saved == 0 && last_is_file) {
      r = openat(parent, slash + 1, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (r >= 0) close(r);
    } else {
      r = mkdirat(parent, slash + 1, mode);
    }
    close(parent);
    if (r < 0 && errno != EEXIST) return -1;
    buf[i] = saved;
  }
  return 0;
}

/* Keeps nosuid/nodev/noexec of an existing mount when remounting it read-only (the kernel demands it in a userns). */
static unsigned long locked_flags(const char *path) {
  struct statvfs sv;
  unsigned long f = 0;
  if (statvfs(path, &sv) < 0) return 0;
  if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
  if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
  if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
  return f;
}

static int remount_readonly(const char *path) {
  return mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags(path), NULL);
}

static void do_mount(int rootfd, struct mount_op *m) {
  char fdpath[64];
  const char *target = m->target;
  int tfd = -1;
  if (m->op & M_IN_ROOT) {
    if ((m->op & (M_MKDIR | M_MKFILE)) && mkdir_in_root(rootfd, m->target, 0755, m->op & M_MKFILE) < 0) {
      if ((m->op & M_OPTIONAL) && (errno == ENOENT || errno == EROFS)) return;
      child_fail(errno, "mkdir mount target", m->target);
    }
    tfd = open_in_root(rootfd, m->target, O_PATH);
    if (tfd < 0) {
      if ((m->op & M_OPTIONAL) && errno == ENOENT) return;
      child_fail(errno, "open mount target", m->target);
    }
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", tfd);
    target = fdpath;
  }
  const char *data = m->data && *m->data ? m->data : NULL;
  const char *fstype = m->fstype && *m->fstype ? m->fstype : NULL;
  if (mount(m->source, target, fstype, m->flags, data) < 0) {
    if ((m->op & M_OPTIONAL) && (errno == ENOENT || errno == EPERM || errno == EACCES)) { if (tfd >= 0) close(tfd); return; }
    child_fail(errno, fstype ? fstype : "mount", m->target);
  }
  if (m->op & M_READONLY) {
    /* The fd still names the directory under the new mount: reopen it to reach the mount itself. */
    if (tfd >= 0) { close(tfd); tfd = open_in_root(rootfd, m->target, O_PATH); snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", tfd); }
    if (remount_readonly(target) < 0) child_fail(errno, "remount read-only", m->target);
  }
  if (tfd >= 0) close(tfd);
}

/* A device node as Docker makes them outside a user namespace: mknod, then chmod, which the umask cannot touch. Where
 * mknod is refused (no CAP_MKNOD here, say), the host's node is bound over an empty file, as in a user namespace. */
static void do_mknod(int rootfd, const char *path, uint32_t major, uint32_t minor) {
  char *slash = strrchr(path, '/');
  if (!slash) child_fail(EINVAL, "device node path", path);
  char parent_path[4096];
  snprintf(parent_path, sizeof parent_path, "%.*s", (int) (slash - path), path);
  int parent = open_in_root(rootfd, *parent_path ? parent_path : "/", O_PATH | O_DIRECTORY);
  if (parent < 0) child_fail(errno, "open device node parent", path);
  int r = mknodat(parent, slash + 1, S_IFCHR | 0666, makedev(major, minor));
  if (r == 0 && fchmodat(parent, slash + 1, 0666, 0) < 0) child_fail(errno, "chmod device node", path);
  int err = errno;
  close(parent);
  if (r == 0 || err == EEXIST) return;
  if (err != EPERM) child_fail(err, "mknod", path);
  struct mount_op bind = { MS_BIND, M_IN_ROOT | M_MKFILE | M_OPTIONAL, (char *) path, (char *) path, NULL, NULL };
  do_mount(rootfd, &bind);
}

/* Docker's masking: /dev/null over a file, an empty read-only tmpfs over a directory. */
static void do_mask(int rootfd, const char *path) {
  int fd = open_in_root(rootfd, path, O_PATH);
  if (fd < 0) { if (errno == ENOENT) return; child_fail(errno, "open masked path", path); }
  struct stat st;
  char fdpath[64];
  snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
  if (fstat(fd, &st) < 0) child_fail(errno, "stat masked path", path);
  int r = S_ISDIR(st.st_mode)
      ? mount("tmpfs", fdpath, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0")
      : mount("/dev/null", fdpath, NULL, MS_BIND, NULL);
  if (r < 0) child_fail(errno, "mask", path);
  close(fd);
}

static void do_readonly(int rootfd, const char *path) {
  int fd = open_in_root(rootfd, path, O_PATH);
  if (fd < 0) { if (errno == ENOENT) return; child_fail(errno, "open read-only path", path); }
  char fdpath[64];
  snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
  if (mount(fdpath, fdpath, NULL, MS_BIND | MS_REC, NULL) < 0) child_fail(errno, "bind read-only path", path);
  close(fd);
  fd = open_in_root(rootfd, path, O_PATH);
  snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
  if (remount_readonly(fdpath) < 0) child_fail(errno, "remount read-only", path);
  close(fd);
}

static void do_pivot(const char *rootfs) {
  if (chdir(rootfs) < 0) child_fail(errno, "chdir", rootfs);
  if (syscall(SYS_pivot_root, ".", ".") < 0) child_fail(errno, "pivot_root", rootfs);
  if (umount2(".", MNT_DETACH) < 0) child_fail(errno, "umount old root", rootfs);
  if (chdir("/") < 0) child_fail(errno, "chdir", "/");
}

static void setup_rootfs(struct plan *pl) {
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) child_fail(errno, "make mounts private", "/");
  int rootfd = -1;
  for (int i = pl->nidmap_lowers ? 1 : 0; i < pl->nsteps; i++) {
    typeof(pl->steps[0]) *s = &pl->steps[i];
    if (rootfd < 0 && !(s->kind == T_MOUNT && !(s->m.op & M_IN_ROOT))) {
      rootfd = open(pl->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (rootfd < 0) child_fail(errno, "open rootfs", pl->rootfs);
    }
    switch (s->kind) {
      case T_MOUNT: do_mount(rootfd, &s->m); break;
      case T_MASK: do_mask(rootfd, s->a); break;
      case T_MKNOD: do_mknod(rootfd, s->a, s->major, s->minor); break;
      case T_READONLY: do_readonly(rootfd, s->a); break;
      case T_MKDIR: if (mkdir_in_root(rootfd, s->a, s->mode, 0) < 0) child_fail(errno, "mkdir", s->a); break;
      case T_SYMLINK: {
        char *slash = strrchr(s->b, '/');
        *slash = 0;
        int parent = open_in_root(rootfd, *s->b ? s->b : "/", O_PATH | O_DIRECTORY);
        *slash = '/';
        if (parent < 0) child_fail(errno, "open symlink parent", s->b);
        if (symlinkat(s->a, parent, slash + 1) < 0 && errno != EEXIST) child_fail(errno, "symlink", s->b);
        close(parent);
        break;
      }
    }
  }
  if (rootfd >= 0) close(rootfd);
  do_pivot(pl->rootfs);
  if (pl->rootfs_readonly && remount_readonly("/") < 0) child_fail(errno, "remount rootfs read-only", "/");
}

static void set_identity(struct plan *pl) {
  if (pl->has_caps) {
    for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
      if (!(pl->cap_bnd & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
        child_fail(errno, "drop capability from bounding set", NULL);
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) child_fail(errno, "keep capabilities", NULL);
  }
  if (pl->has_user) {
    if (setgroups((size_t) pl->ngroups, pl->groups) < 0 && !(errno == EPERM && pl->ngroups == 0))
      child_fail(errno, "setgroups", NULL);
    if (setresgid(pl->gid, pl->gid, pl->gid) < 0) child_fail(errno, "setgid", NULL);
    if (setresuid(pl->uid, pl->uid, pl->uid) < 0) child_fail(errno, "setuid", NULL);
  }
  if (pl->has_caps) {
    struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2];
    for (int i = 0; i < 2; i++) {
      data[i].effective = (uint32_t) (pl->cap_eff >> (32 * i));
      data[i].permitted = (uint32_t) (pl->cap_prm >> (32 * i));
      data[i].inheritable = (uint32_t) (pl->cap_inh >> (32 * i));
    }
    if (syscall(SYS_capset, &hdr, data) < 0) child_fail(errno, "capset", NULL);
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
      if ((pl->cap_amb & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
        child_fail(errno, "raise ambient capability", NULL);
    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
  }
}

/* Loads the plan's seccomp program: the last step before execve, so everything the helper does is unfiltered and the
 * program is filtered from its first instruction. no_new_privs first, as libseccomp's seccomp_load does. */
static void load_seccomp(struct plan *pl) {
  if (!pl->seccomp) return;
  struct sock_fprog prog = {
    .len = (unsigned short) (pl->seccomp_len / sizeof(struct sock_filter)),
    .filter = (struct sock_filter *) (uintptr_t) pl->seccomp,
  };
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) child_fail(errno, "prctl(PR_SET_NO_NEW_PRIVS)", NULL);
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) child_fail(errno, "load seccomp filter", NULL);
}

/* execvpe with the container's PATH (glibc's execvpe would search the helper's PATH instead). */
static void exec_program(struct plan *pl) {
  const char *file = pl->argv[0];
  load_seccomp(pl);
  if (strchr(file, '/')) {
    execve(file, pl->argv, pl->envp);
    child_fail(errno, "exec", file);
  }
  const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (int i = 0; i < pl->envc; i++)
    if (strncmp(pl->envp[i], "PATH=", 5) == 0) path = pl->envp[i] + 5;
  int saw_eacces = 0;
  char candidate[4096];
  for (const char *p = path; ; ) {
    const char *colon = strchr(p, ':');
    size_t dlen = colon ? (size_t) (colon - p) : strlen(p);
    snprintf(candidate, sizeof candidate, "%.*s/%s", (int) dlen, dlen ? p : ".", file);
    execve(candidate, pl->argv, pl->envp);
    if (errno == EACCES) saw_eacces = 1;
    else if (errno != ENOENT && errno != ENOTDIR) child_fail(errno, "exec", candidate);
    if (!colon) break;
    p = colon + 1;
  }
  child_fail(saw_eacces ? EACCES : ENOENT, "exec in $PATH", file);
}

static void forward_signal(int sig) { if (forward_to > 0) kill(forward_to, sig); }

static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT, SIGALRM };

static void install_forwarding(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward_signal;
  sa.sa_flags = SA_RESTART;
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaction(forwarded[i], &sa, NULL);
}

/* --init: PID 1 stays this helper, which reaps every orphan and hands signals to the program (like tini). */
static int run_as_init(struct plan *pl) {
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  pid_t program = fork();
  if (program < 0) child_fail(errno, "fork program", NULL);
  if (program == 0) {
    sigprocmask(SIG_SETMASK, &old, NULL);
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) signal(forwarded[i], SIG_DFL);
    exec_program(pl);
  }
  close(err_fd);
  forward_to = program;
  install_forwarding();
  sigprocmask(SIG_SETMASK, &old, NULL);
  for (;;) {
    int status;
    pid_t r = wait(&status);
    if (r < 0) { if (errno == EINTR) continue; return 125; }
    if (r == program) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
}

/* A new network namespace starts with "lo" down; Docker's --network none has it up. */
static void loopback_up(void) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) child_fail(errno, "read flags of", "lo");
  ifr.ifr_flags |= IFF_UP;
  if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) child_fail(errno, "bring up", "lo");
  close(fd);
}

/* Opened before any setns: inside an exec'd container's mount namespace the host's cgroupfs is out of sight. */
static int cgroup_fds[16];
static char cgroup_paths[16][4200];
/* The one cgroup v2 directory of the plan (v1 has "tasks", v2 only "cgroup.procs"), as an fd for clone3, and
 * whether the child was born in it. */
static int v2_index = -1, v2_dir = -1, born_in_v2 = 0;

static int open_cgroups(struct plan *pl) {
  for (int i = 0; i < pl->ncgroups; i++) {
    snprintf(cgroup_paths[i], sizeof cgroup_paths[i], "%s/tasks", pl->cgroups[i]);
    cgroup_fds[i] = open(cgroup_paths[i], O_WRONLY | O_CLOEXEC);
    if (cgroup_fds[i] < 0 && errno == ENOENT) {
      snprintf(cgroup_paths[i], sizeof cgroup_paths[i], "%s/cgroup.procs", pl->cgroups[i]);
      cgroup_fds[i] = open(cgroup_paths[i], O_WRONLY | O_CLOEXEC);
      if (cgroup_fds[i] >= 0 && v2_index < 0) {
        v2_index = i;
        v2_dir = open(pl->cgroups[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      }
    }
    if (cgroup_fds[i] < 0) { report_error(errno, "open cgroup", cgroup_paths[i]); return -1; }
  }
  return 0;
}

/* The child is born in its cgroup v2 directory where the kernel can (clone3 with CLONE_INTO_CGROUP, Linux 5.7):
 * moving a process into a v2 cgroup afterwards takes the kernel's threadgroup lock for writing, which waits for an
 * RCU grace period (10 to 18 ms a start, measured on a loaded 2-core VM), while v1's "0" into tasks moves one
 * thread without it. Any failure of clone3 (older kernel, a seccomp policy) falls back to clone and the move. */
static pid_t clone_child(unsigned long flags) {
  if (v2_dir >= 0) {
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = flags | CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = (uint64_t) v2_dir;
    born_in_v2 = 1;
    pid_t pid = (pid_t) syscall(SYS_clone3, &args, sizeof args);
    if (pid >= 0) return pid;
    born_in_v2 = 0;
  }
  return (pid_t) syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
}

/* The child moves itself: "0" in v1's tasks moves the calling thread without the kernel's global threadgroup
 * lock (an RCU grace period per write when another pid is moved). v2 has only cgroup.procs. */
static void join_cgroups(struct plan *pl) {
  for (int i = 0; i < pl->ncgroups; i++) {
    if (!(born_in_v2 && i == v2_index) && write(cgroup_fds[i], "0", 1) != 1) {
      child_fail(errno, "join cgroup", cgroup_paths[i]);
    }
    close(cgroup_fds[i]);
  }
  if (v2_dir >= 0) close(v2_dir);
}

/* cgroup v2 has no devices controller: the device rules, compiled by Java into a BPF_PROG_TYPE_CGROUP_DEVICE
 * program, are attached to the container's v2 cgroup before the child exists, so nothing of the container runs
 * unconfined. BPF_F_ALLOW_MULTI lets a program of an ancestor (systemd's) or of a nested runtime below run too:
 * every one must allow. The attachment holds the program; it goes when the cgroup is removed. */
static int attach_device_program(struct plan *pl) {
  int dir = open(pl->device_cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) { report_error(errno, "open cgroup for the device program", pl->device_cgroup); return -1; }
  union bpf_attr load;
  memset(&load, 0, sizeof load);
  load.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
  load.insns = (uint64_t) (uintptr_t) pl->device_insns;
  load.insn_cnt = pl->device_insns_len / 8;
  load.license = (uint64_t) (uintptr_t) "Apache-2.0"; /* no GPL-only helper is called */
  int prog = (int) syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof load);
  if (prog < 0 && errno == EPERM) {
    /* Before Linux 5.11 programs are charged to RLIMIT_MEMLOCK: raise it for the load only, as runc does. */
    struct rlimit old, unlimited = { RLIM_INFINITY, RLIM_INFINITY };
    if (getrlimit(RLIMIT_MEMLOCK, &old) == 0 && setrlimit(RLIMIT_MEMLOCK, &unlimited) == 0) {
      prog = (int) syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof load);
      int saved = errno;
      setrlimit(RLIMIT_MEMLOCK, &old);
      errno = saved;
    }
  }
  if (prog < 0) { report_error(errno, "load device program", pl->device_cgroup); close(dir); return -1; }
  union bpf_attr attach;
  memset(&attach, 0, sizeof attach);
  attach.target_fd = (uint32_t) dir;
  attach.attach_bpf_fd = (uint32_t) prog;
  attach.attach_type = BPF_CGROUP_DEVICE;
  attach.attach_flags = BPF_F_ALLOW_MULTI;
  int rc = (int) syscall(SYS_bpf, BPF_PROG_ATTACH, &attach, sizeof attach);
  if (rc < 0) report_error(errno, "attach device program", pl->device_cgroup);
  close(prog);
  close(dir);
  return rc;
}

/* As root with a private user namespace, the image's layers belong to host root, whom the child's namespace does not
 * map: the helper, still host root, mounts the overlay root (the plan's first step) in the child's mount namespace
 * over lowers idmapped to the child's user namespace, as crun does, once Java has written the id maps. The mounts
 * live in the child's mount namespace only and go with it. */
static int mount_root_for_child(struct plan *pl, pid_t child) {
  static int trees[MAX_ITEMS];
  char path[64], cwd[4096];
  const char *step = "open namespaces of", *what = "the container";
  int own = -1, userns = -1, mntns = -1, ntrees = 0, ok = -1, err;
  own = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
  snprintf(path, sizeof path, "/proc/%d/ns/user", (int) child);
  userns = open(path, O_RDONLY | O_CLOEXEC);
  snprintf(path, sizeof path, "/proc/%d/ns/mnt", (int) child);
  mntns = open(path, O_RDONLY | O_CLOEXEC);
  if (own < 0 || userns < 0 || mntns < 0 || !getcwd(cwd, sizeof cwd)) goto out;
  /* Relative lowers (the short links of a deep image) start from the working directory Java gave the helper. */
  for (; ntrees < pl->nidmap_lowers; ntrees++) {
    what = pl->idmap_lowers[ntrees];
    step = "open_tree (idmapped mounts need Linux 5.12)";
    trees[ntrees] = (int) syscall(SYS_open_tree, AT_FDCWD, what, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (trees[ntrees] < 0) goto out;
    struct mount_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.attr_set = MOUNT_ATTR_IDMAP;
    attr.userns_fd = (uint64_t) userns;
    step = "idmap layer (needs a filesystem with idmapped mounts)";
    if (syscall(SYS_mount_setattr, trees[ntrees], "", AT_EMPTY_PATH, &attr, sizeof attr) < 0) { close(trees[ntrees]); goto out; }
  }
  step = "enter mount namespace of"; what = "the container";
  if (setns(mntns, CLONE_NEWNS) < 0) goto out;
  step = "chdir"; what = cwd;
  if (chdir(cwd) < 0) goto back;
  step = "make mounts private"; what = "/";
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) goto back;
  for (int i = 0; i < ntrees; i++) {
    step = "attach idmapped layer"; what = pl->idmap_lowers[i];
    if (syscall(SYS_move_mount, trees[i], "", AT_FDCWD, what, MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_SYMLINKS) < 0) goto back;
  }
  struct mount_op *m = &pl->steps[0].m;
  step = "overlay"; what = m->target;
  if (pl->nsteps > 0 && pl->steps[0].kind == T_MOUNT && mount(m->source, m->target, m->fstype, m->flags, m->data) == 0) ok = 0;
back:
  err = errno;
  if (setns(own, CLONE_NEWNS) < 0 && ok == 0) { err = errno; step = "return to the helper's mount namespace"; ok = -1; }
  errno = err;
out:
  if (ok < 0) report_error(errno, step, what);
  for (int i = 0; i < ntrees; i++) close(trees[i]);
  if (own >= 0) close(own);
  if (userns >= 0) close(userns);
  if (mntns >= 0) close(mntns);
  return ok;
}

static void child_main(struct plan *pl, int go_fd) {
  char go;
  if (read_all(go_fd, &go, 1) < 0 || go != C_GO) _exit(125);
  close(go_fd);
  if (pl->ns_root) {
    if (setresgid(0, 0, 0) < 0) child_fail(errno, "setgid 0 in user namespace", NULL);
    if (setresuid(0, 0, 0) < 0) child_fail(errno, "setuid 0 in user namespace", NULL);
  }
  join_cgroups(pl);
  if ((pl->clone_flags & CLONE_NEWCGROUP) && unshare(CLONE_NEWCGROUP) < 0) child_fail(errno, "unshare cgroup namespace", NULL);
  if (pl->loopback_up) loopback_up();
  if (pl->rootfs) setup_rootfs(pl);
  if (pl->hostname && sethostname(pl->hostname, strlen(pl->hostname)) < 0) child_fail(errno, "sethostname", pl->hostname);
  for (int i = 0; i < pl->nrlimits; i++) {
    struct rlimit rl = { .rlim_cur = pl->rlimits[i].soft, .rlim_max = pl->rlimits[i].hard };
    if (setrlimit((int) pl->rlimits[i].resource, &rl) < 0) child_fail(errno, "setrlimit", NULL);
  }
  set_identity(pl);
  if (pl->cwd && chdir(pl->cwd) < 0) child_fail(errno, "chdir to working directory", pl->cwd);
  if (pl->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) child_fail(errno, "no_new_privs", NULL);
  if (syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) < 0) child_fail(errno, "close_range", NULL);
  /* The helper records the exit: without it the container must not run on unobserved. Set after the last
   * credential change, which clears it, and re-check the parent to close the race with its death. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) child_fail(errno, "set parent-death signal", NULL);
  if (getppid() != helper_pid) _exit(125);
  if (pl->init) _exit(run_as_init(pl));
  exec_program(pl);
}

/* With its own pid namespace, every process of the container died with PID 1: its cgroups are empty and go now,
 * after the exit was reported, so that nobody waits for the kernel's slow cgroup rmdir. A zombie not yet released
 * keeps one busy for a moment; whatever is left, the runtime's reconciliation removes. */
static void remove_cgroups(struct plan *pl) {
  for (int i = 0; i < pl->ncgroups; i++) {
    for (int attempt = 0; attempt < 50 && rmdir(pl->cgroups[i]) < 0 && errno == EBUSY; attempt++) {
      struct timespec pause = { 0, 2000000 };
      nanosleep(&pause, NULL);
    }
  }
}

/* The files that say whether the kernel's OOM killer struck in the container's memory cgroup: "oom_kill N" in v1's
 * memory.oom_control or v2's memory.events. Opened while the child sets itself up, so that the exit path only reads
 * them: trying two names in every hierarchy costs a dozen failed opens. */
static int oom_fds[2];
static int noom_fds;

static void open_oom_files(struct plan *pl) {
  static const char *files[] = { "memory.oom_control", "memory.events" };
  char path[4200];
  for (int i = 0; i < pl->ncgroups && noom_fds < 2; i++) {
    for (int f = 0; f < 2 && noom_fds < 2; f++) {
      snprintf(path, sizeof path, "%s/%s", pl->cgroups[i], files[f]);
      int fd = open(path, O_RDONLY | O_CLOEXEC);
      if (fd >= 0) oom_fds[noom_fds++] = fd;
    }
  }
}

/* Read by the helper, which sees the exit first, before the cgroup goes; a read at offset 0 is a fresh one. */
static int oom_killed(void) {
  char buf[1024];
  for (int i = 0; i < noom_fds; i++) {
    ssize_t n = pread(oom_fds[i], buf, sizeof buf - 1, 0);
    if (n <= 0) continue;
    buf[n] = 0;
    const char *line = strstr(buf, "oom_kill ");
    if (line && (line == buf || line[-1] == '\n') && atol(line + 9) > 0) return 1;
  }
  return 0;
}

static void write_exit_file(const char *path, int kind, int value, int oom) {
  char tmp[4200], line[128];
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  long long millis = (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
  int n = snprintf(line, sizeof line, "%s %d %lld%s\n", kind ? "signaled" : "exited", value, millis,
                   oom ? " oom" : "");
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  /* No fsync: the rename makes the record atomic against crashes of any process, and after a host crash the
   * container is gone anyway. */
  if (write_all(fd, line, (size_t) n) == 0) rename(tmp, path);
  close(fd);
}

/* ---------- --compile-seccomp ---------- */

static void compile_fail(int err, const char *step, const char *name) {
  fprintf(stderr, "jailcell-helper: seccomp %s%s%s: %s\n", step, name ? " " : "", name ? name : "", strerror(err));
  exit(1);
}

static void need(const char *p, const char *end, size_t n) {
  if ((size_t) (end - p) < n) compile_fail(EINVAL, "rules", "truncated");
}

/* Rules: u32 default action, u32 n + n architecture names, u32 n + n rules (name, u32 action, u32 n + n conditions
 * of u32 arg, u32 op, u64 a, u64 b). Syscall names this libseccomp does not know for these architectures are
 * skipped, as runc and crun do. */
static int compile_seccomp(void) {
  static char in[1 << 20];
  size_t len = 0;
  for (;;) {
    ssize_t n = read(0, in + len, sizeof in - len);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) compile_fail(errno, "read rules", NULL);
    len += (size_t) n;
    if (len == sizeof in) compile_fail(E2BIG, "rules", NULL);
  }
  const char *p = in, *end = in + len;
  need(p, end, 8);
  scmp_filter_ctx ctx = seccomp_init(take_u32(&p));
  if (!ctx) compile_fail(EINVAL, "seccomp_init", NULL);
  /* A binary tree of syscall numbers instead of libseccomp's default linear chain: the same decisions, but the
   * kernel's action cache, which runs the program for every syscall number of every architecture at load time,
   * walks a few comparisons per number instead of a chain of hundreds. Docker's profile then loads in 0.6 ms
   * instead of 1.4 ms (bench/seccomp-load.sh), and filtered syscalls pass faster too. libseccomp 2.5 or later; an
   * older one refuses the attribute and keeps the linear chain. */
  seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
  uint32_t narch = take_u32(&p);
  for (uint32_t i = 0; i < narch; i++) {
    char *name = take_str(&p, end);
    if (!name) compile_fail(EINVAL, "rules", "truncated");
    uint32_t arch = seccomp_arch_resolve_name(name);
    if (arch == 0) continue;
    int rc = seccomp_arch_add(ctx, arch);
    if (rc < 0 && rc != -EEXIST) compile_fail(-rc, "seccomp_arch_add", name);
  }
  need(p, end, 4);
  uint32_t nrules = take_u32(&p);
  for (uint32_t i = 0; i < nrules; i++) {
    char *name = take_str(&p, end);
    if (!name) compile_fail(EINVAL, "rules", "truncated");
    need(p, end, 8);
    uint32_t action = take_u32(&p), nconds = take_u32(&p);
    struct scmp_arg_cmp conds[6];
    if (nconds > 6) compile_fail(E2BIG, "rule conditions", name);
    need(p, end, 24 * (size_t) nconds);
    for (uint32_t c = 0; c < nconds; c++) {
      conds[c].arg = take_u32(&p);
      conds[c].op = (enum scmp_compare) take_u32(&p);
      conds[c].datum_a = take_u64(&p);
      conds[c].datum_b = take_u64(&p);
    }
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) continue;
    int rc = seccomp_rule_add_array(ctx, action, nr, nconds, conds);
    if (rc < 0) compile_fail(-rc, "seccomp_rule_add", name);
  }
  if (p != end) compile_fail(EINVAL, "rules", "trailing bytes");
  int rc = seccomp_export_bpf(ctx, 1);
  if (rc < 0) compile_fail(-rc, "seccomp_export_bpf", NULL);
  seccomp_release(ctx);
  return 0;
}

static int connect_socket(const char *path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  if (fd < 0 || strlen(path) >= sizeof addr.sun_path) return -1;
  strcpy(addr.sun_path, path);
  return connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0 ? -1 : fd;
}

/* ---------- hold mode: the rootless network namespace holder ----------
 *
 *   jailcell-helper hold
 *
 * Makes a user namespace (this user mapped to root, as "unshare -r" does) and a network namespace owned by it,
 * brings "lo" up, says "ready" on stdout, and then only waits: it is the long-lived process whose namespaces a
 * rootless store's bridges live in (see io.jailcell.container.NetnsHolder). SIGTERM ends it; it has no terminal
 * and ignores the hang-up and interrupt signals of the session that started it. Failures go to stderr with the
 * step, and the exit code is 125. */
static int hold_write(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int r = write_all(fd, text, strlen(text));
  int saved = errno;
  close(fd);
  errno = saved;
  return r;
}

static int hold_fail(const char *step) {
  fprintf(stderr, "jailcell-helper hold: %s: %s\n", step, strerror(errno));
  return 125;
}

static int hold(void) {
  char map[64];
  unsigned uid = (unsigned) geteuid(), gid = (unsigned) getegid();
  setsid();
  if (unshare(CLONE_NEWUSER) < 0) return hold_fail("unshare user namespace");
  if (hold_write("/proc/self/setgroups", "deny") < 0 && errno != ENOENT) return hold_fail("write setgroups");
  snprintf(map, sizeof map, "0 %u 1\n", uid);
  if (hold_write("/proc/self/uid_map", map) < 0) return hold_fail("write uid_map");
  snprintf(map, sizeof map, "0 %u 1\n", gid);
  if (hold_write("/proc/self/gid_map", map) < 0) return hold_fail("write gid_map");
  if (unshare(CLONE_NEWNET) < 0) return hold_fail("unshare network namespace");
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) return hold_fail("read flags of lo");
  ifr.ifr_flags |= IFF_UP;
  if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) return hold_fail("bring up lo");
  close(fd);
  signal(SIGHUP, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  if (chdir("/") < 0) return hold_fail("chdir /");
  printf("ready\n");
  fflush(stdout);
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) { dup2(null, 0); dup2(null, 1); dup2(null, 2); close(null); }
  for (;;) pause();
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "hold") == 0) return hold();
  if (argc == 2 && strcmp(argv[1], "--compile-seccomp") == 0) return compile_seccomp();
  if (argc != 3) {
    fprintf(stderr, "jailcell-helper: started by the jailcell runtime, not by hand (usage: %s SOCKET TOKEN)\n", argv[0]);
    return 125;
  }
  signal(SIGPIPE, SIG_IGN);
  setsid();
  sock = connect_socket(argv[1]);
  if (sock < 0) { fprintf(stderr, "jailcell-helper: connect %s: %s\n", argv[1], strerror(errno)); return 125; }
  send_event(E_HELLO, argv[2], (uint32_t) strlen(argv[2]));

  static struct plan pl;
  if (read_plan(&pl) < 0) { report_error(errno, "read plan", NULL); return 125; }
  if (pl.argc == 0) { report_error(EINVAL, "plan has no program", NULL); return 125; }
  if (pl.mount_base && chdir(pl.mount_base) < 0) {
    report_error(errno, "chdir to the mount base", pl.mount_base);
    return 125;
  }

  if (open_cgroups(&pl) < 0) return 125;
  if (pl.device_cgroup && attach_device_program(&pl) < 0) return 125;
  /* Open every namespace first: once in the container's mount namespace, /proc is the container's. */
  int nsfds[16];
  for (int i = 0; i < pl.njoins; i++) {
    nsfds[i] = open(pl.joins[i].path, O_RDONLY | O_CLOEXEC);
    if (nsfds[i] < 0) { report_error(errno, "open namespace", pl.joins[i].path); return 125; }
  }
  for (int i = 0; i < pl.njoins; i++) {
    if (setns(nsfds[i], (int) pl.joins[i].nstype) < 0) { report_error(errno, "setns", pl.joins[i].path); return 125; }
    close(nsfds[i]);
  }

  int go_pipe[2], err_pipe[2];
  if (pipe2(go_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) { report_error(errno, "pipe", NULL); return 125; }
  /* The cgroup namespace is made by the child after it has moved into its cgroup: then the container sees its
   * own cgroup as "/", as under runc. */
  pid_t child = clone_child((unsigned long) pl.clone_flags & ~(unsigned long) CLONE_NEWCGROUP);
  if (child < 0) { report_error(errno, "clone", NULL); return 125; }
  if (child == 0) {
    helper_pid = getppid();
    close(sock); sock = -1;
    close(go_pipe[1]); close(err_pipe[0]);
    err_fd = err_pipe[1];
    child_main(&pl, go_pipe[0]);
  }
  close(go_pipe[0]); close(err_pipe[1]);
  for (int i = 0; i < pl.ncgroups; i++) close(cgroup_fds[i]);
  if (v2_dir >= 0) close(v2_dir);

  uint32_t cpid = (uint32_t) child;
  send_event(E_CHILD_PID, &cpid, 4);
  uint8_t cmd = C_ABORT;
  if (pl.go_at_once) cmd = C_GO; /* nothing for the runtime to do first: no GO comes */
  else if (sock < 0 || sock_read(&cmd, 1) < 0) cmd = C_ABORT;
  if (cmd == C_GO && pl.nidmap_lowers && mount_root_for_child(&pl, child) < 0) cmd = C_ABORT;
  if (cmd != C_GO) { kill(child, SIGKILL); waitpid(child, NULL, 0); return 125; }
  forward_to = child;
  install_forwarding();
  write_all(go_pipe[1], &cmd, 1);
  close(go_pipe[1]);
  open_oom_files(&pl);

  char errbuf[4096];
  ssize_t n;
  do { n = read(err_pipe[0], errbuf, sizeof errbuf); } while (n < 0 && errno == EINTR);
  close(err_pipe[0]);
  if (n > 0) send_event(E_ERROR, errbuf, (uint32_t) n);
  else send_event(E_STARTED, &cpid, 4);

  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) { report_error(errno, "waitpid", NULL); return 125; }
  }
  int kind = WIFSIGNALED(status), value = kind ? WTERMSIG(status) : WEXITSTATUS(status);
  int oom = oom_killed();
  if (pl.exit_file && n <= 0) write_exit_file(pl.exit_file, kind, value, oom);
  char ev[6] = { (char) kind };
  memcpy(ev + 1, &value, 4);
  ev[5] = (char) oom;
  send_event(E_EXIT, ev, 6);
  if (pl.clone_flags & CLONE_NEWPID) remove_cgroups(&pl);
  return kind ? 128 + value : value;
}
