/* fast_measure_summary against the point-by-point path: for blocks of random inputs (every bit
 * pattern class of x: tiny, huge, subnormal, infinite, NaN; hard and random labels) and results
 * of every kind (correct, a few ulps off, far off, zero of either sign, infinite, NaN, the
 * wrong sign), an accumulator fed the way the sweep feeds it (the summary, then fast_measure
 * for the points it leaves) must equal one fed by fast_measure and accumulator_add for every
 * point: counts, classes, histogram, exact error sum, maximum, worst cases and examples; the
 * per-lane maxima and failure counts must be those of the simple points' errors.  The
 * AVX-512 and baseline summaries must agree bit for bit (errors, flags and sums), as must the
 * two fast_masked_maximum (the profile's per-cell maximum). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accumulator.h"
#include "fast_reference.h"
#include "test_common.h"

enum { BLOCK = 4096, BLOCKS = 48 };

static uint64_t state = 777;

static uint64_t next_random(void)
{
    return splitmix64_next(&state);
}

static double in_format(enum format format, double v)
{
    return round_to_format(format, v);
}

static double random_input(enum format format)
{
    uint64_t r = next_random();
    if (format == FORMAT_F32) {
        uint32_t bits = (uint32_t)r;
        float v;
        if ((r >> 32) % 4 == 0) /* moderate logits, where most points are */
            bits = (bits & 0x80ffffffu) | ((uint32_t)(0x78 + (r >> 40) % 16) << 23);
        memcpy(&v, &bits, sizeof v);
        return v;
    }
    return format == FORMAT_F16 ? f16_to_double((uint16_t)r) : bf16_to_double((uint16_t)r);
}

static double random_label(enum format format)
{
    uint64_t r = next_random();
    if (r % 3 < 2)
        return (double)(r % 3);
    return in_format(format, (double)(r >> 11) * 0x1p-53);
}

/* A result of some kind for point i; in a `correct` block, the correctly rounded value (the
 * summary's usual step: every error below 1/2). */
static double random_result(enum format format, const struct fast_values *values, size_t i, int correct)
{
    double rounded = values->decided[i] ? values->rounded[i] : 0.5;
    uint64_t r = next_random();
    if (correct)
        return rounded;
    switch (r % 12) {
    case 0:
        return 0.0;
    case 1:
        return -0.0;
    case 2:
        return (r >> 8) % 2 ? INFINITY : -INFINITY;
    case 3:
        return NAN;
    case 4:
        return -rounded;
    case 5:
        return in_format(format, rounded * 1e6);
    case 6:
    case 7:
        return in_format(format, rounded * (1.0 + ldexp((double)((r >> 8) % 64) - 32.0, -26)));
    default:
        return rounded;
    }
}

static int same_case(const struct worst_case *a, const struct worst_case *b)
{
    return memcmp(&a->x, &b->x, sizeof a->x) == 0 && memcmp(&a->z, &b->z, sizeof a->z) == 0 &&
           memcmp(&a->got, &b->got, sizeof a->got) == 0 && memcmp(&a->exact, &b->exact, sizeof a->exact) == 0 &&
           memcmp(&a->ulp_error, &b->ulp_error, sizeof a->ulp_error) == 0 && a->outcome == b->outcome;
}

static int same_accumulator(const struct accumulator *a, const struct accumulator *b)
{
    if (a->points != b->points || a->finite_points != b->finite_points || a->max_ulp != b->max_ulp ||
        memcmp(a->histogram, b->histogram, sizeof a->histogram) || memcmp(a->outcomes, b->outcomes, sizeof a->outcomes) ||
        accumulator_mean_ulp(a) != accumulator_mean_ulp(b) || a->worst_count != b->worst_count)
        return 0;
    for (int k = 0; k < a->worst_count; k++)
        if (!same_case(&a->worst[k], &b->worst[k]))
            return 0;
    for (int o = 0; o < OUTCOME_COUNT; o++) {
        if (a->example_count[o] != b->example_count[o])
            return 0;
        for (int k = 0; k < a->example_count[o]; k++)
            if (!same_case(&a->examples[o][k], &b->examples[o][k]))
                return 0;
    }
    return 1;
}

static void add_by_points(struct accumulator *a, size_t n, const double *x, const double *z, const double *got,
                          const struct fast_values *values, const unsigned char *skip)
{
    for (size_t i = 0; i < n; i++) {
        struct measurement m;
        if ((skip && skip[i]) || !fast_measure(values, i, got[i], &m))
            continue;
        accumulator_add(a, x[i], z[i], got[i], values->rounded[i], m);
    }
}

static int same_summary(const struct fast_block_summary *a, const struct fast_block_summary *b)
{
    return a->points == b->points && a->finite_points == b->finite_points &&
           !memcmp(a->outcomes, b->outcomes, sizeof a->outcomes) && !memcmp(a->histogram, b->histogram, sizeof a->histogram) &&
           a->whole == b->whole && a->fraction == b->fraction && a->rare == b->rare && a->maximum == b->maximum &&
           !memcmp(a->lane_maximum, b->lane_maximum, sizeof a->lane_maximum) &&
           !memcmp(a->lane_failures, b->lane_failures, sizeof a->lane_failures);
}

