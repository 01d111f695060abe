/* simd_ops_avx512.h: the AVX-512 operations of the simd kernels (simd_math.h) and of the
 * sleef-u10 peer (sleef_math.h), binary32 lanes (SIMD_SINGLE 1) or binary64 lanes (SIMD_SINGLE 0).
 * Needs AVX512F, DQ, BW, VL (settings.cmake compiles the *_avx512*.c files with them; simd.c and
 * sleef_u10.c call those only on a CPU that has them).
 *
 * A `vector` is two zmm registers (32 binary32 or 16 binary64 lanes): every operation issues two
 * independent instructions side by side.  The kernels are long dependency chains (about 90
 * cycles of latency per element) and Zen 4's FP scheduler holds less than one block of 16 lanes;
 * two interleaved chains gave 11% more throughput than one, measured; three registers per vector
 * gave no more once simd_math.h keeps three blocks in flight (BLOCKS_IN_FLIGHT).
 *
 * Formula, origin and accuracy: see simd_math.h; the operations here are exact IEEE operations
 * except `reciprocal` (relative error below 2^-(p+4)) and those named as rounding.  One name,
 * one meaning across op-sets (simd_ops_avx2.h):
 *   multiply_add(a, b, c) = a*b + c, multiply_subtract = a*b - c, negate_multiply_add = c - a*b,
 *   negate_multiply_subtract = -(a*b) - c, each rounded once (FMA);
 *   compare_* return a lane mask; blend(m, a, b) = m ? a : b;
 *   table_lookup(table, v) = table[bits(v) & 15], 16-entry tables;
 *   exponent_field_of_multiple, add_to_exponent, larger_exponent_field, exponent_field_difference:
 *   2^floor(k/16) by exponent arithmetic (a field: the exponent bits of a power of two, as a
 *   signed integer);
 *   compare_tiny_positive(a, bound): 0 < a < bound. */
#ifndef SCEBENCH_SIMD_OPS_AVX512_H
#define SCEBENCH_SIMD_OPS_AVX512_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#if SIMD_SINGLE
typedef __m512 half_vector;
typedef __mmask16 half_mask;
typedef __mmask32 mask;
typedef float scalar;
#define HALF_LANES 16
#define OPERATION(name) _mm512_##name##_ps
#else
typedef __m512d half_vector;
typedef __mmask8 half_mask;
typedef __mmask16 mask;
typedef double scalar;
#define HALF_LANES 8
#define OPERATION(name) _mm512_##name##_pd
#endif

typedef struct {
    half_vector low, high;
} vector;
enum { LANES = 2 * HALF_LANES };
/* simd_math.h keeps three blocks in flight (full_blocks): 11-25% faster than one */
#define BLOCKS_IN_FLIGHT 3

#define BOTH1(f, a) ((vector){f((a).low), f((a).high)})
#define BOTH2(f, a, b) ((vector){f((a).low, (b).low), f((a).high, (b).high)})
#define BOTH3(f, a, b, c) ((vector){f((a).low, (b).low, (c).low), f((a).high, (b).high, (c).high)})
#define JOIN_MASKS(low, high) ((mask)((mask)(low) | ((mask)(high) << HALF_LANES)))
#define LOW_MASK(m) ((half_mask)(m))
#define HIGH_MASK(m) ((half_mask)((m) >> HALF_LANES))

static inline vector broadcast(scalar v)
{
    half_vector h = OPERATION(set1)(v);
    return (vector){h, h};
}
static inline vector load(const scalar *p) { return (vector){OPERATION(loadu)(p), OPERATION(loadu)(p + HALF_LANES)}; }
static inline void store(scalar *p, vector v)
{
    OPERATION(storeu)(p, v.low);
    OPERATION(storeu)(p + HALF_LANES, v.high);
}
static inline vector add(vector a, vector b) { return BOTH2(OPERATION(add), a, b); }
static inline vector subtract(vector a, vector b) { return BOTH2(OPERATION(sub), a, b); }
static inline vector multiply(vector a, vector b) { return BOTH2(OPERATION(mul), a, b); }
static inline vector divide(vector a, vector b) { return BOTH2(OPERATION(div), a, b); }
static inline vector multiply_add(vector a, vector b, vector c) { return BOTH3(OPERATION(fmadd), a, b, c); }
static inline vector multiply_subtract(vector a, vector b, vector c) { return BOTH3(OPERATION(fmsub), a, b, c); }
static inline vector negate_multiply_add(vector a, vector b, vector c) { return BOTH3(OPERATION(fnmadd), a, b, c); }
static inline vector negate_multiply_subtract(vector a, vector b, vector c) { return BOTH3(OPERATION(fnmsub), a, b, c); }
static inline vector minimum(vector a, vector b) { return BOTH2(OPERATION(min), a, b); }
static inline vector maximum(vector a, vector b) { return BOTH2(OPERATION(max), a, b); }
static inline vector absolute(vector a) { return BOTH1(OPERATION(abs), a); }

