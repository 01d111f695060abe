/* Tests of the reduction suite's exact references (reference/reference_sum.h) and of the
 * summation strategies (impls/reduce/summation.h) on inputs where their behaviour is known:
 * hand sums with known exact values, the exact sum against mpfr_sum, plain f32 stalling at
 * 2^24 and Kahan recovering, f16 stalling and overflowing at the first index computed
 * independently, PyTorch's cascade and the GPU tree against direct (non-streaming)
 * transcriptions, streaming in arbitrary chunks, and a small run of the suite. */
#include <float.h>
#include <math.h>
#include <mpfr.h>
#include <stdlib.h>
#include <string.h>

#include "reduce/summation.h"
#include "reduce/summation_common.h"
#include "reduction.h"
#include "reference.h"
#include "reference_sum.h"
#include "test_common.h"

/* ---- helpers ---- */

static int exact_equals(const struct exact_accumulator *sum, const mpfr_t expected)
{
    mpfr_t value;
    mpfr_init2(value, 2);
    exact_accumulator_value(sum, value);
    int equal = mpfr_equal_p(value, expected);
    mpfr_clear(value);
    return equal;
}

static int exact_equals_double(const struct exact_accumulator *sum, double expected)
{
    mpfr_t e;
    mpfr_init2(e, 53);
    mpfr_set_d(e, expected, MPFR_RNDN);
    int equal = exact_equals(sum, e);
    mpfr_clear(e);
    return equal;
}

static uint64_t state = 88172645463325252u;
static uint64_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static const struct summation_strategy *strategy(const char *name)
{
    const struct summation_strategy *found = summation_find(name);
    if (!found) {
        printf("FAIL: no strategy '%s'\n", name);
        exit(1);
    }
    return found;
}

/* Terms of a format from doubles (each already a value of the format). */
static void *storage_of(enum format format, const double *values, size_t n)
{
    void *terms = malloc((n ? n : 1) * (size_t)format_info[format].storage_bytes);
    for (size_t i = 0; i < n; i++)
        storage_store(format, terms, i, values[i]);
    return terms;
}

static void *constant_terms(enum format format, double value, size_t n)
{
    double *values = malloc(n * sizeof *values);
    for (size_t i = 0; i < n; i++)
        values[i] = value;
    void *terms = storage_of(format, values, n);
    free(values);
    return terms;
}

struct outcome {
    double sum, mean;
    uint64_t first_overflow;
};

static struct outcome run(const char *name, enum format format, const void *terms, size_t n)
{
    const struct summation_strategy *s = strategy(name);
    static struct summation_state st;
    summation_begin(s, &st, format, n);
    summation_add(s, &st, terms, n);
    return (struct outcome){s->sum(&st), s->mean(&st), st.first_overflow};
}

/* f16 arithmetic written independently of storage.h: MPFR at 11 bits in binary16's exponent
 * range (subnormals by mpfr_subnormalize), overflow to infinity. */
static double f16_add_mpfr(double a, double b)
{
    mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
    mpfr_set_emin(-23);
    mpfr_set_emax(16);
    mpfr_t r;
    mpfr_init2(r, 11);
    int t = mpfr_set_d(r, a, MPFR_RNDN);
    mpfr_t mb;
    mpfr_init2(mb, 53);
    mpfr_set_d(mb, b, MPFR_RNDN);
    mpfr_t exact;
    mpfr_init2(exact, 200);
    mpfr_set_d(exact, a, MPFR_RNDN);
    mpfr_add(exact, exact, mb, MPFR_RNDN);
    t = mpfr_set(r, exact, MPFR_RNDN);
    t = mpfr_check_range(r, t, MPFR_RNDN);
    mpfr_subnormalize(r, t, MPFR_RNDN);
    double result = mpfr_get_d(r, MPFR_RNDN);
    if (fabs(result) > 65504.0)
        result = copysign(INFINITY, result);
    mpfr_clears(r, mb, exact, (mpfr_ptr)0);
    mpfr_set_emin(emin);
    mpfr_set_emax(emax);
    return result;
}

/* ---- the exact sum ---- */

