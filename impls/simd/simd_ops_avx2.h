/* simd_ops_avx2.h: the AVX2 + FMA (+ F16C) operations of the simd kernels (simd_math.h) and of
 * the sleef-u10 peer (sleef_math.h), binary32 lanes (SIMD_SINGLE 1) or binary64 lanes
 * (SIMD_SINGLE 0).  A `vector` is two ymm registers (16 binary32 or 8 binary64 lanes), for the
 * same reason as in simd_ops_avx512.h.  The same names and meanings as there; the differences
 * are in how:
 *   masks are vectors (all-ones lanes) and mask_bits is movemask;
 *   table_lookup: two vpermps and a blend on bit 3 (binary32), a gather (binary64);
 *   reciprocal: rcpps and two Newton steps (binary32), a division (binary64). */
#ifndef SCEBENCH_SIMD_OPS_AVX2_H
#define SCEBENCH_SIMD_OPS_AVX2_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#if SIMD_SINGLE
typedef __m256 half_vector;
typedef float scalar;
#define HALF_LANES 8
#define OPERATION(name) _mm256_##name##_ps
#define MOVEMASK _mm256_movemask_ps
#else
typedef __m256d half_vector;
typedef double scalar;
#define HALF_LANES 4
#define OPERATION(name) _mm256_##name##_pd
#define MOVEMASK _mm256_movemask_pd
#endif

typedef struct {
    half_vector low, high;
} vector;
typedef vector mask;
enum { LANES = 2 * HALF_LANES };
/* simd_math.h keeps two blocks in flight (full_blocks): three would spill the 16 registers */
#define BLOCKS_IN_FLIGHT 2

#define BOTH1(f, a) ((vector){f((a).low), f((a).high)})
#define BOTH2(f, a, b) ((vector){f((a).low, (b).low), f((a).high, (b).high)})
#define BOTH3(f, a, b, c) ((vector){f((a).low, (b).low, (c).low), f((a).high, (b).high, (c).high)})

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
static inline vector bitwise_and(vector a, vector b) { return BOTH2(OPERATION(and), a, b); }
static inline vector bitwise_or(vector a, vector b) { return BOTH2(OPERATION(or), a, b); }
static inline vector absolute(vector a) { return BOTH2(OPERATION(andnot), broadcast(-0.0f), a); }
static inline vector blend(mask m, vector a, vector b) { return BOTH3(OPERATION(blendv), b, a, m); }
static inline vector conditional_negate(mask m, vector v)
{
    return BOTH2(OPERATION(xor), v, bitwise_and(m, broadcast(-0.0f)));
}

#define COMPARE_HALF(predicate)                                                                     \
    static inline half_vector compare_half_##predicate(half_vector a, half_vector b)               \
    {                                                                                              \
        return OPERATION(cmp)(a, b, predicate);                                                    \
    }
COMPARE_HALF(_CMP_EQ_OQ)
COMPARE_HALF(_CMP_LT_OQ)
COMPARE_HALF(_CMP_GE_OQ)
COMPARE_HALF(_CMP_NLE_UQ)
COMPARE_HALF(_CMP_NEQ_OQ)
static inline mask compare_equal(vector a, vector b) { return BOTH2(compare_half__CMP_EQ_OQ, a, b); }
static inline mask compare_less(vector a, vector b) { return BOTH2(compare_half__CMP_LT_OQ, a, b); }
static inline mask compare_greater_equal(vector a, vector b) { return BOTH2(compare_half__CMP_GE_OQ, a, b); }
static inline mask compare_not_less_equal(vector a, vector b) { return BOTH2(compare_half__CMP_NLE_UQ, a, b); }
/* 0 < a < bound */
static inline mask compare_tiny_positive(vector a, vector bound)
{
    return bitwise_and(compare_less(a, bound), BOTH2(compare_half__CMP_NEQ_OQ, a, broadcast(0)));
}
/* z outside [+0, 1], or NaN: above 1 as a signed pattern, or the sign bit set */
#if SIMD_SINGLE
static inline __m256 outside_unit_half(__m256 h)
{
    __m256i bits = _mm256_castps_si256(h);
    return _mm256_castsi256_ps(_mm256_or_si256(_mm256_cmpgt_epi32(bits, _mm256_set1_epi32(0x3f800000)),
                                                _mm256_srai_epi32(bits, 31)));
}
#else
static inline __m256d outside_unit_half(__m256d h)
{
    __m256i bits = _mm256_castpd_si256(h);
    return _mm256_castsi256_pd(_mm256_or_si256(_mm256_cmpgt_epi64(bits, _mm256_set1_epi64x(0x3ff0000000000000)),
                                                _mm256_cmpgt_epi64(_mm256_setzero_si256(), bits)));
}
#endif
static inline mask compare_outside_unit_interval(vector a) { return BOTH1(outside_unit_half, a); }
static inline mask mask_or(mask a, mask b) { return bitwise_or(a, b); }
static inline unsigned mask_bits(mask m)
{
    return (unsigned)MOVEMASK(m.low) | ((unsigned)MOVEMASK(m.high) << HALF_LANES);
}

