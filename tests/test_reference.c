/* The MPFR reference against values derived independently of its code path: known constants
 * (30 digits, computed elsewhere, rounded here by MPFR's string parser), identities,
 * series for tiny and huge |x|, limits at infinity, and rounding cases decided by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reference.h"
#include "test_common.h"

static const enum format all_formats[] = {FORMAT_F64, FORMAT_F32, FORMAT_F16, FORMAT_BF16};

static double parsed(enum format format, const char *text)
{
    double value = NAN;
    if (reference_parse(format, text, &value) != 0)
        printf("FAIL: cannot parse %s\n", text);
    return value;
}

static double loss(enum format format, double x, double z)
{
    struct exact_value exact;
    reference_loss(format, x, z, &exact);
    return exact.rounded;
}

static double grad(enum format format, double x, double z)
{
    struct exact_value exact;
    reference_grad(format, x, z, &exact);
    return exact.rounded;
}

/* The exact value as a long double (64-bit significand): y = (hi + lo) * 2^q. */
static long double exact_long(const struct exact_value *exact)
{
    return ldexpl((long double)exact->in_ulps_hi + (long double)exact->in_ulps_lo, exact->ulp_exponent);
}

struct constant {
    const char *name;
    int is_grad;
    const char *x, *z, *value;
};

/* Printed to 32 digits with mpmath at 40 digits. */
static const struct constant constants[] = {
    {"l(0,0) = ln 2", 0, "0", "0", "0.69314718055994530941723212145818"},
    {"l(0,0.7) = ln 2", 0, "0", "0.75", "0.69314718055994530941723212145818"},
    {"g(1,0) = sigmoid(1)", 1, "1", "0", "0.73105857863000487925115924182184"},
    {"l(1,0) = log(1+e)", 0, "1", "0", "1.3132616875182228340489954949679"},
    {"l(-16,0)", 0, "-16", "0", "1.1253516838717681502134146920939e-7"},
    {"l(17,1)", 0, "17", "1", "4.1399376330897474477083600616703e-8"},
    {"l(100,1)", 0, "100", "1", "3.7200759760208359629596958038631e-44"},
    {"g(32,1)", 1, "32", "1", "-1.26641655490940153420318492906e-14"},
    {"l(-3,0.25)", 0, "-3", "0.25", "0.79858735157374205875892591985469"},
};

static void test_constants(void)
{
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++) {
        const struct constant *c = &constants[i];
        for (size_t f = 0; f < 4; f++) {
            enum format format = all_formats[f];
            double x = parsed(format, c->x), z = parsed(format, c->z);
            double expected = parsed(format, c->value);
            double got = c->is_grad ? grad(format, x, z) : loss(format, x, z);
            CHECK(got == expected, "%s in %s: reference %a, constant rounds to %a", c->name,
                  format_info[format].name, got, expected);
        }
    }
}

/* l(x,z) = l(-x,1-z) and g(x,z) = -g(-x,1-z): a label flip mirrors the logit. */
static void test_symmetry(void)
{
    const double labels[] = {0.0, 1.0, 0.5, 0.25, 0.75, 0.125};
    for (size_t f = 0; f < 4; f++) {
        enum format format = all_formats[f];
        for (double x = -40.0; x <= 40.0; x += 0.8125) {
            double xf = round_to_format(format, x);
            for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
                double z = labels[k];
                CHECK(loss(format, xf, z) == loss(format, -xf, 1.0 - z), "l(%a,%g) != l(-x,1-z) in %s", xf, z,
                      format_info[format].name);
                CHECK(grad(format, xf, z) == -grad(format, -xf, 1.0 - z), "g(%a,%g) != -g(-x,1-z) in %s", xf, z,
                      format_info[format].name);
            }
        }
    }
}

