/* The fast reference tier against MPFR: on 10^6 random points per format and function, on the
 * whole extreme suite, and on inputs built to be hard to round, every point the fast tier
 * decides must have MPFR's correctly rounded value, and every measurement it decides must have
 * MPFR's class and histogram bucket and an error within its stated bound of MPFR's. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "accumulator.h"
#include "fast_reference.h"
#include "suites.h"
#include "test_common.h"

static uint64_t state = 12345;

static uint64_t next_random(void)
{
    return splitmix64_next(&state);
}

static double unit(void)
{
    return (double)(next_random() >> 11) * 0x1p-53;
}

static int bucket(struct measurement m)
{
    if (m.exact)
        return 0;
    int b = 1;
    while (b < BUCKET_COUNT - 1 && !(m.ulp_error <= bucket_limit[b]))
        b++;
    return b;
}

struct tally {
    long points, eligible, decided, measured, measured_fast;
};

/* Results to measure: the correctly rounded value, its neighbours, zero, and a perturbation. */
static int candidates(enum format format, double rounded, double *out)
{
    double ulp = format_ulp(format, rounded);
    int n = 0;
    out[n++] = rounded;
    out[n++] = round_to_format(format, rounded + ulp);
    out[n++] = round_to_format(format, rounded - ulp);
    out[n++] = round_to_format(format, rounded + 3 * ulp);
    out[n++] = 0.0;
    out[n++] = -rounded;
    out[n++] = round_to_format(format, rounded * 1.5);
    return n;
}

static void check_point(enum format format, enum function function, double x, double z,
                        const struct fast_values *fast, size_t index, struct tally *tally)
{
    struct exact_value exact;
    if (function == FUNCTION_LOSS)
        reference_loss(format, x, z, &exact);
    else
        reference_grad(format, x, z, &exact);
    tally->points++;
    if (isfinite(x) && x != 0.0) /* the rest (NaN, infinities, 0) goes to MPFR by design */
        tally->eligible++;
    if (fast->decided[index]) {
        tally->decided++;
        CHECK(fast->rounded[index] == exact.rounded, "%s %s x=%a z=%a: fast %a, MPFR %a", format_info[format].name,
              function_name[function], x, z, fast->rounded[index], exact.rounded);
    }
    double results[8];
    int n = candidates(format, exact.rounded, results);
    for (int i = 0; i < n; i++) {
        struct measurement slow = measure(&exact, results[i]), quick;
        tally->measured++;
        if (!fast_measure(fast, index, results[i], &quick))
            continue;
        tally->measured_fast++;
        /* the bound, the metric's own roundings in double in either tier, and MPFR's 2^-64 ulp */
        double allowed = fast->bound[index] * fast->inverse_ulp[index] * 1.01 + 0x1p-50 * slow.ulp_error + 0x1p-62;
        int same_error = quick.ulp_error == slow.ulp_error || fabs(quick.ulp_error - slow.ulp_error) <= allowed;
        CHECK(quick.outcome == slow.outcome && bucket(quick) == bucket(slow) && same_error,
              "%s %s x=%a z=%a got=%a: fast %.17g (%s, bucket %d), MPFR %.17g (%s, bucket %d), allowed %g",
              format_info[format].name, function_name[function], x, z, results[i], quick.ulp_error,
              outcome_name[quick.outcome], bucket(quick), slow.ulp_error, outcome_name[slow.outcome], bucket(slow),
              allowed);
    }
}

static void check_points(enum format format, const double *x, const double *z, size_t n, struct tally tally[2])
{
    struct fast_values fast;
    fast_values_allocate(&fast, n);
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        fast_reference(format, (enum function)f, n, x, z, &fast);
        for (size_t i = 0; i < n; i++)
            check_point(format, (enum function)f, x[i], z[i], &fast, i, &tally[f]);
    }
    fast_values_free(&fast);
}

