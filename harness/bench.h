/* The throughput engine of `scebench bench`.
 *
 * A measurement runs one function of a kernel set over n elements with T OpenMP threads, each
 * pinned to its own core (hwloc_set_cpubind of the core's cpuset) and working on its own
 * contiguous slice of the arrays.  It is repeated: a calibration doubles as the warm-up and
 * picks `inner`, the number of passes over the slice that makes one repetition last at least
 * min_seconds; then `reps` timed repetitions, each between two barriers of the parallel
 * region.  The rate of a repetition is n * inner / its wall time; the result is the median,
 * minimum and maximum over the repetitions.
 *
 * Inputs are random, built once per format and size in the format's storage, with the pages
 * first touched by the threads that use them: x uniform in [-20, 20] (one element in 16 uniform
 * in [-100, 100]) and never zero; z half hard (0 or 1), half soft (uniform in [0.01, 0.99]). */
#ifndef SCEBENCH_BENCH_H
#define SCEBENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include "registry.h"

enum bench_function { BENCH_LOSS, BENCH_GRAD, BENCH_FUSED, BENCH_MEAN, BENCH_MEAN_GRAD, BENCH_READ, BENCH_FUNCTION_COUNT };

static const char *const bench_function_name[BENCH_FUNCTION_COUNT] = {"loss", "grad", "loss+grad", "mean", "mean+grad", "read"};

/* The arrays of one format and size: x and z (inputs), loss and grad (outputs). */
struct bench_buffers {
    enum format format;
    size_t count;
    void *x, *z, *loss, *grad;
};

/* Allocates the arrays for `count` elements and fills the inputs from `seed`, the pages first
 * touched by `threads` pinned threads.  Returns 0, or -1 when out of memory. */
int bench_buffers_create(struct bench_buffers *buffers, enum format format, size_t count, int threads, uint64_t seed);
void bench_buffers_free(struct bench_buffers *buffers);

/* The input element i of a seed, as a value of the format (what bench_buffers_create stores). */
void bench_input(enum format format, uint64_t seed, size_t i, double *x, double *z);

struct bench_settings {
    int reps;           /* timed repetitions (at least 10) */
    double min_seconds; /* minimum duration of one repetition */
};

struct bench_stats {
    double median, min, max; /* elements per second */
    long inner;              /* passes over the slice per repetition */
    int pinned;              /* every thread was bound to its own core */
    int composed;            /* loss+grad or mean composed from loss and grad */
};

/* Bytes moved per element: 2 inputs read, plus the outputs written (1 for loss and grad, 2 for
 * loss+grad, 0 for mean and read). */
size_t bench_bytes_per_element(enum format format, enum bench_function function);

/* Whether the kernel set can run the function (loss+grad needs fused, or loss and grad; mean
 * needs mean, or loss). */
int bench_available(const struct kernel_set *set, enum bench_function function);

/* Times a function of a kernel set (set unused for BENCH_READ) over the first n elements of
 * the buffers.  Returns 0, or -1 when OpenMP did not give `threads` threads. */
int bench_measure(const struct kernel_set *set, enum bench_function function, const struct bench_buffers *buffers,
                  size_t n, int threads, const struct bench_settings *settings, struct bench_stats *stats);

/* The read kernel of the roofline (bench_read.c): the sum, as integers of the storage width
 * with wrap-around, of n elements of x and z; vectorized at the widest vector the CPU has. */
uint64_t bench_read_sum(enum format format, size_t n, const void *x, const void *z);

#endif