/* l(x,0) - l(x,1) = x, on the exact values (64-bit significands here). */
static void test_difference_identity(void)
{
    for (double x = -700.0; x <= 700.0; x += 3.3125) {
        struct exact_value zero, one;
        reference_loss(FORMAT_F64, x, 0.0, &zero);
        reference_loss(FORMAT_F64, x, 1.0, &one);
        long double y0 = exact_long(&zero), y1 = exact_long(&one);
        long double difference = y0 - y1 - (long double)x;
        CHECK(fabsl(difference) <= 0x1p-60L * (fabsl(y0) + fabsl(y1)), "l(%a,0) - l(x,1) - x = %Lg", x,
              difference);
    }
}

/* Tiny |x|: l = ln2 + x(1/2 - z) + x^2/8 - x^4/192; g = 1/2 - z + x/4 - x^3/48. */
static void test_tiny_series(void)
{
    const long double ln2 = 0.693147180559945309417232121458L;
    for (int e = -60; e <= -20; e += 4) {
        double x = ldexp(1.0, e) * 1.375;
        for (double z = 0.0; z <= 1.0; z += 0.25) {
            struct exact_value l, g;
            reference_loss(FORMAT_F64, x, z, &l);
            reference_grad(FORMAT_F64, x, z, &g);
            long double X = x, Z = z;
            long double loss_series = ln2 + X * (0.5L - Z) + X * X / 8 - X * X * X * X / 192;
            long double grad_series = (0.5L - Z) + X / 4 - X * X * X / 48;
            CHECK(fabsl(exact_long(&l) - loss_series) <= 0x1p-62L, "loss series x=%a z=%g", x, z);
            long double grad_error = fabsl(exact_long(&g) - grad_series);
            CHECK(grad_error <= 0x1p-62L * fabsl(grad_series) + 0x1p-62L * X * X * X * X * X,
                  "grad series x=%a z=%g: %Lg", x, z, grad_error);
        }
    }
}

/* Huge |x|: l(-t,0) = log1p(e^-t) = e^-t - e^-2t/2; g(t,1) = -e^-t/(1+e^-t); l(t,z) = t(1-z) + e^-t. */
static void test_huge_series(void)
{
    for (double t = 50.0; t <= 11000.0; t *= 1.7) {
        struct exact_value l, g;
        reference_loss(FORMAT_F64, -t, 0.0, &l);
        reference_grad(FORMAT_F64, t, 1.0, &g);
        long double e = expl(-(long double)t);
        long double l_series = e - e * e / 2, g_series = -e / (1 + e);
        if (t < 700) { /* the exact value is a normal double there, exact_long keeps 64 bits */
            CHECK(fabsl(exact_long(&l) - l_series) <= 0x1p-60L * l_series, "l(-%g,0)", t);
            CHECK(fabsl(exact_long(&g) - g_series) <= 0x1p-60L * -g_series, "g(%g,1)", t);
        }
        CHECK(l.rounded == (double)l_series, "l(-%g,0) rounded %a, expected %a", t, l.rounded, (double)l_series);
        double z = 0.375;
        CHECK(loss(FORMAT_F64, t, z) == t * (1 - z), "l(%g,%g) = x(1-z) when e^-x is below the last bit", t, z);
    }
}

/* Limits of DESIGN.md for infinite x with z fixed; NaN in, NaN out. */
static void test_limits(void)
{
    for (size_t f = 0; f < 4; f++) {
        enum format format = all_formats[f];
        CHECK(loss(format, INFINITY, 1.0) == 0.0, "l(+inf,1) = 0");
        CHECK(loss(format, INFINITY, 0.5) == INFINITY, "l(+inf,0.5) = +inf");
        CHECK(loss(format, -INFINITY, 0.0) == 0.0, "l(-inf,0) = 0");
        CHECK(loss(format, -INFINITY, 0.25) == INFINITY, "l(-inf,0.25) = +inf");
        CHECK(grad(format, INFINITY, 0.25) == 0.75, "g(+inf,0.25) = 0.75");
        CHECK(grad(format, -INFINITY, 0.25) == -0.25, "g(-inf,0.25) = -0.25");
        CHECK(isnan(loss(format, NAN, 0.5)) && isnan(grad(format, 1.0, NAN)), "NaN in, NaN out");
        CHECK(grad(format, 0.0, 0.5) == 0.0, "g(0,1/2) = 0 exactly");
    }
}

