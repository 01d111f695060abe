/* The sweep engine: for each format and target set, the suite's points; the references
 * once per point (MPFR, all threads); then every implementation, mode and function run as
 * batched kernels and measured against them, each thread with its own accumulators, merged. */
#ifndef SCEBENCH_SWEEP_H
#define SCEBENCH_SWEEP_H

#include "accumulator.h"
#include "registry.h"
#include "suites.h"

#define SWEEP_MAX_IMPLEMENTATIONS 64

struct sweep_request {
    const struct implementation *impls[SWEEP_MAX_IMPLEMENTATIONS];
    size_t impl_count;
    enum format formats[FORMAT_COUNT];
    int format_count;
    int functions[FUNCTION_COUNT]; /* selected: 1 */
    int suite;
    enum target_set target_sets[TARGETS_ALL];
    int target_count;
    uint64_t seed;
    size_t random_count;
    int threads;
    int progress;
};

struct sweep_run {
    const struct implementation *impl;
    enum format format;
    enum mode mode;
    enum function function;
    enum target_set targets;
    struct accumulator accumulator;
};

struct sweep_result {
    struct sweep_run *runs;
    size_t run_count;
    double seconds;
    double reference_seconds;  /* wall time spent in the references */
    uint64_t reference_values; /* reference values computed (points x functions) */
    uint64_t measured_values;  /* values measured over all runs */
};

int sweep_execute(const struct sweep_request *request, struct sweep_result *result);
void sweep_result_free(struct sweep_result *result);

/* The implementation's claim for the run (0: none) and whether the run keeps it: every error
 * within the claim, and no overflow, NaN or infinity mismatch. */
double run_contract(const struct sweep_run *run);
int run_contract_holds(const struct sweep_run *run);

#endif