static inline vector blend(mask m, vector a, vector b)
{
    return (vector){OPERATION(mask_blend)(LOW_MASK(m), b.low, a.low), OPERATION(mask_blend)(HIGH_MASK(m), b.high, a.high)};
}
static inline vector conditional_negate(mask m, vector v)
{
    half_vector sign = OPERATION(set1)(-0.0f);
    return (vector){OPERATION(mask_xor)(v.low, LOW_MASK(m), v.low, sign),
                    OPERATION(mask_xor)(v.high, HIGH_MASK(m), v.high, sign)};
}

#if SIMD_SINGLE
#define COMPARE(a, b, predicate) \
    JOIN_MASKS(_mm512_cmp_ps_mask((a).low, (b).low, predicate), _mm512_cmp_ps_mask((a).high, (b).high, predicate))
#else
#define COMPARE(a, b, predicate) \
    JOIN_MASKS(_mm512_cmp_pd_mask((a).low, (b).low, predicate), _mm512_cmp_pd_mask((a).high, (b).high, predicate))
#endif
static inline mask compare_equal(vector a, vector b) { return COMPARE(a, b, _CMP_EQ_OQ); }
static inline mask compare_less(vector a, vector b) { return COMPARE(a, b, _CMP_LT_OQ); }
static inline mask compare_greater_equal(vector a, vector b) { return COMPARE(a, b, _CMP_GE_OQ); }
static inline mask compare_not_less_equal(vector a, vector b) { return COMPARE(a, b, _CMP_NLE_UQ); }
/* z outside [+0, 1], or NaN: the pattern, unsigned, above that of 1 (one integer compare) */
#if SIMD_SINGLE
#define OUTSIDE_UNIT(h) _mm512_cmp_epu32_mask(_mm512_castps_si512(h), _mm512_set1_epi32(0x3f800000), _MM_CMPINT_NLE)
#else
#define OUTSIDE_UNIT(h) \
    _mm512_cmp_epu64_mask(_mm512_castpd_si512(h), _mm512_set1_epi64(0x3ff0000000000000), _MM_CMPINT_NLE)
#endif
static inline mask compare_outside_unit_interval(vector a) { return JOIN_MASKS(OUTSIDE_UNIT(a.low), OUTSIDE_UNIT(a.high)); }
/* 0 < a < bound: the second compare only in the lanes the first passed */
#if SIMD_SINGLE
#define TINY_POSITIVE(h, bound) \
    _mm512_mask_cmp_ps_mask(_mm512_cmp_ps_mask(h, bound, _CMP_LT_OQ), h, _mm512_setzero_ps(), _CMP_GT_OQ)
#else
#define TINY_POSITIVE(h, bound) \
    _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(h, bound, _CMP_LT_OQ), h, _mm512_setzero_pd(), _CMP_GT_OQ)
#endif
static inline mask compare_tiny_positive(vector a, vector bound)
{
    return JOIN_MASKS(TINY_POSITIVE(a.low, bound.low), TINY_POSITIVE(a.high, bound.high));
}
static inline mask mask_or(mask a, mask b) { return (mask)(a | b); }
static inline unsigned mask_bits(mask m) { return m; }

#if SIMD_SINGLE

/* rcp14 and one Newton step: relative error about 2^-28. */
static inline half_vector reciprocal_half(half_vector q)
{
    half_vector r = _mm512_rcp14_ps(q);
    return _mm512_fmadd_ps(r, _mm512_fnmadd_ps(q, r, _mm512_set1_ps(1.0f)), r);
}