static void test_exact_sum_hand(void)
{
    struct exact_accumulator sum;

    /* 1e16 + 1 - 1e16 = 1 (double arithmetic gives 0: 1e16 + 1 rounds to 1e16) */
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, 1e16);
    exact_accumulator_add(&sum, 1.0);
    exact_accumulator_add(&sum, -1e16);
    CHECK(exact_equals_double(&sum, 1.0), "1e16 + 1 - 1e16 = 1");

    /* 0.1 + 0.2 - 0.3 (the doubles) = 2^-55 exactly (python: Fraction(0.1)+Fraction(0.2)-Fraction(0.3)) */
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, 0.1);
    exact_accumulator_add(&sum, 0.2);
    exact_accumulator_add(&sum, -0.3);
    CHECK(exact_equals_double(&sum, 0x1p-55), "0.1 + 0.2 - 0.3 = 2^-55");
    CHECK(exact_accumulator_double(&sum) == 0x1p-55, "as a double");

    /* the extremes: 2^1023 + 2^1023 - 2^1023 (the middle sum is 2^1024, beyond double) */
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, 0x1p1023);
    exact_accumulator_add(&sum, 0x1p1023);
    exact_accumulator_add(&sum, -0x1p1023);
    CHECK(exact_equals_double(&sum, 0x1p1023), "2^1023 + 2^1023 - 2^1023");

    /* 1000 x DBL_MAX = 1000 DBL_MAX, beyond double, exactly */
    exact_accumulator_init(&sum);
    for (int i = 0; i < 1000; i++)
        exact_accumulator_add(&sum, DBL_MAX);
    mpfr_t expected;
    mpfr_init2(expected, 80);
    mpfr_set_d(expected, DBL_MAX, MPFR_RNDN);
    mpfr_mul_ui(expected, expected, 1000, MPFR_RNDN); /* exact: 53 + 10 bits */
    CHECK(exact_equals(&sum, expected), "1000 DBL_MAX");
    CHECK(isinf(exact_accumulator_double(&sum)), "1000 DBL_MAX rounds to inf as a double");

    /* the smallest subnormal survives beside 1: 2^-1074 + 1 - 1 */
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, 0x1p-1074);
    exact_accumulator_add(&sum, 1.0);
    exact_accumulator_add(&sum, -1.0);
    CHECK(exact_equals_double(&sum, 0x1p-1074), "2^-1074 + 1 - 1");

    /* 1 + 2 + ... + 10^6 = 500000500000 */
    exact_accumulator_init(&sum);
    for (int i = 1; i <= 1000000; i++)
        exact_accumulator_add(&sum, (double)i);
    CHECK(exact_equals_double(&sum, 500000500000.0), "1 + ... + 10^6");

    /* negative totals and signed zero */
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, -3.5);
    exact_accumulator_add(&sum, 1.25);
    CHECK(exact_equals_double(&sum, -2.25), "-3.5 + 1.25");
    exact_accumulator_add(&sum, 2.25);
    CHECK(exact_accumulator_double(&sum) == 0.0, "back to zero");

    /* carries through the low digits: 3 x 10^6 additions of the largest subnormal
     * (2^-1022 - 2^-1074) */
    exact_accumulator_init(&sum);
    double largest_subnormal = 0x1p-1022 - 0x1p-1074;
    for (int i = 0; i < 3000000; i++)
        exact_accumulator_add(&sum, largest_subnormal);
    mpfr_t many;
    mpfr_init2(many, 80);
    mpfr_set_d(many, largest_subnormal, MPFR_RNDN);
    mpfr_mul_ui(many, many, 3000000, MPFR_RNDN); /* exact: 52 + 22 bits */
    CHECK(exact_equals(&sum, many), "3 x 10^6 largest subnormals");
    mpfr_clear(many);

    /* infinities and NaN */
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, 1.0);
    exact_accumulator_add(&sum, INFINITY);
    CHECK(exact_accumulator_double(&sum) == INFINITY, "1 + inf");
    exact_accumulator_add(&sum, -INFINITY);
    CHECK(isnan(exact_accumulator_double(&sum)), "inf - inf is NaN");

    /* long doubles split exactly */
    exact_accumulator_init(&sum);
    long double third = 1.0L / 3.0L;
    exact_accumulator_add_long_double(&sum, third);
    mpfr_set_prec(expected, 64);
    mpfr_set_ld(expected, third, MPFR_RNDN);
    CHECK(exact_equals(&sum, expected), "a long double's 64 bits");
    mpfr_clear(expected);
}

