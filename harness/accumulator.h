/* Accumulators of ULP errors for one run (implementation, format, mode, function, targets).
 *
 * Merging is associative and commutative bit for bit, so a sweep split over threads or MPI
 * ranks gives the numbers of a single-thread run: counts are integers, the maximum is a
 * maximum, the sum of errors is an exact fixed-point sum (below), and the worst cases are the
 * first WORST_COUNT in a total order (error, then the bits of x and z). */
#ifndef SCEBENCH_ACCUMULATOR_H
#define SCEBENCH_ACCUMULATOR_H

#include <stdint.h>
#include "metric.h"

#define WORST_COUNT 10
#define EXAMPLE_COUNT 3
#define BUCKET_COUNT 9
#define SUM_LIMBS 40

/* Upper bounds of the histogram buckets: exact (error 0 and r = y exactly), <=0.5, <=1, <=2,
 * <=4, <=16, <=2^10, <=2^20, more. */
static const double bucket_limit[BUCKET_COUNT - 1] = {0.0, 0.5, 1.0, 2.0, 4.0, 16.0, 1024.0, 1048576.0};
static const char *const bucket_name[BUCKET_COUNT] = {
    "0", "<=0.5", "<=1", "<=2", "<=4", "<=16", "<=2^10", "<=2^20", ">2^20"};

/* A sum of nonnegative doubles in fixed point: terms below 2^31 in units of 2^-32 (each
 * truncated there) in one 128-bit integer; larger terms in units of 2^-64 in 32-bit digits
 * held in 64-bit limbs, so that 2^30 additions need no carry.  Each term's contribution
 * depends on the term alone, so the sum does not depend on the order. */
struct exact_sum {
    unsigned __int128 small;
    uint64_t limb[SUM_LIMBS];
    uint32_t pending;
};

struct worst_case {
    double x, z, got, exact, ulp_error;
    enum outcome outcome;
};

/* Points whose error is infinite (overflow, nan, inf-mismatch) are counted in their class and
 * in the last histogram bucket; the maximum, the mean and the worst cases are over the points
 * with a finite error, so that one NaN does not hide every other number.  For each class but
 * ok, the examples are its EXAMPLE_COUNT inputs of smallest |x|: where a formula starts to
 * break. */
struct accumulator {
    uint64_t points;
    uint64_t finite_points;
    double max_ulp;
    struct exact_sum error_sum;
    uint64_t histogram[BUCKET_COUNT];
    uint64_t outcomes[OUTCOME_COUNT];
    int worst_count;
    struct worst_case worst[WORST_COUNT];
    int example_count[OUTCOME_COUNT];
    struct worst_case examples[OUTCOME_COUNT][EXAMPLE_COUNT];
};

void accumulator_init(struct accumulator *accumulator);
void accumulator_add(struct accumulator *accumulator, double x, double z, double got,
                     double exact, struct measurement measurement);

/* The bars of the accumulator's lists, for fast_measure_summary: the worst cases' and, per
 * class, the |x| of its last example (+inf while the list is not full). */
struct fast_summary_bars;
void accumulator_summary_bars(const struct accumulator *accumulator, struct fast_summary_bars *bars);

/* Adds the points fast_measure_summary took (simple[i] set: a finite error[i] with outcome ok,
 * or a failure that enters neither list; exact[i] the correctly rounded reference) from its
 * sums: what accumulator_add would do for each, and, for its rare points (those that may
 * enter the worst cases or need the wide sum), the same in order. */
struct fast_block_summary;
void accumulator_add_summary(struct accumulator *accumulator, const double *error,
                             const struct fast_block_summary *summary, const double *x, const double *z,
                             const double *got, const double *exact);
void accumulator_merge(struct accumulator *into, const struct accumulator *from);
double accumulator_mean_ulp(const struct accumulator *accumulator);

#endif
