/* The ULP metric on hand-computable cases.  Exact values come from the reference where the
 * exact result is a rational it holds exactly: g(-inf, z) = -z, so any format value v is
 * an exact y via z = -v. */
#include <math.h>

#include "metric.h"
#include "test_common.h"

static struct exact_value exactly(enum format format, double y)
{
    struct exact_value exact;
    reference_grad(format, -INFINITY, -y, &exact);
    return exact;
}

static void check_error(enum format format, double y, double got, double expected_error, enum outcome expected_outcome)
{
    struct exact_value exact = exactly(format, y);
    struct measurement m = measure(&exact, got);
    CHECK(m.ulp_error == expected_error && m.outcome == expected_outcome,
          "%s y=%a got=%a: error %.17g (%s), expected %.17g (%s)", format_info[format].name, y, got, m.ulp_error,
          outcome_name[m.outcome], expected_error, outcome_name[expected_outcome]);
}

static void test_binade_edges(void)
{
    /* ulp(1) in f32 is 2^-23; below 1 it is 2^-24, and the error is in ulps of y, not of r. */
    check_error(FORMAT_F32, 1.0, 1.0 + 0x1p-23, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 1.0, 1.0 - 0x1p-24, 0.5, OUTCOME_OK);
    check_error(FORMAT_F32, 1.0 - 0x1p-24, 1.0, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 1.0 - 0x1p-24, 1.0 + 0x1p-23, 3.0, OUTCOME_OK);
    check_error(FORMAT_F64, 1.0, 1.0 + 0x1p-52, 1.0, OUTCOME_OK);
    check_error(FORMAT_F64, 0x1.fffffffffffffp-1, 1.0, 1.0, OUTCOME_OK);
    check_error(FORMAT_F16, 2048.0, 2050.0, 1.0, OUTCOME_OK);
    check_error(FORMAT_F16, 65504.0, 65472.0, 1.0, OUTCOME_OK);
    check_error(FORMAT_BF16, 1.0, 1.0078125, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 3.0, 3.0, 0.0, OUTCOME_OK);
}

static void test_subnormals_and_zero(void)
{
    /* ulp is the smallest subnormal throughout the subnormal range and at 0. */
    check_error(FORMAT_F32, 0x1p-149, 0x1p-148, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 0x1p-126, 0x1p-126 + 0x1p-149, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 0x1.fffffcp-127, 0x1p-126, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 0.0, 0x1p-149, 1.0, OUTCOME_OK);
    check_error(FORMAT_F32, 0.0, -0x1p-147, 4.0, OUTCOME_OK);
    check_error(FORMAT_F64, 0x1p-1074, 0x1p-1072, 3.0, OUTCOME_OK);
    check_error(FORMAT_F16, 0x1p-24, 0x1p-23, 1.0, OUTCOME_OK);
    check_error(FORMAT_F16, 0x1p-14, 0x1p-14 + 0x1p-24, 1.0, OUTCOME_OK);
    check_error(FORMAT_BF16, 0x1p-133, 0x1p-132, 1.0, OUTCOME_OK);
    /* r = 0 for a representable y != 0 is a flush, whatever its size. */
    check_error(FORMAT_F32, 0x1p-149, 0.0, 1.0, OUTCOME_FLUSH);
    check_error(FORMAT_F32, 1.0, 0.0, 0x1p23, OUTCOME_FLUSH);
    check_error(FORMAT_F16, -0x1p-24, 0.0, 1.0, OUTCOME_FLUSH);
}

static void test_irrational(void)
{
    /* y = l(0, 0) = ln 2; in f32, ulp(y) = 2^-24 and RN(ln 2) = 0x1.62e43p-1. */
    const long double ln2 = 0.693147180559945309417232121458L;
    struct exact_value exact;
    reference_loss(FORMAT_F32, 0.0, 0.0, &exact);
    double got = 0x1.62e43p-1;
    double expected = (double)(fabsl((long double)got - ln2) * 0x1p24L);
    struct measurement m = measure(&exact, got);
    CHECK(fabs(m.ulp_error - expected) <= 1e-12 && m.ulp_error < 0.5, "ln 2 in f32: %.17g, expected %.17g", m.ulp_error,
          expected);
    m = measure(&exact, 0x1.62e432p-1); /* RN(ln 2) is above ln 2: the next float is one ulp further */
    CHECK(fabs(m.ulp_error - (1.0 + expected)) <= 1e-12, "ln 2 in f32, next float: %.17g", m.ulp_error);
    /* f64: |RN(ln 2) - ln 2| / 2^-53, computed with mpmath at 300 bits: 0.20888116733385861... */
    reference_loss(FORMAT_F64, 0.0, 0.0, &exact);
    m = measure(&exact, 0x1.62e42fefa39efp-1);
    CHECK(fabs(m.ulp_error - 0.20888116733385861) <= 1e-15, "ln 2 in f64: %.17g", m.ulp_error);
}

static void test_outcomes(void)
{
    struct exact_value exact = exactly(FORMAT_F32, 1.0);
    struct measurement m = measure(&exact, INFINITY);
    CHECK(m.outcome == OUTCOME_OVERFLOW && isinf(m.ulp_error), "inf for a finite y is overflow");
    m = measure(&exact, NAN);
    CHECK(m.outcome == OUTCOME_NAN && isinf(m.ulp_error), "NaN for a finite y is nan");
    m = measure(&exact, -1.0);
    CHECK(m.outcome == OUTCOME_SIGN && m.ulp_error == 0x1p24, "-1 for 1 is a sign error of 2^24 ulp");
    reference_loss(FORMAT_F32, INFINITY, 0.0, &exact); /* +inf */
    m = measure(&exact, 0x1.fffffep127);
    CHECK(m.outcome == OUTCOME_INF_MISMATCH && isinf(m.ulp_error), "finite for y = inf is inf-mismatch");
    m = measure(&exact, INFINITY);
    CHECK(m.outcome == OUTCOME_OK && m.ulp_error == 0.0, "inf for inf is exact");
    reference_loss(FORMAT_F32, NAN, 0.0, &exact);
    m = measure(&exact, NAN);
    CHECK(m.outcome == OUTCOME_OK && m.ulp_error == 0.0, "NaN for NaN is exact");
    m = measure(&exact, 1.0);
    CHECK(m.outcome == OUTCOME_NAN, "a number for NaN is nan");
    /* Below half the smallest subnormal, 0 is the right answer and not a flush. */
    reference_grad(FORMAT_F32, 0x1p-148, 0.5, &exact); /* tanh(2^-149)/2 < 2^-150 */
    m = measure(&exact, 0.0);
    CHECK(m.outcome == OUTCOME_OK && m.ulp_error <= 0.5 && m.ulp_error > 0.4999, "0 for y just below 2^-150: %.17g",
          m.ulp_error);
}

int main(void)
{
    test_binade_edges();
    test_subnormals_and_zero();
    test_irrational();
    test_outcomes();
    return test_summary();
}
