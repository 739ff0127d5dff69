/* The same benchmark jobs as carestat-bench, calling OpenBLAS/LAPACK directly from C: the floor that
 * CareStat's numerics layer is measured against (it must add < 5% overhead).
 *   blas_peer dgemm N REPS       C = A·B (cblas_dgemm)
 *   blas_peer cholesky-solve N REPS   copy S, dpotrf, dpotrs with b = 1 (S = AᵀA/n + I built untimed)
 * Prints one JSON line: median seconds of REPS timed runs after one warm-up, and a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cblas.h>
#include <lapack.h>

static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }
static void fill(double *a, long n, unsigned offset) {
  for (long i = 0; i < n * n; i++) { unsigned h = ((unsigned)i + offset) * 2654435761u; a[i] = h / 4294967296.0 - 0.5; }
}
static int cmp(const void *x, const void *y) { double a = *(const double *)x, b = *(const double *)y; return (a > b) - (a < b); }

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: blas_peer JOB N REPS\n"); return 1; }
  const char *job = argv[1]; int n = atoi(argv[2]), reps = atoi(argv[3]);
  double *times = calloc(reps, sizeof(double)), checksum = 0;
  if (strcmp(job, "dgemm") == 0) {
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
    fill(a, n, 0); fill(b, n, 7);
    for (int r = 0; r <= reps; r++) {
      double t0 = now();
      cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
      double t1 = now();
      if (r > 0) times[r - 1] = t1 - t0;
      checksum = 0; for (long i = 0; i < (long)n * n; i++) checksum += c[i];
    }
  } else if (strcmp(job, "cholesky-solve") == 0) {
    double *a = malloc(sizeof(double) * n * n), *s = calloc((size_t)n * n, sizeof(double)), *l = malloc(sizeof(double) * n * n), *x = malloc(sizeof(double) * n);
    fill(a, n, 0);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, n, n, 1.0, a, n, 0.0, s, n);
    for (int j = 0; j < n; j++) { for (int i = 0; i < j; i++) s[i + (long)j * n] = s[j + (long)i * n]; }
    for (long i = 0; i < (long)n * n; i++) s[i] /= n;
    for (int j = 0; j < n; j++) s[j + (long)j * n] += 1;
    for (int r = 0; r <= reps; r++) {
      double t0 = now();
      memcpy(l, s, sizeof(double) * n * n);
      int info = 0, one = 1;
      dpotrf_("L", &n, l, &n, &info, 1);
      for (int i = 0; i < n; i++) x[i] = 1;
      dpotrs_("L", &n, &one, l, &n, x, &n, &info, 1);
      double t1 = now();
      if (info != 0) { fprintf(stderr, "LAPACK info %d\n", info); return 2; }
      if (r > 0) times[r - 1] = t1 - t0;
      checksum = 0; for (int i = 0; i < n; i++) checksum += x[i];
    }
  } else { fprintf(stderr, "unknown job %s\n", job); return 1; }
  qsort(times, reps, sizeof(double), cmp);
  double med = reps % 2 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
  printf("{\"job\":\"%s\",\"n\":%d,\"seconds\":%.9g,\"checksum\":%.17g,\"threads\":%d,\"core\":\"%s\"}\n",
         job, n, med, checksum, openblas_get_num_threads(), openblas_get_corename());
  return 0;
}
