/* The documented weaknesses of the formulas, asserted as facts so that a report cannot
 * change silently: each is the formula's value and its outcome class against the reference. */
#include <math.h>

#include "commands.h"
#include "metric.h"
#include "test_common.h"

static double value_of(const char *name, enum function function, double x, double z)
{
    const struct implementation *impl = implementation_find(name);
    if (!impl) {
        printf("FAIL: no implementation %s\n", name);
        return NAN;
    }
    return evaluate_point(implementation_kernel(impl, FORMAT_F32, MODE_NATIVE, function), FORMAT_F32, x, z);
}

static enum outcome outcome_of(enum function function, double x, double z, double got)
{
    struct exact_value exact;
    if (function == FUNCTION_LOSS)
        reference_loss(FORMAT_F32, x, z, &exact);
    else
        reference_grad(FORMAT_F32, x, z, &exact);
    return measure(&exact, got).outcome;
}

int main(void)
{
    /* pytorch: (1-z)*x - log_sigmoid(x) cancels for z = 0, x << 0: 0 at x = -16 (true 1.1e-7). */
    double got = value_of("pytorch", FUNCTION_LOSS, -16.0, 0.0);
    CHECK(got == 0.0 && outcome_of(FUNCTION_LOSS, -16.0, 0.0, got) == OUTCOME_FLUSH, "pytorch l(-16,0) = %a", got);
    /* ... and its gradient sigmoid(x) - z is 0 at x = 32, z = 1 (true -1.3e-14). */
    got = value_of("pytorch", FUNCTION_GRAD, 32.0, 1.0);
    CHECK(got == 0.0 && outcome_of(FUNCTION_GRAD, 32.0, 1.0, got) == OUTCOME_FLUSH, "pytorch g(32,1) = %a", got);

    /* caffe: log(1 + e) loses e below ulp(1)/2: 0 at x = 17, z = 1 (true 4.1e-8). */
    got = value_of("caffe", FUNCTION_LOSS, 17.0, 1.0);
    CHECK(got == 0.0 && outcome_of(FUNCTION_LOSS, 17.0, 1.0, got) == OUTCOME_FLUSH, "caffe l(17,1) = %a", got);

    /* textbook: exp(-x) overflows at x = -100, s = 0 and log(1 - s)... gives inf or NaN. */
    for (double z = 0.0; z <= 1.0; z += 1.0) {
        got = value_of("textbook", FUNCTION_LOSS, -100.0, z);
        enum outcome outcome = outcome_of(FUNCTION_LOSS, -100.0, z, got);
        CHECK((isinf(got) || isnan(got)) && (outcome == OUTCOME_OVERFLOW || outcome == OUTCOME_NAN),
              "textbook l(-100,%g) = %a (%s)", z, got, outcome_name[outcome]);
    }

    /* seed-simplified: exp(-x) overflows for x < -88.72: +inf where the loss is finite. */
    const double logits[] = {-88.8, -89.0, -100.0, -1e4};
    for (int i = 0; i < 4; i++) {
        double x = (double)(float)logits[i];
        got = value_of("seed-simplified", FUNCTION_LOSS, x, 0.0);
        CHECK(got == INFINITY && outcome_of(FUNCTION_LOSS, x, 0.0, got) == OUTCOME_OVERFLOW,
              "seed-simplified l(%g,0) = %a", x, got);
    }
    got = value_of("seed-simplified", FUNCTION_LOSS, (double)(float)-88.7, 0.0);
    CHECK(isfinite(got), "seed-simplified l(-88.7,0) is still finite: %a", got);
    return test_summary();
}
