/* The first tier of `accurate` (impls/accurate_table.h) against MPFR, in f32, f16 and bf16:
 *   1. every point the tier decides is the correctly rounded value, bit for bit (the sign of a
 *      zero included), on random points: logits binade-uniform over the whole format (half of
 *      them with |x| < 1, where the gradient takes the tanh form) and beyond the table (t > 110),
 *      hard labels and soft ones, and the gradient at z = s(x) rounded, its deepest cancellation;
 *   2. the tier decides almost every point: at least 99.9% of losses and of hard-label
 *      gradients, 99% of soft-label gradients (a tier that declined everything would leave
 *      `accurate` correct but as slow as before);
 *   3. the hardest-to-round inputs the exhaustive f32 sweep found (reports/exhaustive), where
 *      the exact loss is within 2^-29 ulp of a rounding breakpoint: decided correctly or
 *      declined. */
#include <math.h>
#include <stdint.h>

#include "accurate_table.h"
#include "reference.h"
#include "storage.h"
#include "test_common.h"

static uint64_t random_state = 0x5eed0f7ab1e5u;

static double random_unit(void) { return (double)(splitmix64_next(&random_state) >> 11) * 0x1p-53; }

/* |x| = 2^e (1 + u) rounded to the format, e uniform over the format's binades (half the time
 * below 1, most of the rest in the table's range 1 <= |x| < 128); infinite when it overflows. */
static double random_magnitude(enum format format)
{
    const struct format_info *info = &format_info[format];
    double sign = random_unit() < 0.5 ? -1.0 : 1.0, choice = random_unit();
    int low = info->emin - info->precision + 1, high = info->emax;
    int exponent;
    if (choice < 0.5)
        exponent = low + (int)(random_unit() * (0 - low));
    else if (choice < 0.9)
        exponent = (int)(random_unit() * 7);
    else
        exponent = (int)(random_unit() * (high + 1));
    return round_to_format(format, sign * ldexp(1.0 + random_unit(), exponent));
}

/* A finite logit: the tier's domain. */
static double random_logit(enum format format)
{
    double x;
    do
        x = random_magnitude(format);
    while (isinf(x));
    return x;
}

static double random_label(enum format format, int hard)
{
    if (hard)
        return random_unit() < 0.5 ? 0.0 : 1.0;
    double u = random_unit();
    if (u < 0.1)
        return round_to_format(format, ldexp(random_unit(), -(int)(random_unit() * 30)));
    return round_to_format(format, random_unit());
}

static double sigmoid(double x) { return 1 / (1 + exp(-x)); }

struct tally {
    long points, decided;
};

typedef int tier_fn(enum format format, double x, double z, const struct softplus_binary64 *table, double *result);
typedef void reference_fn(enum format format, double x, double z, struct exact_value *out);

static void check_point(tier_fn *tier, reference_fn *reference, const char *name, enum format format, double x,
                        double z, struct tally *tally)
{
    double result;
    tally->points++;
    if (!tier(format, x, z, softplus_table64(), &result))
        return;
    tally->decided++;
    struct exact_value exact;
    reference(format, x, z, &exact);
    CHECK(double_bits(result) == double_bits(exact.rounded), "%s %s x=%a z=%a: tier %a, correctly rounded %a", name,
          format_info[format].name, x, z, result, exact.rounded);
}

static void check_decided_share(const char *what, enum format format, struct tally tally, double share)
{
    double decided = (double)tally.decided / (double)tally.points;
    printf("%-28s %-5s %ld of %ld decided (%.5f%%)\n", what, format_info[format].name, tally.decided, tally.points,
           100 * decided);
    CHECK(decided >= share, "%s %s: the tier decided only %.4f of the points (at least %.4f expected)", what,
          format_info[format].name, decided, share);
}

static void check_random(enum format format)
{
    enum { POINTS = 200000 };
    struct tally loss = {0, 0}, hard_grad = {0, 0}, soft_grad = {0, 0}, cancelled = {0, 0};
    for (int i = 0; i < POINTS; i++) {
        int hard = i % 2 == 0;
        double x = random_logit(format), z = random_label(format, hard);
        check_point(table_loss, reference_loss, "loss", format, x, z, &loss);
        check_point(table_grad, reference_grad, "grad", format, x, z, hard ? &hard_grad : &soft_grad);
        if (fabs(x) < 40) {
            double deepest = round_to_format(format, sigmoid(x));
            check_point(table_grad, reference_grad, "grad at z = s(x)", format, x, deepest, &cancelled);
        }
    }
    check_decided_share("loss", format, loss, 0.999);
    check_decided_share("gradient, hard labels", format, hard_grad, 0.999);
    check_decided_share("gradient, soft labels", format, soft_grad, 0.99);
    printf("%-28s %-5s %ld of %ld decided\n", "gradient at z = s(x)", format_info[format].name, cancelled.decided,
           cancelled.points);
}

/* The f32 exhaustive sweep's worst losses of `accurate` (reports/exhaustive/f32-hard.txt and
 * the harvested cases): their exact values lie within 2^-29 ulp of a midpoint. */
static void check_hard_to_round(void)
{
    static const double inputs[][2] = {
        {0x1.d483ap-12, 0.0},  {-0x1.d483ap-12, 1.0}, {0x1.43ff2p+0, 1.0},
        {-0x1.43ff2p+0, 0.0},  {0x1.90771cp+3, 1.0},  {-0x1.90771cp+3, 0.0},
    };
    struct tally tally = {0, 0};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        check_point(table_loss, reference_loss, "loss, hard to round", FORMAT_F32, inputs[i][0], inputs[i][1], &tally);
        check_point(table_grad, reference_grad, "grad, hard to round", FORMAT_F32, inputs[i][0], inputs[i][1], &tally);
    }
    printf("hard to round: %ld of %ld decided\n", tally.decided, tally.points);
}

int main(void)
{
    check_random(FORMAT_F32);
    check_random(FORMAT_F16);
    check_random(FORMAT_BF16);
    check_hard_to_round();
    return test_summary();
}