/* Random signed doubles over the whole exponent range against mpfr_sum, and merging in any
 * grouping. */
static void test_exact_sum_random(void)
{
    enum { COUNT = 20000 };
    static double values[COUNT];
    for (int i = 0; i < COUNT; i++) {
        uint64_t bits = next_random();
        if ((bits & 0x7ff0000000000000u) == 0x7ff0000000000000u)
            bits &= ~UINT64_C(0x4000000000000000); /* no inf or NaN */
        values[i] = double_from_bits(bits);
        if (i % 3 == 0)
            values[i] = ldexp((double)(int64_t)next_random(), -(int)(next_random() % 80)); /* near one scale */
    }
    mpfr_t *numbers = malloc(COUNT * sizeof *numbers);
    mpfr_ptr *pointers = malloc(COUNT * sizeof *pointers);
    for (int i = 0; i < COUNT; i++) {
        mpfr_init2(numbers[i], 53);
        mpfr_set_d(numbers[i], values[i], MPFR_RNDN);
        pointers[i] = numbers[i];
    }
    mpfr_t expected;
    mpfr_init2(expected, 2200); /* every double's bits fit: the sum is exact */
    mpfr_sum(expected, pointers, COUNT, MPFR_RNDN);

    struct exact_accumulator whole, parts[4], merged;
    exact_accumulator_init(&whole);
    for (int p = 0; p < 4; p++)
        exact_accumulator_init(&parts[p]);
    for (int i = 0; i < COUNT; i++) {
        exact_accumulator_add(&whole, values[i]);
        exact_accumulator_add(&parts[(i * 7) % 4], values[i]);
    }
    CHECK(exact_equals(&whole, expected), "exact sum of 20000 random doubles = mpfr_sum");
    exact_accumulator_init(&merged);
    exact_accumulator_merge(&merged, &parts[3]);
    exact_accumulator_merge(&merged, &parts[0]);
    exact_accumulator_merge(&parts[1], &parts[2]);
    exact_accumulator_merge(&merged, &parts[1]);
    CHECK(exact_equals(&merged, expected), "merged in another grouping: the same sum");
    for (int i = 0; i < COUNT; i++)
        mpfr_clear(numbers[i]);
    free(numbers);
    free(pointers);
    mpfr_clear(expected);
}

static void test_exact_mean_and_errors(void)
{
    struct exact_accumulator sum;
    exact_accumulator_init(&sum);
    exact_accumulator_add(&sum, 1.0);
    exact_accumulator_add(&sum, 2.0);
    mpfr_t mean, third;
    mpfr_inits2(256, mean, third, (mpfr_ptr)0);
    exact_mean(&sum, 3, mean);
    CHECK(mpfr_cmp_ui(mean, 1) == 0, "(1 + 2) / 3 = 1");
    exact_mean(&sum, 9, mean);
    mpfr_set_ui(third, 1, MPFR_RNDN);
    mpfr_div_ui(third, third, 3, MPFR_RNDN);
    CHECK(mpfr_equal_p(mean, third), "(1 + 2) / 9 = 1/3 rounded at 256 bits");

    /* rounding to the formats (ties to even, subnormals, overflow) */
    mpfr_t v;
    mpfr_init2(v, 200);
    mpfr_set_d(v, 65519.99, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_F16, v) == 65504.0, "f16: 65519.99 -> 65504");
    mpfr_set_d(v, 65520.0, MPFR_RNDN);
    CHECK(isinf(reference_round_mpfr(FORMAT_F16, v)), "f16: 65520 -> inf");
    mpfr_set_d(v, 0x1p-25, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_F16, v) == 0.0, "f16: half the smallest subnormal -> 0 (even)");
    mpfr_nextabove(v);
    CHECK(reference_round_mpfr(FORMAT_F16, v) == 0x1p-24, "f16: just above half -> 2^-24");
    mpfr_set_d(v, 3 * 0x1p-25, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_F16, v) == 0x1p-23, "f16: 1.5 subnormals -> 2 (even)");
    mpfr_set_d(v, 1.0 + 0x1p-11, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_F16, v) == 1.0, "f16: 1 + 2^-11 -> 1 (even)");
    mpfr_set_d(v, 1.0 + 3 * 0x1p-11, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_F16, v) == 1.0 + 0x1p-9, "f16: 1 + 3 2^-11 -> 1 + 2^-9 (even)");
    mpfr_set_d(v, 1.0 + 0x1p-8, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_BF16, v) == 1.0, "bf16: 1 + 2^-8 -> 1");
    mpfr_set_d(v, -0x1.fffffep127 * 1.0000001, MPFR_RNDN);
    CHECK(reference_round_mpfr(FORMAT_F32, v) == -INFINITY, "f32: beyond -max -> -inf");

    /* errors: got = 1 + 2^-23 against exactly 1 in f32 is 1 ulp, 2^-23 relative; against
     * 1 - 2^-30 the ulp is that of [1/2, 1): 2^-24, and |got - y| = 2^-23 + 2^-30 */
    double relative, ulps;
    mpfr_set_d(v, 1.0, MPFR_RNDN);
    reference_value_error(FORMAT_F32, 1.0 + 0x1p-23, v, &relative, &ulps);
    CHECK(ulps == 1.0 && relative == 0x1p-23, "1 ulp: got %g ulp, %g", ulps, relative);
    mpfr_set_d(v, 1.0 - 0x1p-30, MPFR_RNDN);
    reference_value_error(FORMAT_F32, 1.0 + 0x1p-23, v, &relative, &ulps);
    CHECK(ulps == 2.0 + 0x1p-6, "below a power of two: %.17g ulp", ulps);
    reference_value_error(FORMAT_F32, INFINITY, v, &relative, &ulps);
    CHECK(isinf(ulps) && isinf(relative), "an infinite mean has an infinite error");
    mpfr_clears(mean, third, v, (mpfr_ptr)0);
}

