#include "accumulator.h"
#include "fast_reference.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void exact_sum_normalize(struct exact_sum *sum)
{
    for (int i = 0; i + 1 < SUM_LIMBS; i++) {
        sum->limb[i + 1] += sum->limb[i] >> 32;
        sum->limb[i] &= 0xffffffffu;
    }
    sum->pending = 0;
}

static void exact_sum_add(struct exact_sum *sum, double value)
{
    if (!(value > 0.0))
        return;
    if (value < 0x1p31) {
        sum->small += (uint64_t)(value * 0x1p32); /* exact scaling, truncated */
        return;
    }
    /* value = significand 2^(field - 1075), a normal number; its last bit is at 2^(field - 1075),
     * position field - 1011 in 2^-64 units (at least 43 for value >= 2^31) */
    uint64_t bits = double_bits(value);
    uint64_t significand = (bits & 0xfffffffffffffu) | (1ull << 52);
    int position = (int)(bits >> 52) - 1011;
    int limb = position / 32;
    unsigned __int128 shifted = (unsigned __int128)significand << (position % 32);
    sum->limb[limb] += (uint32_t)shifted;
    sum->limb[limb + 1] += (uint32_t)(shifted >> 32);
    sum->limb[limb + 2] += (uint64_t)(shifted >> 64);
    if (++sum->pending == (1u << 30))
        exact_sum_normalize(sum);
}

static void exact_sum_merge(struct exact_sum *into, const struct exact_sum *from)
{
    struct exact_sum copy = *from;
    exact_sum_normalize(&copy);
    exact_sum_normalize(into);
    for (int i = 0; i < SUM_LIMBS; i++)
        into->limb[i] += copy.limb[i];
    into->small += copy.small;
    exact_sum_normalize(into);
}

/* Deterministic: the normalized digits are unique for a given sum. */
static double exact_sum_value(const struct exact_sum *sum)
{
    struct exact_sum copy = *sum;
    exact_sum_normalize(&copy);
    double value = 0.0;
    for (int i = SUM_LIMBS - 1; i >= 0; i--)
        value += ldexp((double)copy.limb[i], 32 * i - 64);
    return value + ldexp((double)(copy.small >> 64), 32) + ldexp((double)(uint64_t)copy.small, -32);
}

void accumulator_init(struct accumulator *accumulator)
{
    memset(accumulator, 0, sizeof *accumulator);
}

/* Total orders on cases: for the worst, larger error first; for the examples of a class,
 * smaller |x| first; ties broken by the bits of x and z. */
static int before_by_bits(const struct worst_case *a, const struct worst_case *b)
{
    if (double_bits(a->x) != double_bits(b->x))
        return double_bits(a->x) < double_bits(b->x);
    return double_bits(a->z) < double_bits(b->z);
}

static inline int worse_than(const struct worst_case *a, const struct worst_case *b)
{
    if (a->ulp_error != b->ulp_error)
        return a->ulp_error > b->ulp_error;
    return before_by_bits(a, b);
}

static inline int nearer_zero(const struct worst_case *a, const struct worst_case *b)
{
    if (fabs(a->x) != fabs(b->x))
        return fabs(a->x) < fabs(b->x) || (isnan(b->x) && !isnan(a->x));
    return before_by_bits(a, b);
}

static int same_input(const struct worst_case *a, const struct worst_case *b)
{
    return double_bits(a->x) == double_bits(b->x) && double_bits(a->z) == double_bits(b->z);
}

typedef int case_order(const struct worst_case *a, const struct worst_case *b);

/* Keeps the first `capacity` distinct cases in the order `first`, in a sorted array. */
static void keep_first(struct worst_case *cases, int *count, int capacity, const struct worst_case *candidate,
                       case_order *first)
{
    if (*count == capacity && !first(candidate, &cases[capacity - 1]))
        return;
    for (int i = 0; i < *count; i++)
        if (same_input(&cases[i], candidate))
            return;
    int at = *count < capacity ? *count : capacity - 1;
    while (at > 0 && first(candidate, &cases[at - 1])) {
        cases[at] = cases[at - 1];
        at--;
    }
    cases[at] = *candidate;
    if (*count < capacity)
        ++*count;
}

/* The common case inline: a full list that the candidate does not enter (an exhaustive sweep
 * offers every point of an error at the bar, and every failure, here). */