static inline vector table_lookup(const scalar table[16], vector v)
{
    __m512 entries = _mm512_loadu_ps(table);
    return (vector){_mm512_permutexvar_ps(_mm512_castps_si512(v.low), entries),
                    _mm512_permutexvar_ps(_mm512_castps_si512(v.high), entries)};
}

/* binary16 through the conversions of AVX512F (round to nearest even, subnormals kept);
 * bfloat16 by integer shifts: the AVX512_BF16 conversion (vcvtneps2bf16) flushes subnormal
 * results to zero, which would be a `flush` for l(x, 1) at x > 87. */
#define TO_HALF(v) _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
static inline vector load_f16(const uint16_t *p)
{
    return (vector){_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p)),
                    _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(p + 16)))};
}
static inline void store_f16(uint16_t *p, vector v)
{
    _mm256_storeu_si256((__m256i *)p, TO_HALF(v.low));
    _mm256_storeu_si256((__m256i *)(p + 16), TO_HALF(v.high));
}
static inline vector round_f16(vector v) { return (vector){_mm512_cvtph_ps(TO_HALF(v.low)), _mm512_cvtph_ps(TO_HALF(v.high))}; }

static inline __m512 load_bf16_half(const uint16_t *p)
{
    __m512i bits = _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)p));
    return _mm512_castsi512_ps(_mm512_slli_epi32(bits, 16));
}
static inline vector load_bf16(const uint16_t *p) { return (vector){load_bf16_half(p), load_bf16_half(p + 16)}; }
/* Rounds to nearest even at bit 16 of the binary32 pattern (NaNs stay NaNs). */
static inline __m512i bf16_rounded_bits(__m512 v)
{
    __m512i bits = _mm512_castps_si512(v);
    __m512i odd = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
    return _mm512_add_epi32(bits, _mm512_add_epi32(odd, _mm512_set1_epi32(0x7fff)));
}
static inline void store_bf16(uint16_t *p, vector v)
{
    _mm256_storeu_si256((__m256i *)p, _mm512_cvtepi32_epi16(_mm512_srli_epi32(bf16_rounded_bits(v.low), 16)));
    _mm256_storeu_si256((__m256i *)(p + 16), _mm512_cvtepi32_epi16(_mm512_srli_epi32(bf16_rounded_bits(v.high), 16)));
}
static inline __m512 round_bf16_half(__m512 v)
{
    return _mm512_castsi512_ps(_mm512_and_si512(bf16_rounded_bits(v), _mm512_set1_epi32((int)0xffff0000u)));
}
static inline vector round_bf16(vector v) { return BOTH1(round_bf16_half, v); }

/* hi + lo rounded to odd in binary32, given hi = RN(hi + lo): when lo != 0 and hi is even, the
 * odd neighbour on lo's side.  A later rounding to nearest at 8 or 11 bits is then the correct
 * rounding of hi + lo (no double rounding). */
static inline __m512 round_to_odd_half(__m512 hi, __m512 lo)
{
    __m512i bits = _mm512_castps_si512(hi);
    __mmask16 inexact = _mm512_cmp_ps_mask(lo, _mm512_setzero_ps(), _CMP_NEQ_UQ);
    __mmask16 even = _mm512_testn_epi32_mask(bits, _mm512_set1_epi32(1));
    __m512i side = _mm512_xor_si512(_mm512_castps_si512(lo), bits); /* sign bit set: toward zero */
    __m512i step = _mm512_or_si512(_mm512_srai_epi32(side, 31), _mm512_set1_epi32(1));
    return _mm512_castsi512_ps(_mm512_mask_add_epi32(bits, inexact & even, bits, step));
}
static inline vector round_to_odd(vector hi, vector lo) { return BOTH2(round_to_odd_half, hi, lo); }

/* The mean's accumulator: binary64 sums of the lanes. */
typedef struct {
    __m512d sums[4];
} accumulator;
static inline accumulator accumulator_zero(void)
{
    return (accumulator){{_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd()}};
}
static inline void accumulate(accumulator *sum, vector v)
{
    sum->sums[0] = _mm512_add_pd(sum->sums[0], _mm512_cvtps_pd(_mm512_castps512_ps256(v.low)));
    sum->sums[1] = _mm512_add_pd(sum->sums[1], _mm512_cvtps_pd(_mm512_extractf32x8_ps(v.low, 1)));
    sum->sums[2] = _mm512_add_pd(sum->sums[2], _mm512_cvtps_pd(_mm512_castps512_ps256(v.high)));
    sum->sums[3] = _mm512_add_pd(sum->sums[3], _mm512_cvtps_pd(_mm512_extractf32x8_ps(v.high, 1)));
}