/* The fast tier against MPFR: within its stated bound. */
static void test_fast_tier(void)
{
    static const double zs[] = {0.0, 1.0, 0.5, 0.1, 0.9, 0.3, 0x1p-24, 1 - 0x1p-24};
    double worst = 0.0;
    for (double x = -40.0; x <= 40.0; x += 0.37)
        for (size_t j = 0; j < sizeof zs / sizeof zs[0]; j++) {
            struct exact_value y;
            reference_loss(FORMAT_F64, x, zs[j], &y);
            double a, b;
            reference_loss_fast(x, zs[j], &a, &b);
            mpfr_t fast, exact;
            mpfr_inits2(256, fast, exact, (mpfr_ptr)0);
            mpfr_set_d(fast, a, MPFR_RNDN);
            mpfr_add_d(fast, fast, b, MPFR_RNDN);
            mpfr_set_d(exact, y.in_ulps_hi, MPFR_RNDN);
            mpfr_add_d(exact, exact, y.in_ulps_lo, MPFR_RNDN);
            mpfr_mul_2si(exact, exact, y.ulp_exponent, MPFR_RNDN);
            mpfr_sub(fast, fast, exact, MPFR_RNDN);
            mpfr_div(fast, fast, exact, MPFR_RNDN);
            double error = fabs(mpfr_get_d(fast, MPFR_RNDN));
            if (error > worst)
                worst = error;
            mpfr_clears(fast, exact, (mpfr_ptr)0);
        }
    CHECK(worst <= REFERENCE_LOSS_FAST_RELATIVE_ERROR, "fast tier within 2^-49: worst %g", worst);
}

/* ---- the strategies on constructed inputs ---- */

