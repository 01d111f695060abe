/* fast_measure_summary (fast_reference.h): fast_measure's per-point measurement and the
 * block's sums over the points the accumulator needs only as sums, in one pass.  Compiled
 * twice like fast_terms.c: with AVX-512 (FAST_SUFFIX avx512: written with intrinsics, 8 points
 * a step, because GCC 12 leaves the plain loop scalar: it does not vectorize the
 * double-to-integer conversion inside an OpenMP reduction), and for baseline x86-64 (the plain
 * loop).  Both compute every value with the operations of fast_measure and accumulator_add,
 * so the results are theirs bit for bit:
 *   error e = |(got - y_hi) - y_lo| / ulp, its bound (bound + |.| 2^-51) / ulp; +inf when got
 *   is NaN (outcome nan) or infinite (overflow);
 *   outcome of a finite got: flush when got = 0 and the exact value flushes, sign when got is
 *   nonzero and of the other sign, else ok;
 *   may be worst: a finite e above the worst cases' last, or equal to it with the bits of
 *   (x, z) before its (the lists' total order; every e while the list is not full);
 *   simple when decided, e (finite) not within its bound of a histogram limit, and, for a
 *   failure, |x| above its class's example bar and not may-be-worst (so the accumulator's lists
 *   cannot change: failures are common in exhaustive sweeps, where textbook formulas overflow
 *   over half the range);
 *   histogram: bucket 1 + j holds the errors in (limit j - 1, limit j], from the counts of
 *   errors above each limit (+inf is above all: the last bucket);
 *   the exact fixed-point sum of the finite errors below 2^31, (uint64) (e 2^32) each, as
 *   whole and fraction parts (below 2^31 and 2^32 per point: a block's sums fit 64 bits);
 *   rare: the simple points that may be worst or have a finite error of 2^31 or more, listed in
 *   rare_points for the accumulator to take one by one (only outcome ok may be worst among them);
 *   per lane i % 8: the largest finite error and the count of infinite ones (the block's
 *   maximum is the largest of them), so that profile cells which repeat every eight points
 *   need no pass of their own.
 * A step whose eight results all equal the correctly rounded values (most steps of an accurate
 * formula) takes their measurements from fast_rounded_measurements, made once per block for
 * every run with the same operations.  fast_masked_maximum, beside it: a profile cell's largest
 * finite error and count of failures in a block, eight points a step under the cell's bit mask,
 * for cells that do not repeat every eight points. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fast_reference.h"
#include "storage.h"

#define FAST_CONCATENATE(name, suffix) name##_##suffix
#define FAST_EXPAND(name, suffix) FAST_CONCATENATE(name, suffix)
#define FAST_NAME(name) FAST_EXPAND(name, FAST_SUFFIX)

enum { LIMIT_COUNT = 7 };
static const double limits[LIMIT_COUNT] = {0.5, 1.0, 2.0, 4.0, 16.0, 1024.0, 1048576.0};

static void finish(struct fast_block_summary *summary, uint64_t points, uint64_t finite_points,
                   const uint64_t failures[OUTCOME_COUNT], const uint64_t above[LIMIT_COUNT], uint64_t whole,
                   uint64_t fraction, uint64_t rare)
{
    summary->histogram[0] = 0;
    summary->histogram[1] = points - above[0];
    for (int j = 0; j < LIMIT_COUNT; j++)
        summary->histogram[2 + j] = above[j] - (j + 1 < LIMIT_COUNT ? above[j + 1] : 0);
    summary->points = points;
    summary->finite_points = finite_points;
    summary->outcomes[OUTCOME_OK] = points;
    for (int o = 1; o < OUTCOME_COUNT; o++) {
        summary->outcomes[o] = failures[o];
        summary->outcomes[OUTCOME_OK] -= failures[o];
    }
    summary->whole = whole;
    summary->fraction = fraction;
    summary->maximum = 0.0;
    for (int j = 0; j < 8; j++)
        summary->maximum = summary->lane_maximum[j] > summary->maximum ? summary->lane_maximum[j] : summary->maximum;
    summary->rare = rare;
}

void FAST_NAME(fast_rounded_measurements)(size_t n, const struct fast_values *values)
{
    const double *restrict rounded = values->rounded, *restrict y_hi = values->y_hi, *restrict y_lo = values->y_lo;
    const double *restrict bound = values->bound, *restrict inverse_ulp = values->inverse_ulp;
    const signed char *restrict decided = values->decided;
    double *restrict rounded_error = values->rounded_error;
    signed char *restrict rounded_simple = values->rounded_simple;
#pragma omp simd
    for (size_t i = 0; i < n; i++) {
        double difference = fabs((rounded[i] - y_hi[i]) - y_lo[i]);
        double e = difference * inverse_ulp[i];
        double e_bound = (bound[i] + difference * 0x1p-51) * inverse_ulp[i];
        /* a correctly rounded value is within 1/2 ulp, and a decided point's bound is below
         * 2^-20 ulp: of the limits only the first, 1/2, can be within the bound */
        int near = fabs(e - limits[0]) <= e_bound;
        rounded_error[i] = e;
        rounded_simple[i] = (signed char)((decided[i] != 0) & !near);
    }
}

