/* Clocks: every clock has a resolution and moves forward; sleeping takes at least as long as asked.
 * Prints only facts that hold on any host, so runs can be compared. */
#include <stdio.h>
#include <time.h>
#include <wasi/api.h>

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(id, 1, &t) != 0) {
    return 0;
  }
  return t;
}

int main(void) {
  const char *names[] = {"realtime", "monotonic", "process", "thread"};
  for (__wasi_clockid_t id = 0; id < 4; id++) {
    __wasi_timestamp_t res = 0;
    __wasi_errno_t e = __wasi_clock_res_get(id, &res);
    __wasi_timestamp_t a = now(id);
    __wasi_timestamp_t b = now(id);
    printf("%s: res %s, forward %s\n", names[id], e == 0 && res > 0 ? "ok" : "bad",
           b >= a ? "ok" : "bad");
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  printf("realtime after 2020: %s\n", ts.tv_sec > 1577836800 ? "yes" : "no");
  __wasi_timestamp_t before = now(__WASI_CLOCKID_MONOTONIC);
  struct timespec nap = {0, 30 * 1000 * 1000};
  nanosleep(&nap, NULL);
  __wasi_timestamp_t after = now(__WASI_CLOCKID_MONOTONIC);
  printf("nanosleep 30ms: %s\n", after - before >= 30 * 1000 * 1000 ? "ok" : "too short");
  __wasi_timestamp_t x = 0;
  printf("bad clock id: %d\n", __wasi_clock_time_get(9, 1, &x));
  return 0;
}
