/* Threads and ranks: pinning OpenMP threads to cores with hwloc, and the MPI collectives the
 * sweep needs (a no-op single rank where scebench is built without MPI or not launched by
 * mpirun/srun). */
#ifndef SCEBENCH_PARALLEL_H
#define SCEBENCH_PARALLEL_H

#include <stddef.h>

/* Physical cores of the machine (hwloc), at least 1. */
int parallel_core_count(void);

/* Binds the calling thread to core (index modulo the core count); returns 0 on success. */
int parallel_pin_thread(int index);

/* Starts MPI when launched by mpirun or srun; rank 0 of 1 otherwise. */
void parallel_start(int *rank, int *ranks);
void parallel_finish(void);

/* Rank 0 receives every rank's `bytes` bytes, in rank order, into `all` (ranks * bytes). */
int parallel_gather(const void *mine, size_t bytes, void *all);

/* The sum of a double and the maximum of a double over ranks, on every rank. */
double parallel_sum(double value);
double parallel_maximum(double value);

#endif
