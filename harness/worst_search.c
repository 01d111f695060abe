#define _POSIX_C_SOURCE 200809L
#include "worst_search.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"

#define SEEDS_KEPT 16      /* starting points the local search continues from, per run */
#define SEARCH_STEPS 200   /* moves per local search at most */

struct candidate {
    double x, z, error;
};

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double unit(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15u;
    return (double)(mix(*state) >> 11) * 0x1p-53;
}

/* Logits where the formulas differ: binade-uniform magnitudes and the range [-100, 100]. */
static double start_logit(enum format format, uint64_t *state)
{
    double sign = unit(state) < 0.5 ? -1.0 : 1.0;
    if (unit(state) < 0.5)
        return round_to_format(format, sign * ldexp(1.0 + unit(state), (int)(unit(state) * 40.0) - 30));
    return round_to_format(format, (unit(state) - 0.5) * 200.0);
}

/* Soft labels, with a share next to 0 and 1 where x - x*z and s(x) - z cancel. */
static double start_target(enum format format, uint64_t *state)
{
    double u = unit(state);
    int p = format_info[format].precision;
    if (u < 0.2)
        return round_to_format(format, 1.0 - ldexp(1.0 + floor(unit(state) * 64.0), -p));
    if (u < 0.3)
        return round_to_format(format, ldexp(1.0 + unit(state), -(int)(unit(state) * 30.0) - 1));
    return round_to_format(format, unit(state));
}

/* One f32 ulp (or f64 ulp) step of v: the next value of the format. */
static double step_in_format(enum format format, double v, int direction)
{
    if (format == FORMAT_F32)
        return (double)nextafterf((float)v, direction > 0 ? INFINITY : -INFINITY);
    return nextafter(v, direction > 0 ? INFINITY : -INFINITY);
}

static double move(enum format format, double v, int steps)
{
    for (int i = 0; i < abs(steps); i++)
        v = step_in_format(format, v, steps);
    return v;
}

/* The error of one run at (x, z), recorded in its accumulator. */
static double evaluate(struct sweep_run *run, double x, double z)
{
    kernel_fn *kernel = implementation_kernel(run->impl, run->format, run->mode, run->function);
    double got = evaluate_point(kernel, run->format, x, z);
    struct exact_value exact;
    if (run->function == FUNCTION_LOSS)
        reference_loss(run->format, x, z, &exact);
    else
        reference_grad(run->format, x, z, &exact);
    struct measurement m = measure(&exact, got);
    accumulator_add(&run->accumulator, x, z, got, exact.rounded, m);
    return isfinite(m.ulp_error) ? m.ulp_error : -1.0; /* failures are counted, not climbed */
}

static void keep_worst(struct candidate *kept, int *count, struct candidate c)
{
    if (*count == SEEDS_KEPT && c.error <= kept[SEEDS_KEPT - 1].error)
        return;
    int at = *count < SEEDS_KEPT ? (*count)++ : SEEDS_KEPT - 1;
    while (at > 0 && kept[at - 1].error < c.error) {
        kept[at] = kept[at - 1];
        at--;
    }
    kept[at] = c;
}

/* Hill climbing over neighbouring bit patterns of x and z, steps of 1 to 2^12 ulps. */
static void climb(struct sweep_run *run, struct candidate c)
{
    static const int steps[] = {1, 4, 64, 4096};
    for (int move_count = 0; move_count < SEARCH_STEPS; move_count++) {
        struct candidate best = c;
        for (int s = 0; s < 4; s++)
            for (int direction = -1; direction <= 1; direction += 2) {
                double x = move(run->format, c.x, direction * steps[s]);
                double z = move(run->format, c.z, direction * steps[s]);
                if (z >= 0.0 && z <= 1.0) {
                    double e = evaluate(run, c.x, z);
                    if (e > best.error)
                        best = (struct candidate){c.x, z, e};
                }
                double e = evaluate(run, x, c.z);
                if (e > best.error)
                    best = (struct candidate){x, c.z, e};
            }
        if (best.error <= c.error)
            return;
        c = best;
    }
}

static void search_run(const struct sweep_request *request, struct sweep_run *run, size_t index)
{
    uint64_t state = mix(request->seed * 0x100000001b3u + index);
    struct candidate kept[SEEDS_KEPT];
    int count = 0;
    for (size_t i = 0; i < request->random_count; i++) {
        double x = start_logit(run->format, &state), z = start_target(run->format, &state);
        keep_worst(kept, &count, (struct candidate){x, z, evaluate(run, x, z)});
    }
    for (int i = 0; i < count; i++)
        climb(run, kept[i]);
}

int worst_search(const struct sweep_request *request, struct sweep_result *result)
{
    memset(result, 0, sizeof *result);
    size_t capacity = (size_t)request->format_count * request->impl_count * MODE_COUNT * FUNCTION_COUNT;
    result->runs = calloc(capacity ? capacity : 1, sizeof *result->runs);
    if (!result->runs)
        return -1;
    for (int f = 0; f < request->format_count; f++) {
        if (request->formats[f] != FORMAT_F32 && request->formats[f] != FORMAT_F64) {
            fprintf(stderr, "scebench sweep: -t: the worst suite searches f32 and f64 (f16 and bf16 are "
                            "enumerated by the exhaustive suite)\n");
            free(result->runs);
            return -1;
        }
        for (int fn = 0; fn < FUNCTION_COUNT; fn++)
            for (size_t i = 0; i < request->impl_count && request->functions[fn]; i++)
                for (int m = 0; m < MODE_COUNT; m++)
                    if (implementation_kernel(request->impls[i], request->formats[f], (enum mode)m, (enum function)fn))
                        result->runs[result->run_count++] =
                            (struct sweep_run){request->impls[i], request->formats[f], (enum mode)m,
                                               (enum function)fn, TARGETS_RANDOM, {0}, NULL};
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
#pragma omp parallel for schedule(dynamic, 1) num_threads(request->threads)
    for (size_t r = 0; r < result->run_count; r++)
        search_run(request, &result->runs[r], r);
    clock_gettime(CLOCK_MONOTONIC, &end);
    result->timing.seconds = (double)(end.tv_sec - start.tv_sec) + 1e-9 * (double)(end.tv_nsec - start.tv_nsec);
    for (size_t r = 0; r < result->run_count; r++) {
        result->timing.measured_values += result->runs[r].accumulator.points;
        result->timing.reference_values += result->runs[r].accumulator.points;
        result->timing.reference_fallbacks += result->runs[r].accumulator.points;
    }
    result->threads = request->threads;
    result->cores_used = request->threads;
    return 0;
}
