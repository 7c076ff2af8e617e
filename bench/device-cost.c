/* What the cgroup v2 device program adds to a container start, step by step: mkdir of the container's cgroup2
 * directory, BPF_PROG_LOAD (the kernel's verifier and JIT), BPF_PROG_ATTACH, and the rmdir after the exit, as the
 * helper does them. Usage: device-cost PROGRAM_FILE CGROUP2_MOUNT RUNS; prints medians and p90s in microseconds,
 * and the verifier's statistics for one load. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static int load(const char *insns, int n, char *log, unsigned log_size) {
  union bpf_attr a;
  memset(&a, 0, sizeof a);
  a.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
  a.insns = (uint64_t) (uintptr_t) insns;
  a.insn_cnt = (uint32_t) n / 8;
  a.license = (uint64_t) (uintptr_t) "Apache-2.0";
  if (log) { a.log_buf = (uint64_t) (uintptr_t) log; a.log_size = log_size; a.log_level = 4; /* stats */ }
  return (int) syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof a);
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: %s PROGRAM_FILE CGROUP2_MOUNT RUNS\n", argv[0]); return 2; }
  static char insns[32768], log[65536];
  int fd = open(argv[1], O_RDONLY);
  int n = fd < 0 ? -1 : (int) read(fd, insns, sizeof insns);
  if (n <= 0 || n % 8) { perror(argv[1]); return 1; }
  close(fd);
  int runs = atoi(argv[3]);
  if (runs < 1 || runs > 10000) { fprintf(stderr, "RUNS: 1 to 10000\n"); return 2; }
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/device-cost-%d", argv[2], (int) getpid());
  double *t = calloc((size_t) runs * 4, sizeof *t);
  for (int i = 0; i < runs; i++) {
    double t0 = now_us();
    if (mkdir(dir, 0755) < 0) { perror(dir); return 1; }
    double t1 = now_us();
    int cg = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int prog = load(insns, n, NULL, 0);
    if (prog < 0) { perror("BPF_PROG_LOAD"); rmdir(dir); return 1; }
    double t2 = now_us();
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.target_fd = (uint32_t) cg; a.attach_bpf_fd = (uint32_t) prog;
    a.attach_type = BPF_CGROUP_DEVICE; a.attach_flags = BPF_F_ALLOW_MULTI;
    if (syscall(SYS_bpf, BPF_PROG_ATTACH, &a, sizeof a) < 0) { perror("BPF_PROG_ATTACH"); rmdir(dir); return 1; }
    close(prog); close(cg);
    double t3 = now_us();
    if (rmdir(dir) < 0) { perror(dir); return 1; }
    double t4 = now_us();
    t[i] = t1 - t0; t[runs + i] = t2 - t1; t[2 * runs + i] = t3 - t2; t[3 * runs + i] = t4 - t3;
  }
  const char *names[] = { "mkdir", "load", "attach", "rmdir" };
  printf("device-program insns=%d runs=%d", n / 8, runs);
  for (int s = 0; s < 4; s++) {
    qsort(t + s * runs, (size_t) runs, sizeof *t, by_value);
    printf(" %s_median_us=%.1f %s_p90_us=%.1f", names[s], t[s * runs + runs / 2], names[s], t[s * runs + runs * 9 / 10]);
  }
  printf("\n");
  int prog = load(insns, n, log, sizeof log);
  char *stats = strstr(log, "processed");
  char *took = strstr(log, "verification time");
  if (prog >= 0 && stats && took) {
    *strchr(stats, '\n') = 0; *strchr(took, '\n') = 0;
    printf("verifier: %s; %s\n", took, stats);
  }
  return 0;
}