static void test_stall_and_recovery(void)
{
    /* 2^24 followed by 1000 ones, f32: plain stalls (2^24 + 1 is a tie, rounds to even 2^24);
     * both Kahans recover the exact 16778216 (even: representable); f64 too */
    size_t n = 1001;
    double *values = malloc(n * sizeof *values);
    values[0] = 0x1p24;
    for (size_t i = 1; i < n; i++)
        values[i] = 1.0;
    void *terms = storage_of(FORMAT_F32, values, n);
    CHECK(run("plain", FORMAT_F32, terms, n).sum == 0x1p24, "plain f32 stalls at 2^24");
    CHECK(run("kahan", FORMAT_F32, terms, n).sum == 16778216.0, "kahan f32 recovers 2^24 + 1000: %.9g",
          run("kahan", FORMAT_F32, terms, n).sum);
    CHECK(run("kahan-neumaier", FORMAT_F32, terms, n).sum == 16778216.0, "kahan-neumaier f32 recovers 2^24 + 1000");
    CHECK(run("f64", FORMAT_F32, terms, n).sum == 16778216.0, "f64 sums 2^24 + 1000 exactly");
    CHECK(run("plain", FORMAT_F32, terms, n).mean == (double)(float)(0x1p24 / 1001.0), "plain mean = RN32(2^24/n)");
    free(terms);
    free(values);

    /* 2^24 + 100 ones: every one lost in a float accumulator, in order */
    n = (size_t)1 << 24;
    n += 100;
    terms = constant_terms(FORMAT_F32, 1.0, n);
    CHECK(run("plain", FORMAT_F32, terms, n).sum == 0x1p24, "plain f32 of 2^24 + 100 ones = 2^24");
    CHECK(run("kahan", FORMAT_F32, terms, n).sum == 0x1p24 + 100, "kahan f32 of 2^24 + 100 ones");
    CHECK(run("cascade", FORMAT_F32, terms, n).sum == 0x1p24 + 100, "cascade f32 of 2^24 + 100 ones");
    CHECK(run("gpu-tree", FORMAT_F32, terms, n).sum == 0x1p24 + 100, "gpu-tree f32 of 2^24 + 100 ones");
    free(terms);
}

static void test_half_formats(void)
{
    const double term = round_to_f16(0.7); /* 0.7001953125 */
    size_t n = 100000;
    void *terms = constant_terms(FORMAT_F16, term, n);

    /* plain f16: the sum stalls at 2048 (0.7 is below half of 2048's ulp, 2); no overflow */
    struct outcome plain = run("plain", FORMAT_F16, terms, n);
    CHECK(plain.sum == 2048.0 && plain.first_overflow == 0, "plain f16 of 10^5 x 0.7 stalls at 2048: %g", plain.sum);
    CHECK(plain.mean == round_to_f16(2048.0 / 100000.0), "plain f16 mean = RN16(2048 / 10^5)");

    /* Kahan-Neumaier in f16: s stalls at 2048 and so does its separate correction: 4096 */
    struct outcome neumaier = run("kahan-neumaier", FORMAT_F16, terms, n);
    CHECK(neumaier.sum == 4096.0 && neumaier.first_overflow == 0, "kahan-neumaier f16: %g", neumaier.sum);

    /* classic Kahan in f16 tracks the true sum, which passes 65504: the first overflow index,
     * computed here with MPFR-rounded f16 arithmetic (independent of storage.h) */
    uint64_t expected = 0;
    double s = 0.0, c = 0.0;
    for (size_t i = 0; i < n && !expected; i++) {
        double y = f16_add_mpfr(term, -c);
        double u = f16_add_mpfr(s, y);
        c = f16_add_mpfr(f16_add_mpfr(u, -s), -y);
        s = u;
        if (isinf(s))
            expected = i + 1;
    }
    struct outcome kahan = run("kahan", FORMAT_F16, terms, n);
    CHECK(expected > 90000 && kahan.first_overflow == expected, "kahan f16 overflows at %llu, expected %llu",
          (unsigned long long)kahan.first_overflow, (unsigned long long)expected);
    CHECK(!isfinite(kahan.mean), "kahan f16 mean not finite after the overflow");

    /* sum-cast: the float sum reaches 65520 (rounds to inf in f16) at the index a plain float
     * loop finds */
    float sum = 0.0f;
    expected = 0;
    for (size_t i = 0; i < n && !expected; i++) {
        sum += (float)term;
        if (sum >= 65520.0f)
            expected = i + 1;
    }
    struct outcome cast = run("sum-cast", FORMAT_F16, terms, n);
    CHECK(expected > 90000 && cast.first_overflow == expected && isinf(cast.mean),
          "sum-cast f16 overflows at %llu, expected %llu", (unsigned long long)cast.first_overflow,
          (unsigned long long)expected);

    /* float accumulators do not overflow, and PyTorch's mean (cascade) is the f16 value of 0.7 */
    CHECK(run("cascade", FORMAT_F16, terms, n).mean == term, "cascade f16 mean of 0.7s is 0.7");
    CHECK(run("f64", FORMAT_F16, terms, n).mean == term, "f64 f16 mean of 0.7s is 0.7");
    CHECK(run("gpu-tree", FORMAT_F16, terms, n).first_overflow == 0, "gpu-tree: no overflow");
    free(terms);

    /* terms of 64: plain f16 overflows exactly at the 1024th (1023 x 64 = 65472, 1024 x 64 = 65536) */
    terms = constant_terms(FORMAT_F16, 64.0, 2000);
    plain = run("plain", FORMAT_F16, terms, 2000);
    CHECK(plain.first_overflow == 1024 && isinf(plain.sum), "plain f16 of 64s overflows at 1024: %llu",
          (unsigned long long)plain.first_overflow);
    plain = run("plain", FORMAT_F16, terms, 1023);
    CHECK(plain.first_overflow == 0 && plain.sum == 65472.0, "1023 terms of 64: 65472, no overflow");
    free(terms);

    /* bf16: plain stalls at 256 for 0.7 (8 bits: ulp of 256 is 2) */
    terms = constant_terms(FORMAT_BF16, round_to_bf16(0.7), 10000);
    CHECK(run("plain", FORMAT_BF16, terms, 10000).sum == 256.0, "plain bf16 stalls at 256");
    CHECK(run("f32", FORMAT_BF16, terms, 10000).first_overflow == 0, "no bf16 overflow");
    free(terms);
}