#if SIMD_SINGLE

/* rcpps (about 2^-11) and two Newton steps: about 2^-44. */
static inline __m256 reciprocal_half(__m256 q)
{
    __m256 one = _mm256_set1_ps(1.0f), r = _mm256_rcp_ps(q);
    r = _mm256_fmadd_ps(r, _mm256_fnmadd_ps(q, r, one), r);
    return _mm256_fmadd_ps(r, _mm256_fnmadd_ps(q, r, one), r);
}

static inline __m256 table_lookup_half(__m256 low_entries, __m256 high_entries, __m256 v)
{
    __m256i index = _mm256_castps_si256(v);
    __m256 low = _mm256_permutevar8x32_ps(low_entries, index), high = _mm256_permutevar8x32_ps(high_entries, index);
    return _mm256_blendv_ps(low, high, _mm256_castsi256_ps(_mm256_slli_epi32(index, 28)));
}
static inline vector table_lookup(const scalar table[16], vector v)
{
    __m256 low_entries = _mm256_loadu_ps(table), high_entries = _mm256_loadu_ps(table + 8);
    return (vector){table_lookup_half(low_entries, high_entries, v.low),
                    table_lookup_half(low_entries, high_entries, v.high)};
}

#define TO_HALF(v) _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
static inline vector load_f16(const uint16_t *p)
{
    return (vector){_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p)),
                    _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p + 8)))};
}
static inline void store_f16(uint16_t *p, vector v)
{
    _mm_storeu_si128((__m128i *)p, TO_HALF(v.low));
    _mm_storeu_si128((__m128i *)(p + 8), TO_HALF(v.high));
}
static inline vector round_f16(vector v) { return (vector){_mm256_cvtph_ps(TO_HALF(v.low)), _mm256_cvtph_ps(TO_HALF(v.high))}; }

static inline __m256 load_bf16_half(const uint16_t *p)
{
    __m256i bits = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p));
    return _mm256_castsi256_ps(_mm256_slli_epi32(bits, 16));
}
static inline vector load_bf16(const uint16_t *p) { return (vector){load_bf16_half(p), load_bf16_half(p + 8)}; }
static inline __m256i bf16_rounded_bits(__m256 v)
{
    __m256i bits = _mm256_castps_si256(v);
    __m256i odd = _mm256_and_si256(_mm256_srli_epi32(bits, 16), _mm256_set1_epi32(1));
    return _mm256_add_epi32(bits, _mm256_add_epi32(odd, _mm256_set1_epi32(0x7fff)));
}
static inline void store_bf16_half(uint16_t *p, __m256 v)
{
    __m256i top = _mm256_srli_epi32(bf16_rounded_bits(v), 16);
    _mm_storeu_si128((__m128i *)p, _mm_packus_epi32(_mm256_castsi256_si128(top), _mm256_extracti128_si256(top, 1)));
}
static inline void store_bf16(uint16_t *p, vector v)
{
    store_bf16_half(p, v.low);
    store_bf16_half(p + 8, v.high);
}
static inline __m256 round_bf16_half(__m256 v)
{
    return _mm256_castsi256_ps(_mm256_and_si256(bf16_rounded_bits(v), _mm256_set1_epi32((int)0xffff0000u)));
}
static inline vector round_bf16(vector v) { return BOTH1(round_bf16_half, v); }

static inline __m256 round_to_odd_half(__m256 hi, __m256 lo)
{
    __m256i bits = _mm256_castps_si256(hi);
    __m256i inexact = _mm256_castps_si256(_mm256_cmp_ps(lo, _mm256_setzero_ps(), _CMP_NEQ_UQ));
    __m256i even = _mm256_cmpeq_epi32(_mm256_and_si256(bits, _mm256_set1_epi32(1)), _mm256_setzero_si256());
    __m256i side = _mm256_xor_si256(_mm256_castps_si256(lo), bits);
    __m256i step = _mm256_or_si256(_mm256_srai_epi32(side, 31), _mm256_set1_epi32(1));
    __m256i chosen = _mm256_and_si256(step, _mm256_and_si256(inexact, even));
    return _mm256_castsi256_ps(_mm256_add_epi32(bits, chosen));
}
static inline vector round_to_odd(vector hi, vector lo) { return BOTH2(round_to_odd_half, hi, lo); }

