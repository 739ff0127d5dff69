#ifndef CARESTAT_CLAPACK_SHIM_H
#define CARESTAT_CLAPACK_SHIM_H
// The only C headers CareStat imports. Debian 12: cblas.h from libopenblas-dev (OpenBLAS's, which also
// declares openblas_set_num_threads / openblas_get_config), lapack.h from liblapacke-dev (Fortran-style
// prototypes with hidden string-length arguments, LAPACK 3.11). Only the LinearAlgebra module imports this.
#include <cblas.h>
#include <lapack.h>
#endif