/* The summary's per-lane maxima and failure counts equal those of its simple points' errors. */
static int lanes_agree(const struct fast_block_summary *summary, size_t n, const double *error,
                       const unsigned char *simple)
{
    double maximum[8] = {0};
    uint64_t failures[8] = {0};
    for (size_t i = 0; i < n; i++) {
        if (!simple[i])
            continue;
        if (isinf(error[i]))
            failures[i % 8]++;
        else if (error[i] > maximum[i % 8])
            maximum[i % 8] = error[i];
    }
    return !memcmp(maximum, summary->lane_maximum, sizeof maximum) &&
           !memcmp(failures, summary->lane_failures, sizeof failures);
}

static void check(enum format format, enum function function)
{
    static double x[BLOCK], z[BLOCK], got[BLOCK], error[BLOCK], error_baseline[BLOCK];
    static unsigned char simple[BLOCK], simple_baseline[BLOCK];
    static uint32_t rare_points[BLOCK + 8], rare_points_baseline[BLOCK + 8]; /* the summary's room */
    struct fast_values values;
    fast_values_allocate(&values, BLOCK);
    struct accumulator by_points, by_summary;
    accumulator_init(&by_points);
    accumulator_init(&by_summary);
    long variant_mismatches = 0, lane_mismatches = 0, taken = 0, failures_taken = 0;
    for (int block = 0; block < BLOCKS; block++) {
        for (size_t i = 0; i < BLOCK; i++) {
            x[i] = random_input(format);
            z[i] = random_label(format);
        }
        fast_reference(format, function, BLOCK, x, z, &values);
        for (size_t i = 0; i < BLOCK; i++)
            got[i] = random_result(format, &values, i, block % 4 == 0);
        add_by_points(&by_points, BLOCK, x, z, got, &values, NULL);

        struct fast_summary_bars bars;
        struct fast_block_summary summary = {.rare_points = rare_points};
        struct fast_block_summary summary_baseline = {.rare_points = rare_points_baseline};
        accumulator_summary_bars(&by_summary, &bars);
        fast_measure_summary(BLOCK, got, x, z, &values, &bars, error, simple, &summary);
        fast_measure_summary_baseline(BLOCK, got, x, z, &values, &bars, error_baseline, simple_baseline,
                                      &summary_baseline);
        if (!same_summary(&summary, &summary_baseline) || memcmp(simple, simple_baseline, BLOCK) ||
            memcmp(error, error_baseline, sizeof error) ||
            memcmp(rare_points, rare_points_baseline, summary.rare * sizeof *rare_points))
            variant_mismatches++;
        lane_mismatches += !lanes_agree(&summary, BLOCK, error, simple);
        accumulator_add_summary(&by_summary, error, &summary, x, z, got, values.rounded);
        add_by_points(&by_summary, BLOCK, x, z, got, &values, simple);
        taken += (long)summary.points;
        failures_taken += (long)(summary.points - summary.outcomes[OUTCOME_OK]);
    }
    CHECK(variant_mismatches == 0, "%s %s: the AVX-512 and baseline summaries differ in %ld blocks",
          format_info[format].name, function_name[function], variant_mismatches);
    CHECK(lane_mismatches == 0, "%s %s: the per-lane maxima or failure counts are wrong in %ld blocks",
          format_info[format].name, function_name[function], lane_mismatches);
    CHECK(same_accumulator(&by_points, &by_summary), "%s %s: the summary path's accumulator differs",
          format_info[format].name, function_name[function]);
    CHECK(taken > 0 && failures_taken > 0, "%s %s: the summary took %ld points, %ld failures (some of both expected)",
          format_info[format].name, function_name[function], taken, failures_taken);
    printf("%s %s: %lld points measured, %ld by the summary (%ld failures among them)\n", format_info[format].name,
           function_name[function], (long long)by_points.points, taken, failures_taken);
    fast_values_free(&values);
}

/* fast_masked_maximum, AVX-512 against baseline, on errors with failures and random masks. */
static void check_masked_maximum(void)
{
    static double error[BLOCK];
    static unsigned char masks[BLOCK / 8];
    long mismatches = 0;
    for (int round = 0; round < 200; round++) {
        size_t n = BLOCK - (size_t)(next_random() % 13);
        for (size_t i = 0; i < n; i++) {
            uint64_t r = next_random();
            error[i] = r % 17 == 0 ? INFINITY : r % 29 == 0 ? NAN : ldexp((double)(r >> 40), -(int)(r % 40));
        }
        for (size_t s = 0; s < BLOCK / 8; s++)
            masks[s] = (unsigned char)(round % 3 == 0 ? 0x55 : next_random());
        double maximum, maximum_baseline;
        uint64_t failures, failures_baseline;
        fast_masked_maximum(n, error, masks, &maximum, &failures);
        fast_masked_maximum_baseline(n, error, masks, &maximum_baseline, &failures_baseline);
        mismatches += maximum != maximum_baseline || failures != failures_baseline;
    }
    CHECK(mismatches == 0, "fast_masked_maximum: the AVX-512 and baseline results differ in %ld of 200 blocks", mismatches);
}

int main(void)
{
    check_masked_maximum();
    const enum format formats[] = {FORMAT_F32, FORMAT_F16, FORMAT_BF16};
    for (int f = 0; f < 3; f++)
        for (int fn = 0; fn < FUNCTION_COUNT; fn++)
            check(formats[f], (enum function)fn);
    return test_summary();
}