/* ---- PyTorch's cascade and the GPU tree, transcribed directly over a whole array ---- */

static int64_t ceil_log2_reference(int64_t x)
{
    if (x <= 2)
        return 1;
    int64_t bits = 0;
    while ((UINT64_C(1) << bits) < (uint64_t)x)
        bits++;
    return bits;
}

/* multi_row_sum<float, 4> over `size` rows of 4 "vectors" of `lanes` floats. */
static void multi_row_sum_reference(const float *data, int lanes, int64_t size, float *out /* [4][lanes] */)
{
    enum { LEVELS = 4 };
    const int64_t level_power = ceil_log2_reference(size) / LEVELS > 4 ? ceil_log2_reference(size) / LEVELS : 4;
    const int64_t level_step = (int64_t)1 << level_power, level_mask = level_step - 1;
    float acc[LEVELS][4][8] = {{{0}}};
    int64_t i = 0;
    for (; i + level_step <= size;) {
        for (int64_t j = 0; j < level_step; ++j, ++i)
            for (int k = 0; k < 4; ++k)
                for (int l = 0; l < lanes; l++)
                    acc[0][k][l] += data[(i * 4 + k) * lanes + l];
        for (int j = 1; j < LEVELS; ++j) {
            for (int k = 0; k < 4; ++k)
                for (int l = 0; l < lanes; l++) {
                    acc[j][k][l] += acc[j - 1][k][l];
                    acc[j - 1][k][l] = 0.0f;
                }
            if ((i & (level_mask << (j * level_power))) != 0)
                break;
        }
    }
    for (; i < size; ++i)
        for (int k = 0; k < 4; ++k)
            for (int l = 0; l < lanes; l++)
                acc[0][k][l] += data[(i * 4 + k) * lanes + l];
    for (int j = 1; j < LEVELS; ++j)
        for (int k = 0; k < 4; ++k)
            for (int l = 0; l < lanes; l++)
                acc[0][k][l] += acc[j][k][l];
    for (int k = 0; k < 4; ++k)
        for (int l = 0; l < lanes; l++)
            out[k * lanes + l] = acc[0][k][l];
}

/* vectorized_inner_sum (n >= 8) or scalar_inner_sum (n < 8), as float. */
static float cascade_reference(const float *data, int64_t n)
{
    int lanes = n >= 8 ? 8 : 1;
    int64_t vec_size = n / lanes, size_ilp = vec_size / 4;
    float partial[4 * 8];
    multi_row_sum_reference(data, lanes, size_ilp, partial);
    for (int64_t v = size_ilp * 4; v < vec_size; v++)
        for (int l = 0; l < lanes; l++)
            partial[l] += data[v * lanes + l];
    for (int k = 1; k < 4; k++)
        for (int l = 0; l < lanes; l++)
            partial[l] += partial[k * lanes + l];
    if (lanes == 1)
        return partial[0];
    float final_acc = 0.0f;
    for (int64_t k = vec_size * lanes; k < n; k++)
        final_acc += data[k];
    for (int l = 0; l < lanes; l++)
        final_acc += partial[l];
    return final_acc;
}

