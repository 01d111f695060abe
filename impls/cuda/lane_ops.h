/* lane_ops.h: the op-set of impls/simd/double_word_math.h for one lane: a `vector` is one
 * binary32 (SIMD_SINGLE 1) or binary64 (SIMD_SINGLE 0) value, a `mask` an int.  It compiles as
 * CUDA device code (one lane per thread: the `cuda-accurate` kernels) and as plain C (the
 * `cuda-accurate-host` twin that runs the same arithmetic on the CPU).
 *
 * Why the two give the same bits: every operation is one IEEE binary32/binary64 operation
 * rounded to nearest, spelled so that no compiler may fuse or reorder it (the __f*_rn
 * intrinsics on the device, -ffp-contract=off on the host), the FMAs are explicit, subnormals
 * are kept (the CUDA build does not use -ftz), and the few non-arithmetic steps (table index,
 * exponent arithmetic, scaling into the subnormals) are integer operations or ldexp, which is
 * exact or rounds once on both.  Only reciprocal differs from the vector op-sets: a correctly
 * rounded division, as in the AVX2 binary64 kernels (the vector sets use rcp14 + Newton; the
 * error analysis of simd_math.h covers both). */
#ifndef SCEBENCH_LANE_OPS_H
#define SCEBENCH_LANE_OPS_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#ifdef __CUDACC__
#define LANE_FUNCTION static __device__ __forceinline__
#define TABLE_STORAGE __device__
#define POLYNOMIAL_STORAGE __constant__
#else
#define LANE_FUNCTION static inline
#endif
#define INLINE LANE_FUNCTION

typedef int mask;

#if SIMD_SINGLE
typedef float scalar;
typedef uint32_t lane_bits;
typedef int32_t lane_signed_bits;
#define LANE_SIGN_MASK 0x80000000u
#define LANE_EXPONENT_MASK 0xff800000u /* sign and exponent */
#define LANE_ONE_BITS 0x3f800000u
#define LANE_MANTISSA_BITS 23
#else
typedef double scalar;
typedef uint64_t lane_bits;
typedef int64_t lane_signed_bits;
#define LANE_SIGN_MASK 0x8000000000000000u
#define LANE_EXPONENT_MASK 0xfff0000000000000u
#define LANE_ONE_BITS 0x3ff0000000000000u
#define LANE_MANTISSA_BITS 52
#endif
typedef scalar vector;

LANE_FUNCTION lane_bits bits_of(scalar v)
{
#ifdef __CUDACC__
#if SIMD_SINGLE
    return (lane_bits)__float_as_uint(v);
#else
    return (lane_bits)__double_as_longlong(v);
#endif
#else
    lane_bits bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
#endif
}

LANE_FUNCTION scalar value_of(lane_bits bits)
{
#ifdef __CUDACC__
#if SIMD_SINGLE
    return __uint_as_float((unsigned)bits);
#else
    return __longlong_as_double((long long)bits);
#endif
#else
    scalar v;
    memcpy(&v, &bits, sizeof v);
    return v;
#endif
}

#ifdef __CUDACC__
#if SIMD_SINGLE
LANE_FUNCTION vector add(vector a, vector b) { return __fadd_rn(a, b); }
LANE_FUNCTION vector subtract(vector a, vector b) { return __fsub_rn(a, b); }
LANE_FUNCTION vector multiply(vector a, vector b) { return __fmul_rn(a, b); }
LANE_FUNCTION vector divide(vector a, vector b) { return __fdiv_rn(a, b); }
LANE_FUNCTION vector fused(vector a, vector b, vector c) { return __fmaf_rn(a, b, c); }
#else
LANE_FUNCTION vector add(vector a, vector b) { return __dadd_rn(a, b); }
LANE_FUNCTION vector subtract(vector a, vector b) { return __dsub_rn(a, b); }
LANE_FUNCTION vector multiply(vector a, vector b) { return __dmul_rn(a, b); }
LANE_FUNCTION vector divide(vector a, vector b) { return __ddiv_rn(a, b); }
LANE_FUNCTION vector fused(vector a, vector b, vector c) { return __fma_rn(a, b, c); }
#endif
#else
LANE_FUNCTION vector add(vector a, vector b) { return a + b; }
LANE_FUNCTION vector subtract(vector a, vector b) { return a - b; }
LANE_FUNCTION vector multiply(vector a, vector b) { return a * b; }
LANE_FUNCTION vector divide(vector a, vector b) { return a / b; }
#if SIMD_SINGLE
LANE_FUNCTION vector fused(vector a, vector b, vector c) { return fmaf(a, b, c); }
#else
LANE_FUNCTION vector fused(vector a, vector b, vector c) { return fma(a, b, c); }
#endif
#endif

