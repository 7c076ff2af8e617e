/* What loading a seccomp program costs a container start, by layout: the rules of Docker's default profile (from
 * SeccompRulesDump) compiled by libseccomp as its default linear chain and as a binary tree
 * (SCMP_FLTATR_CTL_OPTIMIZE=2, what jailcell-helper --compile-seccomp emits), each loaded in a fresh child,
 * alternately, next to a child that loads nothing. Usage: seccomp-load RULES RUNS */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char rules[1 << 20];
static size_t rules_len;

static uint32_t u32(const char **p) { uint32_t v; memcpy(&v, *p, 4); *p += 4; return v; }
static uint64_t u64(const char **p) { uint64_t v; memcpy(&v, *p, 8); *p += 8; return v; }
static char *str(const char **p) {
  uint32_t n = u32(p);
  char *s = malloc(n + 1);
  memcpy(s, *p, n); s[n] = 0; *p += n;
  return s;
}

/* The same reading of the rule format as the helper's compile_seccomp. */
static struct sock_fprog compile(int tree) {
  const char *p = rules;
  scmp_filter_ctx ctx = seccomp_init(u32(&p));
  if (tree && seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0) { fprintf(stderr, "no binary tree\n"); exit(1); }
  for (uint32_t i = 0, n = u32(&p); i < n; i++) {
    uint32_t arch = seccomp_arch_resolve_name(str(&p));
    if (arch) seccomp_arch_add(ctx, arch);
  }
  for (uint32_t i = 0, n = u32(&p); i < n; i++) {
    char *name = str(&p);
    uint32_t action = u32(&p), nconds = u32(&p);
    struct scmp_arg_cmp conds[6];
    for (uint32_t c = 0; c < nconds; c++) {
      conds[c].arg = u32(&p); conds[c].op = (enum scmp_compare) u32(&p);
      conds[c].datum_a = u64(&p); conds[c].datum_b = u64(&p);
    }
    int nr = seccomp_syscall_resolve_name(name);
    if (nr != __NR_SCMP_ERROR && seccomp_rule_add_array(ctx, action, nr, nconds, conds) < 0) exit(1);
  }
  int pipefd[2];
  if (pipe(pipefd) < 0 || fcntl(pipefd[1], F_SETPIPE_SZ, 1 << 20) < 0) exit(1);
  if (seccomp_export_bpf(ctx, pipefd[1]) < 0) exit(1);
  close(pipefd[1]);
  static char out[2][1 << 16];
  ssize_t n = read(pipefd[0], out[tree], sizeof out[tree]);
  close(pipefd[0]);
  seccomp_release(ctx);
  return (struct sock_fprog) { .len = (unsigned short) (n / 8), .filter = (struct sock_filter *) out[tree] };
}

static double once(struct sock_fprog *prog) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  pid_t child = fork();
  if (child == 0) {
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    _exit(prog && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog) < 0 ? 1 : 0);
  }
  int status;
  waitpid(child, &status, 0);
  clock_gettime(CLOCK_MONOTONIC, &b);
  if (status != 0) { fprintf(stderr, "loading the program failed\n"); exit(1); }
  return (double) (b.tv_sec - a.tv_sec) * 1e3 + (double) (b.tv_nsec - a.tv_nsec) / 1e6;
}

static int cmp(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s RULES RUNS\n", argv[0]); return 2; }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) { perror(argv[1]); return 1; }
  rules_len = (size_t) read(fd, rules, sizeof rules);
  close(fd);
  int runs = atoi(argv[2]);
  struct sock_fprog linear = compile(0), tree = compile(1);
  double *t[3];
  for (int k = 0; k < 3; k++) t[k] = calloc((size_t) runs, sizeof(double));
  for (int i = 0; i < runs; i++) {
    t[0][i] = once(NULL);
    t[1][i] = once(&linear);
    t[2][i] = once(&tree);
  }
  const char *names[] = { "fork-only", "linear", "binary-tree" };
  unsigned short lens[] = { 0, linear.len, tree.len };
  for (int k = 0; k < 3; k++) qsort(t[k], (size_t) runs, sizeof(double), cmp);
  for (int k = 0; k < 3; k++) {
    printf("%-12s instructions=%4u median_ms=%.3f load_ms=%.3f\n", names[k], lens[k], t[k][runs / 2],
           t[k][runs / 2] - t[0][runs / 2]);
  }
  return 0;
}
