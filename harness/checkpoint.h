/* Checkpoints of a sweep: the runs' accumulators and profiles, the timing so far and the
 * position (stage, next block), written atomically (temporary file and rename), with a
 * fingerprint of the request so that a resume continues the same sweep.  Under MPI each rank
 * has its own file, PATH.rankN. */
#ifndef SCEBENCH_CHECKPOINT_H
#define SCEBENCH_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>
#include "sweep.h"

int checkpoint_write(const char *path, int rank, int ranks, uint64_t fingerprint, size_t stage,
                     uint64_t next_block, const struct sweep_timing *timing,
                     const struct accumulator *accumulators, const struct run_profile *profiles,
                     size_t run_count, char *error, size_t error_size);

int checkpoint_read(const char *path, int rank, int ranks, uint64_t fingerprint, size_t *stage,
                    uint64_t *next_block, struct sweep_timing *timing, struct accumulator *accumulators,
                    struct run_profile *profiles, size_t run_count, char *error, size_t error_size);

#endif