LANE_FUNCTION vector broadcast(scalar v) { return v; }
LANE_FUNCTION vector negate(vector v) { return value_of(bits_of(v) ^ LANE_SIGN_MASK); }
LANE_FUNCTION vector multiply_add(vector a, vector b, vector c) { return fused(a, b, c); }
LANE_FUNCTION vector multiply_subtract(vector a, vector b, vector c) { return fused(a, b, negate(c)); }
LANE_FUNCTION vector negate_multiply_add(vector a, vector b, vector c) { return fused(negate(a), b, c); }
LANE_FUNCTION vector negate_multiply_subtract(vector a, vector b, vector c) { return fused(negate(a), b, negate(c)); }
/* x86's minimum and maximum: the second operand when unordered (only valid lanes use them) */
LANE_FUNCTION vector minimum(vector a, vector b) { return a < b ? a : b; }
LANE_FUNCTION vector maximum(vector a, vector b) { return a > b ? a : b; }
LANE_FUNCTION vector absolute(vector a) { return value_of(bits_of(a) & ~LANE_SIGN_MASK); }
LANE_FUNCTION vector blend(mask m, vector a, vector b) { return m ? a : b; }
LANE_FUNCTION vector conditional_negate(mask m, vector v) { return m ? negate(v) : v; }
LANE_FUNCTION mask compare_equal(vector a, vector b) { return a == b; }
LANE_FUNCTION mask compare_less(vector a, vector b) { return a < b; }
LANE_FUNCTION mask compare_greater_equal(vector a, vector b) { return a >= b; }
LANE_FUNCTION mask compare_not_less_equal(vector a, vector b) { return !(a <= b); }
LANE_FUNCTION mask mask_or(mask a, mask b) { return a | b; }
LANE_FUNCTION unsigned mask_bits(mask m) { return (unsigned)m; }

/* 0 < a < bound */
LANE_FUNCTION mask compare_tiny_positive(vector a, vector bound) { return a > 0 && a < bound; }

/* z outside [+0, 1] or NaN: -0 and every negative pattern compare above 1's as unsigned. */
LANE_FUNCTION mask compare_outside_unit_interval(vector a) { return bits_of(a) > LANE_ONE_BITS; }

LANE_FUNCTION vector reciprocal(vector q) { return divide(broadcast(1), q); }

/* The low 4 bits of a shifter sum's pattern select the entry. */
LANE_FUNCTION vector table_lookup(const scalar *table, vector v) { return table[bits_of(v) & 15]; }

/* The exponent field of 2^floor(k/16) from the exp reduction's shifted value (sixteenths in its
 * last bits), and its exact application to a normal value (see simd_ops_avx512.h). */
LANE_FUNCTION vector exponent_field_of_multiple(vector shifted)
{
    return value_of((bits_of(shifted) << (LANE_MANTISSA_BITS - 4)) & LANE_EXPONENT_MASK);
}
LANE_FUNCTION vector add_to_exponent(vector v, vector field) { return value_of(bits_of(v) + bits_of(field)); }
/* Fields as signed integers: the larger of two, and their difference. */
LANE_FUNCTION vector larger_exponent_field(vector a, vector b)
{
    return (lane_signed_bits)bits_of(a) > (lane_signed_bits)bits_of(b) ? a : b;
}
LANE_FUNCTION vector exponent_field_difference(vector a, vector b) { return value_of(bits_of(a) - bits_of(b)); }

/* hi + lo rounded to odd at hi's precision, given hi = RN(hi + lo). */
LANE_FUNCTION vector round_to_odd(vector hi, vector lo)
{
    lane_bits bits = bits_of(hi);
    if (lo == 0 || lo != lo || (bits & 1))
        return hi;
    int toward_zero = ((bits_of(lo) ^ bits) & LANE_SIGN_MASK) != 0;
    return value_of(toward_zero ? bits - 1 : bits + 1);
}

#endif