static float gpu_tree_reference(const float *data, int64_t n)
{
    int64_t blocks = (n + 1023) / 1024;
    float *partials = calloc((size_t)blocks + 1, sizeof *partials);
    for (int64_t b = 0; b < blocks; b++) {
        float v[256];
        for (int t = 0; t < 256; t++) {
            float s = 0.0f;
            for (int j = 0; j < 4; j++) {
                int64_t i = b * 1024 + t + 256 * j;
                s += i < n ? data[i] : 0.0f;
            }
            v[t] = s;
        }
        for (int stride = 128; stride > 0; stride /= 2)
            for (int t = 0; t < stride; t++)
                v[t] += v[t + stride];
        partials[b] = v[0];
    }
    float v[256];
    for (int t = 0; t < 256; t++) {
        float s = 0.0f;
        for (int64_t p = t; p < blocks; p += 256)
            s += partials[p];
        v[t] = s;
    }
    for (int stride = 128; stride > 0; stride /= 2)
        for (int t = 0; t < stride; t++)
            v[t] += v[t + stride];
    free(partials);
    return v[0];
}

/* Streaming in pieces of random sizes gives what one call gives, for every strategy, and
 * cascade and gpu-tree equal the direct transcriptions bit for bit. */
static void test_structure_and_streaming(void)
{
    static const size_t sizes[] = {1, 5, 7, 8, 9, 31, 32, 33, 100, 1000, 1023, 1024, 1025, 4099, 65537, 300007};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        float *data = malloc(n * sizeof *data);
        double *values = malloc(n * sizeof *values);
        for (size_t i = 0; i < n; i++) {
            /* losses-like: mostly below 1, a few large, some tiny */
            double u = (double)(next_random() >> 11) * 0x1p-53;
            data[i] = (float)(u < 0.1 ? 1e-6 * u : u < 0.95 ? u : 20.0 * u);
            values[i] = data[i];
        }
        CHECK(run("cascade", FORMAT_F32, data, n).sum == cascade_reference(data, (int64_t)n),
              "cascade = direct transcription of SumKernel.cpp, n = %zu", n);
        CHECK(run("gpu-tree", FORMAT_F32, data, n).sum == gpu_tree_reference(data, (int64_t)n),
              "gpu-tree = direct two-stage tree, n = %zu", n);
        /* signed terms of large magnitude and a small total: every partial sum's rounding
         * shows in the result, so a different grouping gives a different sum */
        float *signed_data = malloc(n * sizeof *signed_data);
        for (size_t i = 0; i < n; i++)
            signed_data[i] = (float)((i % 2 ? -1.0 : 1.0) * ldexp(1.0 + (double)(next_random() >> 11) * 0x1p-53,
                                                                   (int)(next_random() % 24)));
        CHECK(run("cascade", FORMAT_F32, signed_data, n).sum == cascade_reference(signed_data, (int64_t)n),
              "cascade = transcription on signed terms, n = %zu", n);
        CHECK(run("gpu-tree", FORMAT_F32, signed_data, n).sum == gpu_tree_reference(signed_data, (int64_t)n),
              "gpu-tree = two-stage tree on signed terms, n = %zu", n);
        free(signed_data);
        for (int f = FORMAT_F32; f <= FORMAT_BF16; f++) {
            void *terms = storage_of((enum format)f, values, n);
            size_t bytes = (size_t)format_info[f].storage_bytes;
            for (size_t k = 0; k < summation_strategy_count; k++) {
                const struct summation_strategy *strategy_k = summation_strategies[k];
                if (!summation_supports(strategy_k, (enum format)f))
                    continue;
                struct outcome whole = run(strategy_k->name, (enum format)f, terms, n);
                static struct summation_state st;
                summation_begin(strategy_k, &st, (enum format)f, n);
                size_t done = 0;
                while (done < n) {
                    size_t piece = 1 + next_random() % 3000;
                    if (piece > n - done)
                        piece = n - done;
                    summation_add(strategy_k, &st, (const unsigned char *)terms + done * bytes, piece);
                    done += piece;
                }
                double sum = strategy_k->sum(&st), mean = strategy_k->mean(&st);
                CHECK((sum == whole.sum || (isnan(sum) && isnan(whole.sum))) && (mean == whole.mean || (isnan(mean) && isnan(whole.mean))) &&
                          st.first_overflow == whole.first_overflow,
                      "%s %s n = %zu: streamed in pieces = one call", strategy_k->name, format_info[f].name, n);
            }
            free(terms);
        }
        free(data);
        free(values);
    }
}