static double random_logit(enum format format)
{
    switch (next_random() % 4) {
    case 0: /* a random bit pattern of the format, through its exponent and significand */
        return round_to_format(format, ldexp(unit() + 0.5, (int)(next_random() % 300) - 160) * (next_random() & 1 ? 1 : -1));
    case 1:
        return round_to_format(format, (unit() - 0.5) * 240.0);
    case 2:
        return round_to_format(format, (unit() - 0.5) * 4.0);
    default: /* near where 1 + e rounds to 1 and exp overflows, in every format */
        return round_to_format(format, (next_random() & 1 ? 1 : -1) * (16.6355 + (unit() - 0.5) * 0.01) *
                                           (next_random() % 3 == 0 ? 5.3 : 1.0));
    }
}

static double random_target(enum format format)
{
    switch (next_random() % 4) {
    case 0: return (double)(next_random() & 1);
    case 1: return round_to_format(format, 1.0 - ldexp((double)(1 + next_random() % 8), -format_info[format].precision));
    default: return round_to_format(format, unit());
    }
}

static void random_points(enum format format, size_t n, struct tally tally[2])
{
    double *x = malloc(n * sizeof *x), *z = malloc(n * sizeof *z);
    for (size_t i = 0; i < n; i++) {
        x[i] = random_logit(format);
        z[i] = random_target(format);
    }
    struct tally random_tally[2] = {{0}};
    check_points(format, x, z, n, random_tally);
    /* On random points (not the hard ones built below), MPFR is the exception. */
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        CHECK(random_tally[f].decided > random_tally[f].eligible * 9 / 10,
              "%s %s: the fast tier decides %ld of %ld random points with finite nonzero x", format_info[format].name,
              function_name[f], random_tally[f].decided, random_tally[f].eligible);
        tally[f].points += random_tally[f].points;
        tally[f].eligible += random_tally[f].eligible;
        tally[f].decided += random_tally[f].decided;
        tally[f].measured += random_tally[f].measured;
        tally[f].measured_fast += random_tally[f].measured_fast;
    }
    free(x);
    free(z);
}

static void suite(enum format format, struct tally tally[2])
{
    for (int t = 0; t < TARGETS_ALL; t++) {
        struct point_list list;
        if (suite_points(suite_from_name("extreme"), format, (enum target_set)t, 1, 1000, &list) != 0)
            continue;
        double *x = malloc(list.count * sizeof *x), *z = malloc(list.count * sizeof *z);
        for (size_t i = 0; i < list.count; i++)
            x[i] = list.points[i].x, z[i] = list.points[i].z;
        check_points(format, x, z, list.count, tally);
        free(x);
        free(z);
        point_list_free(&list);
    }
}

/* Hard to round: z next to sigmoid(x) (the gradient cancels), and 1 - z next to exp(-x). */
static void hard_points(enum format format, struct tally tally[2])
{
    enum { N = 20000 };
    static double x[N], z[N];
    for (int i = 0; i < N; i++) {
        x[i] = round_to_format(format, (unit() - 0.5) * 30.0);
        double s = 1.0 / (1.0 + exp(-x[i]));
        z[i] = round_to_format(format, s);
        if (i % 2)
            z[i] = round_to_format(format, z[i] + format_ulp(format, z[i]) * (double)(next_random() % 3 - 1.0));
        if (!(z[i] >= 0.0 && z[i] <= 1.0))
            z[i] = 0.5;
    }
    check_points(format, x, z, N, tally);
}

int main(int argc, char **argv)
{
    size_t random_count = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
    const enum format formats[] = {FORMAT_F32, FORMAT_F16, FORMAT_BF16};
    for (int f = 0; f < 3; f++) {
        struct tally tally[2] = {{0}};
        random_points(formats[f], random_count, tally);
        suite(formats[f], tally);
        hard_points(formats[f], tally);
        for (int fn = 0; fn < FUNCTION_COUNT; fn++)
            printf("%s %s: %ld points, %ld with finite nonzero x, %.4f%% of those decided by the fast tier; "
                   "%ld measurements, %.4f%% decided\n",
                   format_info[formats[f]].name, function_name[fn], tally[fn].points, tally[fn].eligible,
                   100.0 * (double)tally[fn].decided / (double)tally[fn].eligible, tally[fn].measured,
                   100.0 * (double)tally[fn].measured_fast / (double)tally[fn].measured);
    }
    return test_summary();
}
