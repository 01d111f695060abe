/* Accumulators merge associatively and commutatively, bit for bit: the numbers of a run do
 * not depend on how its points were split among threads or ranks. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "accumulator.h"
#include "test_common.h"

#define POINTS 20000

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next_random(void)
{
    return splitmix64_next(&state);
}

struct sample {
    double x, z, got, exact;
    struct measurement measurement;
};

/* Errors over many magnitudes (so a floating-point sum would depend on the order), some
 * infinite, some equal (ties in the worst list). */
static void make_samples(struct sample *samples)
{
    for (int i = 0; i < POINTS; i++) {
        uint64_t r = next_random();
        double error = ldexp((double)(r >> 11), (int)(r % 80) - 100);
        enum outcome outcome = OUTCOME_OK;
        if (r % 97 == 0)
            error = 3.0; /* many equal errors */
        if (r % 101 == 0)
            error = INFINITY, outcome = OUTCOME_OVERFLOW;
        if (r % 103 == 0)
            outcome = OUTCOME_FLUSH;
        samples[i] = (struct sample){ldexp((double)(next_random() >> 11), -40) - 4096.0, (double)(r % 7) / 8.0,
                                     1.0, 2.0, {error, outcome, 0}};
    }
}

static void add_range(struct accumulator *a, const struct sample *samples, int begin, int end)
{
    for (int i = begin; i < end; i++)
        accumulator_add(a, samples[i].x, samples[i].z, samples[i].got, samples[i].exact, samples[i].measurement);
}

static int same_cases(const struct worst_case *a, const struct worst_case *b, int count)
{
    for (int i = 0; i < count; i++)
        if (memcmp(&a[i].x, &b[i].x, sizeof a[i].x) || memcmp(&a[i].z, &b[i].z, sizeof a[i].z) ||
            memcmp(&a[i].ulp_error, &b[i].ulp_error, sizeof(double)) || a[i].outcome != b[i].outcome)
            return 0;
    return 1;
}

static int same_numbers(const struct accumulator *a, const struct accumulator *b)
{
    double mean_a = accumulator_mean_ulp(a), mean_b = accumulator_mean_ulp(b);
    int same = a->points == b->points && a->finite_points == b->finite_points &&
               memcmp(&a->max_ulp, &b->max_ulp, sizeof(double)) == 0 && memcmp(&mean_a, &mean_b, sizeof(double)) == 0 &&
               memcmp(a->histogram, b->histogram, sizeof a->histogram) == 0 &&
               memcmp(a->outcomes, b->outcomes, sizeof a->outcomes) == 0 && a->worst_count == b->worst_count &&
               same_cases(a->worst, b->worst, a->worst_count);
    for (int c = 0; c < OUTCOME_COUNT && same; c++)
        same = a->example_count[c] == b->example_count[c] &&
               same_cases(a->examples[c], b->examples[c], a->example_count[c]);
    return same;
}

int main(void)
{
    static struct sample samples[POINTS];
    make_samples(samples);

    struct accumulator whole;
    accumulator_init(&whole);
    add_range(&whole, samples, 0, POINTS);

    /* Splits into 2, 3, 7 and 64 parts, merged left to right, right to left, and as a tree. */
    const int splits[] = {2, 3, 7, 64};
    for (size_t s = 0; s < sizeof splits / sizeof splits[0]; s++) {
        int parts = splits[s];
        static struct accumulator part[64];
        for (int p = 0; p < parts; p++) {
            accumulator_init(&part[p]);
            add_range(&part[p], samples, POINTS * p / parts, POINTS * (p + 1) / parts);
        }
        struct accumulator forward, backward;
        accumulator_init(&forward);
        accumulator_init(&backward);
        for (int p = 0; p < parts; p++)
            accumulator_merge(&forward, &part[p]);
        for (int p = parts - 1; p >= 0; p--)
            accumulator_merge(&backward, &part[p]);
        for (int width = 1; width < parts; width *= 2)
            for (int p = 0; p + width < parts; p += 2 * width)
                accumulator_merge(&part[p], &part[p + width]);
        CHECK(same_numbers(&whole, &forward), "%d parts merged forward differ from one pass", parts);
        CHECK(same_numbers(&whole, &backward), "%d parts merged backward differ from one pass", parts);
        CHECK(same_numbers(&whole, &part[0]), "%d parts merged as a tree differ from one pass", parts);
    }

    /* The numbers themselves, on a small hand-checked set. */
    struct accumulator small;
    accumulator_init(&small);
    const double errors[] = {0.0, 0.25, 0.5, 0.75, 3.0, 1e6, INFINITY};
    for (int i = 0; i < 7; i++)
        accumulator_add(&small, i, 0.0, 0.0, 0.0,
                        (struct measurement){errors[i], isinf(errors[i]) ? OUTCOME_NAN : OUTCOME_OK, errors[i] == 0.0});
    CHECK(small.points == 7 && small.finite_points == 6, "counts");
    CHECK(small.max_ulp == 1e6, "max over finite errors: %g", small.max_ulp);
    CHECK(accumulator_mean_ulp(&small) == (0.25 + 0.5 + 0.75 + 3.0 + 1e6) / 6, "mean %.17g", accumulator_mean_ulp(&small));
    const uint64_t histogram[BUCKET_COUNT] = {1, 2, 1, 0, 1, 0, 0, 1, 1};
    CHECK(memcmp(small.histogram, histogram, sizeof histogram) == 0, "histogram buckets");
    CHECK(small.worst[0].ulp_error == 1e6 && small.worst[1].ulp_error == 3.0 && small.worst_count == 6, "worst order");
    CHECK(small.example_count[OUTCOME_NAN] == 1 && small.examples[OUTCOME_NAN][0].x == 6.0, "nan example");
    return test_summary();
}