void FAST_NAME(fast_widen_f32)(size_t n, const float *restrict in, double *restrict out)
{
#pragma omp simd
    for (size_t i = 0; i < n; i++)
        out[i] = in[i];
}

#ifdef __AVX512F__
#include <immintrin.h>

/* Eight signed chars (count of them valid, the rest 0) as 64-bit lanes. */
static inline __m512i load_bytes(const signed char *p, size_t count)
{
    if (count == 8) /* one widening load; a variable-size copy is a chain of branches */
        return _mm512_cvtepi8_epi64(_mm_loadl_epi64((const __m128i *)p));
    int64_t bytes = 0;
    memcpy(&bytes, p, count);
    return _mm512_cvtepi8_epi64(_mm_cvtsi64_si128(bytes));
}

/* The lanes of `m` whose |x| is not above `bar` (NaN x or bar included: the scalar order decides). */
static inline __mmask8 may_enter(__mmask8 m, __m512d magnitude, double bar)
{
    return _mm512_mask_cmp_pd_mask(m, magnitude, _mm512_set1_pd(bar), _CMP_NGT_UQ);
}

/* The lanes of `candidates` that may enter the worst cases: an error above their last, or equal
 * with the bits of (x, z) first (the bits are read only for an exact tie: rarely; lanes above
 * the bar are common where the error grows with x, so that test has no branch). */
static inline __mmask8 may_be_worst(__mmask8 candidates, __m512d e, const double *x, const double *z, size_t i,
                                    __mmask8 lanes, const struct fast_summary_bars *bars)
{
    const __m512d worst = _mm512_set1_pd(bars->worst);
    __mmask8 above = _mm512_mask_cmp_pd_mask(candidates, e, worst, _CMP_GT_OQ);
    __mmask8 tied = _mm512_mask_cmp_pd_mask(candidates, e, worst, _CMP_EQ_OQ);
    if (__builtin_expect(!tied, 1))
        return above;
    const __m512i worst_x = _mm512_set1_epi64((int64_t)bars->worst_x_bits);
    const __m512i worst_z = _mm512_set1_epi64((int64_t)bars->worst_z_bits);
    __m512i x_bits = _mm512_castpd_si512(_mm512_maskz_loadu_pd(lanes, x + i));
    __m512i z_bits = _mm512_castpd_si512(_mm512_maskz_loadu_pd(lanes, z + i));
    __mmask8 bits_before = _mm512_cmplt_epu64_mask(x_bits, worst_x) |
                           (_mm512_cmpeq_epu64_mask(x_bits, worst_x) & _mm512_cmplt_epu64_mask(z_bits, worst_z));
    return above | (tied & bits_before);
}