typedef struct {
    __m256d sums[4];
} accumulator;
static inline accumulator accumulator_zero(void)
{
    return (accumulator){{_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()}};
}
static inline void accumulate(accumulator *sum, vector v)
{
    sum->sums[0] = _mm256_add_pd(sum->sums[0], _mm256_cvtps_pd(_mm256_castps256_ps128(v.low)));
    sum->sums[1] = _mm256_add_pd(sum->sums[1], _mm256_cvtps_pd(_mm256_extractf128_ps(v.low, 1)));
    sum->sums[2] = _mm256_add_pd(sum->sums[2], _mm256_cvtps_pd(_mm256_castps256_ps128(v.high)));
    sum->sums[3] = _mm256_add_pd(sum->sums[3], _mm256_cvtps_pd(_mm256_extractf128_ps(v.high, 1)));
}

#else

static inline __m256d reciprocal_half(__m256d q) { return _mm256_div_pd(_mm256_set1_pd(1.0), q); }

static inline __m256d table_lookup_half(const double table[16], __m256d v)
{
    __m256i index = _mm256_and_si256(_mm256_castpd_si256(v), _mm256_set1_epi64x(15));
    return _mm256_i64gather_pd(table, index, 8);
}
static inline vector table_lookup(const scalar table[16], vector v)
{
    return (vector){table_lookup_half(table, v.low), table_lookup_half(table, v.high)};
}

typedef struct {
    __m256d sums[2];
} accumulator;
static inline accumulator accumulator_zero(void) { return (accumulator){{_mm256_setzero_pd(), _mm256_setzero_pd()}}; }
static inline void accumulate(accumulator *sum, vector v)
{
    sum->sums[0] = _mm256_add_pd(sum->sums[0], v.low);
    sum->sums[1] = _mm256_add_pd(sum->sums[1], v.high);
}

#endif

static inline vector reciprocal(vector q) { return BOTH1(reciprocal_half, q); }

/* As in simd_ops_avx512.h. */
#if SIMD_SINGLE
static inline __m256 exponent_field_half(__m256 shifted)
{
    __m256i bits = _mm256_slli_epi32(_mm256_castps_si256(shifted), 19);
    return _mm256_castsi256_ps(_mm256_and_si256(bits, _mm256_set1_epi32((int)0xff800000u)));
}
static inline __m256 add_to_exponent_half(__m256 v, __m256 field)
{
    return _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(v), _mm256_castps_si256(field)));
}
#else
static inline __m256d exponent_field_half(__m256d shifted)
{
    __m256i bits = _mm256_slli_epi64(_mm256_castpd_si256(shifted), 48);
    return _mm256_castsi256_pd(_mm256_and_si256(bits, _mm256_set1_epi64x((long long)0xfff0000000000000u)));
}
static inline __m256d add_to_exponent_half(__m256d v, __m256d field)
{
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(v), _mm256_castpd_si256(field)));
}
#endif
#if SIMD_SINGLE
static inline __m256 larger_field_half(__m256 a, __m256 b)
{
    return _mm256_castsi256_ps(_mm256_max_epi32(_mm256_castps_si256(a), _mm256_castps_si256(b)));
}
static inline __m256 field_difference_half(__m256 a, __m256 b)
{
    return _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(a), _mm256_castps_si256(b)));
}
#else
/* AVX2 has no 64-bit integer max: a compare and a blend */
static inline __m256d larger_field_half(__m256d a, __m256d b)
{
    __m256i greater = _mm256_cmpgt_epi64(_mm256_castpd_si256(b), _mm256_castpd_si256(a));
    return _mm256_blendv_pd(a, b, _mm256_castsi256_pd(greater));
}
static inline __m256d field_difference_half(__m256d a, __m256d b)
{
    return _mm256_castsi256_pd(_mm256_sub_epi64(_mm256_castpd_si256(a), _mm256_castpd_si256(b)));
}
#endif
static inline vector exponent_field_of_multiple(vector shifted) { return BOTH1(exponent_field_half, shifted); }
static inline vector add_to_exponent(vector v, vector field) { return BOTH2(add_to_exponent_half, v, field); }
static inline vector larger_exponent_field(vector a, vector b) { return BOTH2(larger_field_half, a, b); }
static inline vector exponent_field_difference(vector a, vector b) { return BOTH2(field_difference_half, a, b); }

static inline double accumulator_total(accumulator sum)
{
    __m256d total = sum.sums[0];
    for (size_t i = 1; i < sizeof sum.sums / sizeof sum.sums[0]; i++)
        total = _mm256_add_pd(total, sum.sums[i]);
    double lanes[4];
    _mm256_storeu_pd(lanes, total);
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}

#endif