#else

/* rcp14 and two Newton steps: relative error about 2^-56. */
static inline half_vector reciprocal_half(half_vector q)
{
    __m512d one = _mm512_set1_pd(1.0), r = _mm512_rcp14_pd(q);
    r = _mm512_fmadd_pd(r, _mm512_fnmadd_pd(q, r, one), r);
    return _mm512_fmadd_pd(r, _mm512_fnmadd_pd(q, r, one), r);
}

static inline vector table_lookup(const scalar table[16], vector v)
{
    __m512d first = _mm512_loadu_pd(table), second = _mm512_loadu_pd(table + 8);
    return (vector){_mm512_permutex2var_pd(first, _mm512_castpd_si512(v.low), second),
                    _mm512_permutex2var_pd(first, _mm512_castpd_si512(v.high), second)};
}

typedef struct {
    __m512d sums[2];
} accumulator;
static inline accumulator accumulator_zero(void) { return (accumulator){{_mm512_setzero_pd(), _mm512_setzero_pd()}}; }
static inline void accumulate(accumulator *sum, vector v)
{
    sum->sums[0] = _mm512_add_pd(sum->sums[0], v.low);
    sum->sums[1] = _mm512_add_pd(sum->sums[1], v.high);
}

#endif

static inline vector reciprocal(vector q) { return BOTH1(reciprocal_half, q); }

/* The exponent field of 2^floor(k/16), from the exp reduction's shifted value, whose pattern
 * holds k/16 in units of its last bit (sixteenths): (bits << (mantissa bits - 4)) masked to
 * sign and exponent.  add_to_exponent adds such a field to a normal value's pattern (exact
 * scaling while the result stays normal). */
#if SIMD_SINGLE
static inline __m512 exponent_field_half(__m512 shifted)
{
    __m512i bits = _mm512_slli_epi32(_mm512_castps_si512(shifted), 19);
    return _mm512_castsi512_ps(_mm512_and_si512(bits, _mm512_set1_epi32((int)0xff800000u)));
}
static inline __m512 add_to_exponent_half(__m512 v, __m512 field)
{
    return _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(v), _mm512_castps_si512(field)));
}
#else
static inline __m512d exponent_field_half(__m512d shifted)
{
    __m512i bits = _mm512_slli_epi64(_mm512_castpd_si512(shifted), 48);
    return _mm512_castsi512_pd(_mm512_and_si512(bits, _mm512_set1_epi64((long long)0xfff0000000000000u)));
}
static inline __m512d add_to_exponent_half(__m512d v, __m512d field)
{
    return _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(v), _mm512_castpd_si512(field)));
}
#endif
/* Fields as signed integers (m 2^23 | m 2^52): the larger of two, and their difference. */
#if SIMD_SINGLE
#define FIELD_OPERATION(name, a, b) _mm512_castsi512_ps(_mm512_##name##_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b)))
#else
#define FIELD_OPERATION(name, a, b) _mm512_castsi512_pd(_mm512_##name##_epi64(_mm512_castpd_si512(a), _mm512_castpd_si512(b)))
#endif
static inline half_vector larger_field_half(half_vector a, half_vector b) { return FIELD_OPERATION(max, a, b); }
static inline half_vector field_difference_half(half_vector a, half_vector b) { return FIELD_OPERATION(sub, a, b); }
static inline vector exponent_field_of_multiple(vector shifted) { return BOTH1(exponent_field_half, shifted); }
static inline vector add_to_exponent(vector v, vector field) { return BOTH2(add_to_exponent_half, v, field); }
static inline vector larger_exponent_field(vector a, vector b) { return BOTH2(larger_field_half, a, b); }
static inline vector exponent_field_difference(vector a, vector b) { return BOTH2(field_difference_half, a, b); }

static inline double accumulator_total(accumulator sum)
{
    __m512d total = sum.sums[0];
    for (size_t i = 1; i < sizeof sum.sums / sizeof sum.sums[0]; i++)
        total = _mm512_add_pd(total, sum.sums[i]);
    return _mm512_reduce_add_pd(total);
}

#endif