void FAST_NAME(fast_measure_summary)(size_t n, const double *got, const double *x, const double *z,
                                     const struct fast_values *values,
                                     const struct fast_summary_bars *bars, double *error, unsigned char *simple,
                                     struct fast_block_summary *summary)
{
    const __m512d sign_bit = _mm512_set1_pd(-0.0), zero = _mm512_setzero_pd(), infinity = _mm512_set1_pd(INFINITY);
    __m512d maximum = zero;
    __m512i whole = _mm512_setzero_si512(), fraction = _mm512_setzero_si512();
    const __m512i low_half = _mm512_set1_epi64(0xffffffff);
    /* counts kept in vector lanes (a masked add of one), reduced once at the end */
    const __m512i one = _mm512_set1_epi64(1);
    __m512i points = _mm512_setzero_si512(), finite_points = _mm512_setzero_si512();
    __m512i lane_failures = _mm512_setzero_si512();
    const __m512i lane_index = _mm512_set_epi32(0, 0, 0, 0, 0, 0, 0, 0, 7, 6, 5, 4, 3, 2, 1, 0);
    uint64_t rare = 0;
    __m512i above[LIMIT_COUNT];
    uint64_t failures[OUTCOME_COUNT] = {0};
    for (int j = 0; j < LIMIT_COUNT; j++)
        above[j] = _mm512_setzero_si512();
    for (size_t i = 0; i < n; i += 8) {
        size_t count = n - i < 8 ? n - i : 8;
        __mmask8 lanes = (__mmask8)((1u << count) - 1);
        __m512d g = _mm512_maskz_loadu_pd(lanes, got + i), e;
        __mmask8 finite, taken, failed, not_a_number = 0, infinite = 0, flushed = 0, wrong_sign = 0;
        int limits_reached; /* the limits some lane's error may be near or above: the first ones */
        __mmask8 correctly_rounded =
            _mm512_mask_cmp_pd_mask(lanes, g, _mm512_maskz_loadu_pd(lanes, values->rounded + i), _CMP_EQ_OQ);
        if (correctly_rounded == lanes) {
            /* every result the correctly rounded value (the usual step of an accurate formula):
             * its measurement was made once for all runs (fast_rounded_measurements); the
             * outcome is ok and the error below 1/2 */
            e = _mm512_maskz_loadu_pd(lanes, values->rounded_error + i);
            __m512i simple_lanes = load_bytes(values->rounded_simple + i, count);
            finite = lanes;
            taken = _mm512_test_epi64_mask(simple_lanes, simple_lanes);
            failed = 0;
            limits_reached = 0;
        } else {
            __m512d y_hi = _mm512_maskz_loadu_pd(lanes, values->y_hi + i);
            __m512d y_lo = _mm512_maskz_loadu_pd(lanes, values->y_lo + i);
            __m512d bound = _mm512_maskz_loadu_pd(lanes, values->bound + i);
            __m512d inverse_ulp = _mm512_maskz_loadu_pd(lanes, values->inverse_ulp + i);
            __m512d difference = _mm512_andnot_pd(sign_bit, _mm512_sub_pd(_mm512_sub_pd(g, y_hi), y_lo));
            e = _mm512_mul_pd(difference, inverse_ulp);
            __m512d e_bound = _mm512_mul_pd(
                _mm512_add_pd(bound, _mm512_mul_pd(difference, _mm512_set1_pd(0x1p-51))), inverse_ulp);
            finite = _mm512_cmp_pd_mask(_mm512_sub_pd(g, g), zero, _CMP_EQ_OQ);
            /* A finite lane can be near a limit or above it only when e + e_bound reaches it (a
             * decided lane's bound is below 2^-20 ulp, so one that stops short is far from it);
             * the limits ascend, so the tests stop at the first limit no lane reaches (in the
             * usual step the first, 1/2).  An infinite error is above every limit. */
            __m512d reach = _mm512_add_pd(e, e_bound);
            __mmask8 near = 0;
            for (limits_reached = 0; limits_reached < LIMIT_COUNT; limits_reached++) {
                __m512d limit = _mm512_set1_pd(limits[limits_reached]);
                __mmask8 reaching = _mm512_mask_cmp_pd_mask(finite, reach, limit, _CMP_GE_OQ);
                if (!reaching)
                    break;
                __m512d distance = _mm512_andnot_pd(sign_bit, _mm512_sub_pd(e, limit));
                near |= _mm512_mask_cmp_pd_mask(reaching, distance, e_bound, _CMP_LE_OQ);
            }
            if (lanes & ~finite)
                limits_reached = LIMIT_COUNT;
            not_a_number = _mm512_cmp_pd_mask(g, g, _CMP_UNORD_Q);
            infinite = (__mmask8)(lanes & ~finite & ~not_a_number);
            __mmask8 is_zero = _mm512_mask_cmp_pd_mask(finite, g, zero, _CMP_EQ_OQ);
            __mmask8 positive = _mm512_cmp_pd_mask(g, zero, _CMP_GT_OQ);
            __m512i sign = load_bytes(values->sign + i, count);
            __mmask8 exact_positive = _mm512_cmpgt_epi64_mask(sign, _mm512_setzero_si512());
            __m512i flush_lanes = load_bytes(values->flush + i, count);
            flushed = (__mmask8)(is_zero & _mm512_test_epi64_mask(flush_lanes, flush_lanes));
            wrong_sign = (__mmask8)(finite & ~is_zero & (positive ^ exact_positive));
            failed = (__mmask8)(not_a_number | infinite | flushed | wrong_sign);
            __mmask8 listed = 0;
            if (failed) {
                __m512d magnitude = _mm512_andnot_pd(sign_bit, _mm512_maskz_loadu_pd(lanes, x + i));
                listed = (__mmask8)(may_enter(not_a_number, magnitude, bars->example[OUTCOME_NAN]) |
                                    may_enter(infinite, magnitude, bars->example[OUTCOME_OVERFLOW]) |
                                    may_enter(flushed, magnitude, bars->example[OUTCOME_FLUSH]) |
                                    may_enter(wrong_sign, magnitude, bars->example[OUTCOME_SIGN]) |
                                    ((flushed | wrong_sign) & may_be_worst(finite, e, x, z, i, lanes, bars)));
            }
            __m512i decided_lanes = load_bytes(values->decided + i, count);
            __mmask8 decided = _mm512_test_epi64_mask(decided_lanes, decided_lanes);
            taken = (__mmask8)(lanes & decided & ~near & ~listed);
        }
        __mmask8 taken_finite = (__mmask8)(taken & finite);
        e = _mm512_mask_blend_pd(finite, infinity, e);
        _mm512_mask_storeu_pd(error + i, lanes, e);
        int64_t flags = _mm_cvtsi128_si64(_mm512_cvtepi64_epi8(_mm512_maskz_set1_epi64(taken, 1)));
        if (count == 8)
            memcpy(simple + i, &flags, 8);
        else
            memcpy(simple + i, &flags, count);
        points = _mm512_mask_add_epi64(points, taken, points, one);
        finite_points = _mm512_mask_add_epi64(finite_points, taken_finite, finite_points, one);
        if (failed) {
            failures[OUTCOME_NAN] += (uint64_t)__builtin_popcount(taken & not_a_number);
            failures[OUTCOME_OVERFLOW] += (uint64_t)__builtin_popcount(taken & infinite);
            failures[OUTCOME_FLUSH] += (uint64_t)__builtin_popcount(taken & flushed);
            failures[OUTCOME_SIGN] += (uint64_t)__builtin_popcount(taken & wrong_sign);
        }
        for (int j = 0; j < limits_reached; j++)
            above[j] = _mm512_mask_add_epi64(
                above[j], _mm512_mask_cmp_pd_mask(taken, e, _mm512_set1_pd(limits[j]), _CMP_GT_OQ), above[j], one);
        maximum = _mm512_mask_max_pd(maximum, taken_finite, maximum, e);
        lane_failures = _mm512_mask_add_epi64(lane_failures, (__mmask8)(taken & ~finite), lane_failures, one);
        __mmask8 small = _mm512_mask_cmp_pd_mask(taken_finite, e, _mm512_set1_pd(0x1p31), _CMP_LT_OQ);
        __m512i scaled = _mm512_maskz_cvttpd_epi64(small, _mm512_mul_pd(e, _mm512_set1_pd(0x1p32)));
        whole = _mm512_add_epi64(whole, _mm512_srli_epi64(scaled, 32));
        fraction = _mm512_add_epi64(fraction, _mm512_and_si512(scaled, low_half));
        __mmask8 wide = _mm512_mask_cmp_pd_mask(taken_finite, e, _mm512_set1_pd(0x1p31), _CMP_GE_OQ);
        __mmask8 rare_lanes = wide | may_be_worst(taken_finite, e, x, z, i, lanes, bars);
        if (rare_lanes) { /* compressed in a register, stored whole: the caller leaves 8 slots of room */
            __m512i indices = _mm512_add_epi32(lane_index, _mm512_set1_epi32((int)i));
            __m512i listed = _mm512_maskz_compress_epi32((__mmask16)rare_lanes, indices);
            _mm256_storeu_si256((__m256i *)(summary->rare_points + rare), _mm512_castsi512_si256(listed));
            rare += (uint64_t)__builtin_popcount(rare_lanes);
        }
    }
    uint64_t above_counts[LIMIT_COUNT];
    for (int j = 0; j < LIMIT_COUNT; j++)
        above_counts[j] = (uint64_t)_mm512_reduce_add_epi64(above[j]);
    _mm512_storeu_pd(summary->lane_maximum, maximum);
    _mm512_storeu_si512(summary->lane_failures, lane_failures);
    finish(summary, (uint64_t)_mm512_reduce_add_epi64(points), (uint64_t)_mm512_reduce_add_epi64(finite_points),
           failures, above_counts, (uint64_t)_mm512_reduce_add_epi64(whole),
           (uint64_t)_mm512_reduce_add_epi64(fraction), rare);
}

