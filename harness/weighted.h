/* The `weighted` suite of `scebench reduce`: the weighted implementations (impls/reduce/
 * weighted.h) against the MPFR references of reference_weighted.h, loss and gradient, over
 * the logits of the `extreme` and `quick` suites (harness/suites.h) with hard and soft
 * targets, for pos_weight p in {0.01, 1, 3, 100} and per-element weight w in {1, 0.3} (each
 * rounded to the format), in f64 and f32.  Statistics per run with the sweep's accumulators;
 * runs written in the sweep's run schema plus "suite", "pos_weight" and "weight". */
#ifndef SCEBENCH_WEIGHTED_HARNESS_H
#define SCEBENCH_WEIGHTED_HARNESS_H

#include <jansson.h>
#include <stdint.h>
#include "accumulator.h"
#include "reduce/weighted.h"
#include "suites.h"

#define WEIGHTED_POS_WEIGHT_COUNT 4
#define WEIGHTED_WEIGHT_COUNT 2
#define WEIGHTED_SUITE_COUNT 2

static const double weighted_pos_weights[WEIGHTED_POS_WEIGHT_COUNT] = {0.01, 1.0, 3.0, 100.0};
static const double weighted_weights[WEIGHTED_WEIGHT_COUNT] = {1.0, 0.3};
static const char *const weighted_suite_names[WEIGHTED_SUITE_COUNT] = {"extreme", "quick"};

struct weighted_request {
    enum format formats[FORMAT_COUNT];
    int format_count;
    uint64_t seed;
    int threads;
    int progress;
};

struct weighted_run {
    const struct weighted_implementation *impl;
    enum format format;
    enum function function;
    int suite; /* index into weighted_suite_names */
    enum target_set targets;
    double pos_weight, weight; /* as rounded to the format */
    struct accumulator accumulator;
};

struct weighted_result {
    struct weighted_run *runs;
    size_t run_count;
    double seconds;
    double reference_seconds;
    uint64_t reference_values;
    uint64_t measured_values;
};

int weighted_execute(const struct weighted_request *request, struct weighted_result *result);
void weighted_result_free(struct weighted_result *result);
/* One row per implementation, format, function and p, merged over suites, targets, weights. */
void weighted_print(const struct weighted_result *result);
json_t *weighted_json(const struct weighted_request *request, const struct weighted_result *result,
                      const char *command_line);

/* An accumulator's statistics in the sweep's run schema: points, max_ulp, mean_ulp,
 * histogram, classes, worst, examples (set into `object`). */
void weighted_accumulator_fields(json_t *object, const struct accumulator *accumulator);

#endif
