/*
 * C baseline for the HALT lock cost: ns per lock+unlock pair of the HALT byte (offset 72, length
 * 1, write lock, F_OFD_SETLKW) on a local file, the same calls litefs4j makes through JNA and
 * litefs-go makes through syscall.FcntlFlock. Built and run by litefs4j's benchmark runner.
 *
 * usage: ofdlock FILE PAIRS ROUNDS   prints {"nsPerPair":[...]} (one value per round)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int setlkw(int fd, short type) {
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = 72;
  fl.l_len = 1;
  int rc;
  do {
    rc = fcntl(fd, F_OFD_SETLKW, &fl);
  } while (rc == -1 && errno == EINTR);
  return rc;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s FILE PAIRS ROUNDS\n", argv[0]);
    return 2;
  }
  long pairs = atol(argv[2]);
  int rounds = atoi(argv[3]);
  if (pairs <= 0 || rounds <= 0) {
    fprintf(stderr, "ofdlock: PAIRS and ROUNDS must be positive\n");
    return 2;
  }
  int fd = open(argv[1], O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    fprintf(stderr, "ofdlock: open %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  printf("{\"nsPerPair\":[");
  for (int r = 0; r < rounds; r++) {
    double start = now_ns();
    for (long i = 0; i < pairs; i++) {
      if (setlkw(fd, F_WRLCK) != 0 || setlkw(fd, F_UNLCK) != 0) {
        fprintf(stderr, "ofdlock: fcntl: %s\n", strerror(errno));
        return 1;
      }
    }
    printf("%s%.1f", r ? "," : "", (now_ns() - start) / (double)pairs);
  }
  printf("]}\n");
  close(fd);
  return 0;
}