static void record_case(struct accumulator *accumulator, const struct worst_case *candidate)
{
    if (isfinite(candidate->ulp_error) &&
        (accumulator->worst_count < WORST_COUNT || worse_than(candidate, &accumulator->worst[WORST_COUNT - 1])))
        keep_first(accumulator->worst, &accumulator->worst_count, WORST_COUNT, candidate, worse_than);
    enum outcome outcome = candidate->outcome;
    if (outcome != OUTCOME_OK &&
        (accumulator->example_count[outcome] < EXAMPLE_COUNT ||
         nearer_zero(candidate, &accumulator->examples[outcome][EXAMPLE_COUNT - 1])))
        keep_first(accumulator->examples[outcome], &accumulator->example_count[outcome], EXAMPLE_COUNT, candidate,
                   nearer_zero);
}

static int bucket_of(struct measurement measurement)
{
    if (measurement.exact)
        return 0;
    int bucket = 1;
    while (bucket < BUCKET_COUNT - 1 && !(measurement.ulp_error <= bucket_limit[bucket]))
        bucket++;
    return bucket;
}

void accumulator_add(struct accumulator *accumulator, double x, double z, double got, double exact,
                     struct measurement measurement)
{
    double error = measurement.ulp_error;
    accumulator->points++;
    accumulator->histogram[bucket_of(measurement)]++;
    accumulator->outcomes[measurement.outcome]++;
    if (isfinite(error)) {
        accumulator->finite_points++;
        exact_sum_add(&accumulator->error_sum, error);
        if (error > accumulator->max_ulp)
            accumulator->max_ulp = error;
    }
    int may_be_worst = isfinite(error) && (accumulator->worst_count < WORST_COUNT ||
                                           error >= accumulator->worst[WORST_COUNT - 1].ulp_error);
    if (may_be_worst || measurement.outcome != OUTCOME_OK) {
        struct worst_case candidate = {x, z, got, exact, error, measurement.outcome};
        record_case(accumulator, &candidate);
    }
}

void accumulator_summary_bars(const struct accumulator *accumulator, struct fast_summary_bars *bars)
{
    const struct worst_case *last = &accumulator->worst[WORST_COUNT - 1];
    int full = accumulator->worst_count == WORST_COUNT;
    bars->worst = full ? last->ulp_error : -INFINITY;
    bars->worst_x_bits = full ? double_bits(last->x) : 0;
    bars->worst_z_bits = full ? double_bits(last->z) : 0;
    for (int o = 0; o < OUTCOME_COUNT; o++)
        bars->example[o] = accumulator->example_count[o] == EXAMPLE_COUNT
                               ? fabs(accumulator->examples[o][EXAMPLE_COUNT - 1].x)
                               : INFINITY;
}

