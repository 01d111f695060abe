/* The sweep engine.
 *
 * A sweep is a list of stages, one per format and target set; a stage's points are either a
 * list (the extreme, random and quick suites) or an enumeration of every bit pattern of x in
 * a range times a list of z (the exhaustive suite), so that 2^33 points never exist at once.
 * The points are processed in blocks: for each block, the references once (the fast tier,
 * with MPFR where it cannot decide, or MPFR alone), then every implementation, mode and
 * function as a batched kernel, measured against them into per-thread accumulators.  Blocks
 * are shared among OpenMP threads pinned to cores with hwloc, and among MPI ranks; the
 * accumulators merge exactly, so the numbers do not depend on the split.  Between epochs of
 * blocks the engine reports progress, writes checkpoints and honours SIGINT/SIGTERM. */
#ifndef SCEBENCH_SWEEP_H
#define SCEBENCH_SWEEP_H

#include "accumulator.h"
#include "registry.h"
#include "suites.h"

#define SWEEP_MAX_IMPLEMENTATIONS 64
#define SWEEP_MAX_CUSTOM_TARGETS 32

/* Suites beyond those of suites.h. */
enum { SUITE_EXHAUSTIVE = 100, SUITE_WORST = 101 };

/* Target sets beyond those of suites.h: every z in [0,1] of the format (exhaustive f16/bf16),
 * and the list given on the command line. */
enum { TARGETS_EVERY = TARGETS_COUNT, TARGETS_GIVEN, SWEEP_TARGET_KINDS };

enum reference_tier { REFERENCE_FAST, REFERENCE_MPFR };

struct sweep_request {
    const struct implementation *impls[SWEEP_MAX_IMPLEMENTATIONS];
    size_t impl_count;
    enum format formats[FORMAT_COUNT];
    int format_count;
    int functions[FUNCTION_COUNT]; /* selected: 1 */
    int suite;
    int target_sets[SWEEP_TARGET_KINDS];
    int target_count;
    double given_targets[SWEEP_MAX_CUSTOM_TARGETS];
    int given_target_count;
    uint64_t seed;
    size_t random_count;
    int has_range;
    uint64_t range_low, range_high; /* bit patterns of x, [low, high) */
    enum reference_tier reference;
    int threads;
    int progress;
    const char *checkpoint_path;
    double checkpoint_seconds;
    const char *resume_path;
    int harvest; /* --harvest: with --resume, the results of the part done, as a shard */
    int no_profiles; /* --no-profiles: leave the per-x profiles and heat maps out */
    int rank, ranks; /* MPI; 0 and 1 without it */
};

/* Per-run errors against x: for runs with a few fixed targets, the largest error in bins of
 * log2|x| (eighths of a binade, |x| from 2^-8 to 2^11, both signs, one bin for smaller |x|),
 * one row per target; for runs with many targets, a coarse map over (x, z). */
#define PROFILE_TARGETS 8
#define PROFILE_BINS 305
#define HEATMAP_X_BINS 77
#define HEATMAP_Z_BINS 32

struct profile_cell {
    double max_ulp;    /* over finite errors */
    uint64_t points;
    uint64_t failures; /* infinite errors: overflow, nan, inf-mismatch */
};

struct run_profile {
    int kind; /* 0 none, 1 per target, 2 heat map */
    int target_count;
    double targets[PROFILE_TARGETS];
    union {
        struct profile_cell by_target[PROFILE_TARGETS][PROFILE_BINS];
        struct profile_cell heatmap[HEATMAP_X_BINS][HEATMAP_Z_BINS];
    } cells;
};

struct sweep_run {
    const struct implementation *impl;
    enum format format;
    enum mode mode;
    enum function function;
    int targets; /* enum target_set or TARGETS_EVERY / TARGETS_GIVEN */
    struct accumulator accumulator;
    struct run_profile *profile;
};

struct sweep_timing {
    double seconds;
    double kernel_core_seconds;  /* threads' time inside the implementations' kernels */
    double harness_core_seconds; /* threads' time in references, metric and accumulation */
    uint64_t measured_values;
    uint64_t reference_values;    /* points x functions */
    uint64_t reference_fallbacks; /* of those, decided by MPFR (fast tier undecided, or special) */
    uint64_t metric_fallbacks;    /* measurements made against MPFR */
    uint64_t repeated_values;     /* measurements taken from another run's equal output in the block */
    double fast_tier_core_seconds;
    uint64_t fast_tier_values;
};

struct sweep_result {
    struct sweep_run *runs;
    size_t run_count;
    struct sweep_timing timing;
    int threads, cores_used, ranks;
    int interrupted; /* stopped by a signal after writing the checkpoint */
    int harvested;   /* the results of an interrupted exhaustive sweep's first bit patterns */
    uint64_t harvested_low, harvested_high;
};

const char *target_kind_name(int targets);
const char *sweep_suite_name(int suite);

int sweep_execute(const struct sweep_request *request, struct sweep_result *result);
void sweep_result_free(struct sweep_result *result);

/* The implementation's claim for the run (0: none) and whether the run keeps it: every error
 * within the claim, and no overflow, NaN or infinity mismatch. */
double run_contract(const struct sweep_run *run);
int run_contract_holds(const struct sweep_run *run);

/* The lower and upper x of a profile bin, and of a heat map row. */
void profile_bin_edges(int bin, double *low, double *high);
void heatmap_bin_edges(int bin, double *low, double *high);

#endif