void FAST_NAME(fast_masked_maximum)(size_t n, const double *error, const unsigned char *masks, double *maximum,
                                    uint64_t *failures)
{
    const __m512d largest = _mm512_set1_pd(0x1.fffffffffffffp1023);
    __m512d result = _mm512_setzero_pd();
    uint64_t count = 0;
    for (size_t i = 0; i < n; i += 8) {
        __mmask8 lanes = (__mmask8)(masks[i / 8] & (n - i < 8 ? (1u << (n - i)) - 1 : 0xffu));
        if (!lanes)
            continue;
        __m512d e = _mm512_maskz_loadu_pd(lanes, error + i);
        __mmask8 finite = _mm512_mask_cmp_pd_mask(lanes, e, largest, _CMP_LE_OQ);
        count += (uint64_t)__builtin_popcount(lanes & ~finite);
        result = _mm512_mask_max_pd(result, finite, result, e);
    }
    *maximum = _mm512_reduce_max_pd(result);
    *failures = count;
}

#else

/* Whether a failure of x may enter its class's examples (NaN x or bar included). */
static int may_enter(double x, double bar)
{
    return !(fabs(x) > bar);
}

void FAST_NAME(fast_measure_summary)(size_t n, const double *got, const double *x, const double *z,
                                     const struct fast_values *values,
                                     const struct fast_summary_bars *bars, double *error, unsigned char *simple,
                                     struct fast_block_summary *summary)
{
    uint64_t points = 0, finite_points = 0, rare = 0, whole = 0, fraction = 0, above[LIMIT_COUNT] = {0};
    uint64_t failures[OUTCOME_COUNT] = {0};
    for (int j = 0; j < 8; j++) {
        summary->lane_maximum[j] = 0.0;
        summary->lane_failures[j] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        double g = got[i];
        double difference = fabs((g - values->y_hi[i]) - values->y_lo[i]);
        double e = difference * values->inverse_ulp[i];
        double e_bound = (values->bound[i] + difference * 0x1p-51) * values->inverse_ulp[i];
        int finite = g - g == 0.0, near = 0;
        for (int j = 0; finite && j < LIMIT_COUNT; j++)
            near |= fabs(e - limits[j]) <= e_bound;
        enum outcome outcome = OUTCOME_OK;
        if (isnan(g))
            outcome = OUTCOME_NAN;
        else if (!finite)
            outcome = OUTCOME_OVERFLOW;
        else if (g == 0.0)
            outcome = values->flush[i] ? OUTCOME_FLUSH : OUTCOME_OK;
        else if ((g > 0.0) != (values->sign[i] > 0))
            outcome = OUTCOME_SIGN;
        uint64_t x_bits = double_bits(x[i]), z_bits = double_bits(z[i]);
        int bits_before = x_bits < bars->worst_x_bits || (x_bits == bars->worst_x_bits && z_bits < bars->worst_z_bits);
        int may_be_worst = finite && (e > bars->worst || (e == bars->worst && bits_before));
        int listed = outcome != OUTCOME_OK && (may_enter(x[i], bars->example[outcome]) || may_be_worst);
        int taken = values->decided[i] && !near && !listed;
        if (!finite)
            e = INFINITY;
        simple[i] = (unsigned char)taken;
        error[i] = e;
        if (!taken)
            continue;
        points++;
        failures[outcome]++;
        for (int j = 0; j < LIMIT_COUNT; j++)
            above[j] += e > limits[j];
        if (!finite) {
            summary->lane_failures[i % 8]++;
            continue;
        }
        finite_points++;
        if (e > summary->lane_maximum[i % 8])
            summary->lane_maximum[i % 8] = e;
        if (e < 0x1p31) {
            uint64_t scaled = (uint64_t)(e * 0x1p32);
            whole += scaled >> 32;
            fraction += scaled & 0xffffffffu;
        }
        if (e >= 0x1p31 || may_be_worst)
            summary->rare_points[rare++] = (uint32_t)i;
    }
    failures[OUTCOME_OK] = 0;
    finish(summary, points, finite_points, failures, above, whole, fraction, rare);
}

void FAST_NAME(fast_masked_maximum)(size_t n, const double *error, const unsigned char *masks, double *maximum,
                                    uint64_t *failures)
{
    double result = 0.0;
    uint64_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(masks[i / 8] >> (i % 8) & 1))
            continue;
        double e = error[i];
        int finite = e <= 0x1.fffffffffffffp1023;
        count += (uint64_t)!finite;
        result = finite && e > result ? e : result;
    }
    *maximum = result;
    *failures = count;
}

#endif