/* The k-th largest of values[0 .. n - 1] (1 <= k <= n), reordering them (quickselect). */
static double kth_largest(double *values, size_t n, size_t k)
{
    size_t low = 0, high = n - 1, target = n - k; /* its index in ascending order */
    while (low < high) {
        double pivot = values[low + (high - low) / 2];
        size_t i = low, j = high;
        while (i <= j) {
            while (values[i] < pivot)
                i++;
            while (values[j] > pivot)
                j--;
            if (i <= j) {
                double t = values[i];
                values[i] = values[j];
                values[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (target <= j)
            high = j;
        else if (target >= i)
            low = i;
        else
            return values[target];
    }
    return values[target];
}

/* Whether a case of error e at (x, z) may enter the worst cases whose last is `last` (NULL while
 * the list is not full): record_case's own test. */
static inline int may_enter_worst(double e, double x, double z, const struct worst_case *last)
{
    struct worst_case candidate = {x, z, 0.0, 0.0, e, OUTCOME_OK};
    return !last || worse_than(&candidate, last);
}

/* A lower bound of the WORST_COUNT-th largest error among the rare points that may enter the
 * worst cases, or -inf: the WORST_COUNT-th largest of the maxima of 16 interleaved shares of
 * the list (errors of 16 distinct points), when it exceeds the list's last (so that those
 * points may all enter).  The shares go by place in the list, not by index: the rare points
 * of a sweep with hard labels are often every other index. */
static double candidate_floor(const struct fast_block_summary *summary, const double *error,
                              const struct worst_case *last)
{
    enum { SHARES = 16 };
    double maxima[SHARES];
    for (int s = 0; s < SHARES; s++)
        maxima[s] = -INFINITY;
    for (size_t k = 0; k < summary->rare; k++) {
        double e = error[summary->rare_points[k]];
        maxima[k % SHARES] = e > maxima[k % SHARES] ? e : maxima[k % SHARES];
    }
    double floor = kth_largest(maxima, SHARES, WORST_COUNT);
    return !last || floor > last->ulp_error ? floor : -INFINITY;
}

/* The simple points with a finite error of 2^31 or more (the wide sum) or that may enter the
 * worst cases.  keep_first keeps the first WORST_COUNT cases of a total order whatever order
 * they come in, so of a block's candidates only those at or above their WORST_COUNT-th largest
 * error can enter: an exhaustive sweep through a range where the error grows with x makes
 * every point a new worst, and offering each in turn cost more than measuring it.  A cheap
 * lower bound of that error (candidate_floor) leaves few to select from. */
static void add_rare_points(struct accumulator *accumulator, const struct fast_block_summary *summary,
                            const double *error, const double *x, const double *z, const double *got,
                            const double *exact)
{
    struct worst_case last_case, *last = NULL;
    if (accumulator->worst_count == WORST_COUNT) {
        last_case = accumulator->worst[WORST_COUNT - 1];
        last = &last_case;
    }
    double floor = summary->rare > 2 * WORST_COUNT ? candidate_floor(summary, error, last) : -INFINITY, bar = floor;
    size_t count = summary->rare, candidate_count = 0;
    double *candidates = malloc(count * sizeof *candidates);
    uint32_t *indices = malloc(count * sizeof *indices);
    if (!candidates || !indices) {
        fprintf(stderr, "scebench: out of memory\n");
        exit(1);
    }
    for (size_t k = 0; k < count; k++) {
        uint32_t i = summary->rare_points[k];
        double e = error[i];
        if (!(e < 0x1p31))
            exact_sum_add(&accumulator->error_sum, e);
        if (e >= floor && may_enter_worst(e, x[i], z[i], last)) {
            indices[candidate_count] = i;
            candidates[candidate_count++] = e;
        }
    }
    if (candidate_count > WORST_COUNT) {
        double kth = kth_largest(candidates, candidate_count, WORST_COUNT); /* reorders candidates */
        bar = kth > bar ? kth : bar;
    }
    for (size_t k = 0; k < candidate_count; k++) {
        uint32_t i = indices[k];
        /* outcome ok: the summary leaves failures that may be worst to accumulator_add */
        if (error[i] >= bar) {
            struct worst_case candidate = {x[i], z[i], got[i], exact[i], error[i], OUTCOME_OK};
            record_case(accumulator, &candidate);
        }
    }
    free(candidates);
    free(indices);
}

void accumulator_add_summary(struct accumulator *accumulator, const double *error,
                             const struct fast_block_summary *summary, const double *x, const double *z,
                             const double *got, const double *exact)
{
    if (summary->rare)
        add_rare_points(accumulator, summary, error, x, z, got, exact);
    accumulator->points += summary->points;
    accumulator->finite_points += summary->finite_points;
    for (int o = 0; o < OUTCOME_COUNT; o++)
        accumulator->outcomes[o] += summary->outcomes[o];
    for (int b = 0; b < BUCKET_COUNT; b++)
        accumulator->histogram[b] += summary->histogram[b];
    accumulator->error_sum.small += ((unsigned __int128)summary->whole << 32) + summary->fraction;
    if (summary->maximum > accumulator->max_ulp)
        accumulator->max_ulp = summary->maximum;
}

void accumulator_merge(struct accumulator *into, const struct accumulator *from)
{
    into->points += from->points;
    into->finite_points += from->finite_points;
    if (from->max_ulp > into->max_ulp)
        into->max_ulp = from->max_ulp;
    exact_sum_merge(&into->error_sum, &from->error_sum);
    for (int i = 0; i < BUCKET_COUNT; i++)
        into->histogram[i] += from->histogram[i];
    for (int i = 0; i < OUTCOME_COUNT; i++)
        into->outcomes[i] += from->outcomes[i];
    for (int i = 0; i < from->worst_count; i++)
        record_case(into, &from->worst[i]);
    for (int c = 0; c < OUTCOME_COUNT; c++)
        for (int i = 0; i < from->example_count[c]; i++)
            record_case(into, &from->examples[c][i]);
}

double accumulator_mean_ulp(const struct accumulator *accumulator)
{
    if (accumulator->finite_points == 0)
        return 0.0;
    return exact_sum_value(&accumulator->error_sum) / (double)accumulator->finite_points;
}