/* Cases whose rounding is decided by hand.  In each, the exact part a is exactly a rounding
 * midpoint of the format and the transcendental part b, far below it, decides the side. */
static void test_midpoints(void)
{
    /* f16: x = 685, z = 0x1.fecp-1: 1 - z = 5*2^-11, a = 3425/2048 = 0x1.ac2p+0, the midpoint
     * of 0x1.ac0p+0 and 0x1.ac4p+0; b = log1p(e^-685) > 0 pushes it up. */
    CHECK(loss(FORMAT_F16, 685.0, parsed(FORMAT_F16, "0x1.fecp-1")) == 0x1.ac4p+0, "f16 loss midpoint up");
    /* f32: x = 0x1.eff71cp+51, z = 0x1.4f25eap-2: 1 - z = 0x1.586d0bp-1, the midpoint of
     * 0x1.586d0ap-1 and 0x1.586d0cp-1; b = -sigmoid(-x) < 0 pushes it down. */
    CHECK(grad(FORMAT_F32, 0x1.eff71cp+51, 0x1.4f25eap-2) == 0x1.586d0ap-1, "f32 grad midpoint down");
    /* f64: x = 0x1.2da76fa1c1fcfp+9, z = 1 - 3*2^-53: a = 3x*2^-53 has 55 bits and is the
     * midpoint 0x1.c47b2772a2fb68p-43; b = log1p(e^-603.7) > 0 pushes it up. */
    CHECK(loss(FORMAT_F64, 0x1.2da76fa1c1fcfp+9, 1.0 - 3 * 0x1p-53) == 0x1.c47b2772a2fb7p-43,
          "f64 loss midpoint up");
    /* g(+inf, z) = 1 - z rounded to the format once: 1 - 2^-31 is 1 in f32. */
    CHECK(grad(FORMAT_F32, INFINITY, 0x1p-31) == 1.0, "f32 g(+inf, 2^-31) = 1");
    /* Below half the smallest subnormal: g(2^-1073, 1/2) = tanh(2^-1074)/2 < 2^-1075 rounds to 0. */
    CHECK(grad(FORMAT_F64, 0x1p-1073, 0.5) == 0.0, "f64 grad below half the smallest subnormal");
}

/* Exact parsing: one rounding from the decimal text, with subnormals and overflow. */
static void test_parse(void)
{
    CHECK(parsed(FORMAT_F16, "65519.99") == 65504.0, "f16 65519.99 -> 65504");
    CHECK(parsed(FORMAT_F16, "65520") == INFINITY, "f16 65520 -> inf (tie to even)");
    CHECK(parsed(FORMAT_F16, "2.98023223876953125e-8") == 0.0, "f16 half the smallest subnormal -> 0");
    CHECK(parsed(FORMAT_F16, "2.98023223876953126e-8") == 0x1p-24, "f16 just above half -> 2^-24");
    /* 1 + 2^-24 + 2^-60: via binary64 it would be 1 + 2^-24, a tie rounding to 1 in f32. */
    CHECK(parsed(FORMAT_F32, "1.00000005960464477550697070") == 0x1.000002p+0, "f32: no double rounding");
    CHECK(parsed(FORMAT_BF16, "0x1.018p+0") == 0x1.02p+0, "bf16 hex above the midpoint rounds up");
    CHECK(parsed(FORMAT_F32, "-inf") == -INFINITY && isnan(parsed(FORMAT_F32, "nan")), "inf and nan");
    double unused;
    CHECK(reference_parse(FORMAT_F32, "1.5x", &unused) != 0 && reference_parse(FORMAT_F32, "", &unused) != 0,
          "trailing garbage and empty text are rejected");
}

int main(void)
{
    test_constants();
    test_symmetry();
    test_difference_identity();
    test_tiny_series();
    test_huge_series();
    test_limits();
    test_midpoints();
    test_parse();
    return test_summary();
}