/* The division: RN(sum / n) for random sums and n, against MPFR. */
static void test_division(void)
{
    int wrong = 0;
    mpfr_t q;
    mpfr_init2(q, 300);
    for (int i = 0; i < 20000; i++) {
        double sum = ldexp((double)(next_random() >> 11), -(int)(next_random() % 40));
        uint64_t n = 1 + next_random() % 1000000000;
        mpfr_set_d(q, sum, MPFR_RNDN);
        mpfr_div_ui(q, q, (unsigned long)n, MPFR_RNDN); /* 300 bits: exact enough to round */
        for (int f = FORMAT_F32; f <= FORMAT_BF16; f++)
            if (summation_divide((enum format)f, sum, n) != reference_round_mpfr((enum format)f, q))
                wrong++;
    }
    mpfr_clear(q);
    CHECK(wrong == 0, "RN(sum / n) correctly rounded to f32, f16, bf16: %d wrong", wrong);
}

/* ---- a small run of the suite ---- */

static void test_suite_run(void)
{
    uint64_t sizes[REDUCTION_MAX_SIZES];
    int count = reduction_sizes(1000000000, sizes);
    CHECK(count == 7 && sizes[0] == 1000 && sizes[6] == 1000000000, "sizes up to 10^9: %d", count);
    count = reduction_sizes(5000, sizes);
    CHECK(count == 2 && sizes[1] == 5000, "sizes up to 5000: 1000, 5000");
    count = reduction_sizes(10, sizes);
    CHECK(count == 1 && sizes[0] == 10, "sizes up to 10: 10");

    struct reduction_request request = {{FORMAT_F32, FORMAT_F16, FORMAT_BF16}, 3, 20000, 5, 1, 0};
    struct reduction_result one, two;
    reduction_execute(&request, &one);
    request.threads = 2;
    reduction_execute(&request, &two);
    int same = one.row_count == two.row_count && one.row_count > 0;
    for (size_t i = 0; same && i < one.row_count; i++) {
        const struct reduction_row *a = &one.rows[i], *b = &two.rows[i];
        same = a->strategy == b->strategy && a->n == b->n && double_bits(a->mean) == double_bits(b->mean) &&
               a->exact_mean == b->exact_mean && a->exact_mean_of_terms == b->exact_mean_of_terms &&
               a->first_overflow == b->first_overflow;
    }
    CHECK(same, "the suite gives the same numbers with 1 and 2 threads");
    for (size_t i = 0; i < one.row_count; i++) {
        const struct reduction_row *row = &one.rows[i];
        int p = format_info[row->format].precision;
        /* the terms of `accurate` are correctly rounded: their mean is within 2^-p of the
         * exact mean (relative) */
        if (row->terms == 0)
            CHECK(fabs(row->exact_mean_of_terms - row->exact_mean) <= ldexp(row->exact_mean, -p),
                  "%s n=%llu: mean of rounded terms within 2^-p of the exact mean", format_info[row->format].name,
                  (unsigned long long)row->n);
        if (strcmp(row->strategy->name, "f64") == 0)
            CHECK(row->ulp_summation <= 0.5 + 1e-6, "f64 accumulation is correctly rounded at n=%llu: %g ulp",
                  (unsigned long long)row->n, row->ulp_summation);
        CHECK(row->gelem_per_s > 0.0, "a throughput");
    }
    reduction_result_free(&one);
    reduction_result_free(&two);
}

int main(void)
{
    test_exact_sum_hand();
    test_exact_sum_random();
    test_exact_mean_and_errors();
    test_fast_tier();
    test_stall_and_recovery();
    test_half_formats();
    test_structure_and_streaming();
    test_division();
    test_suite_run();
    return test_summary();
}
