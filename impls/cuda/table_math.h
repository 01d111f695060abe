/* table_math.h: the per-element arithmetic of `cuda-accurate` on f32, f16 and bf16 storage,
 * for the device (one element per thread: kernels_accurate_f32.cu) and for the CPU twin
 * `cuda-accurate-host` (cuda_accurate_host_f32.c), which gets the same bits: every operation
 * below is one IEEE operation rounded to nearest, spelled so that no compiler fuses or reorders
 * it (the __*_rn intrinsics on the device, -ffp-contract=off on the host), subnormals kept.
 *
 * Why this and not the double-word arithmetic of the SIMD kernels: on a GPU the kernel is
 * memory-bound only if it issues few instructions per element (an H200 reads 557 G f32 pairs
 * per second and issues about 33 T lane instructions: 60 per element, all kinds together, 30
 * for the 16-bit formats; its binary64 pipe does 16 T FMAs and converts between binary32 and
 * binary64 at a quarter of that).  Table lookups replace exp and log1p.  A lookup costs one
 * L1 sector per distinct entry a warp touches, so there is one 16-byte load per element, and
 * for the 16-bit formats, whose |x| has few bit patterns, the loss's b is read whole.
 *
 * f32 loss and every gradient, in binary64: t = k ln2/64 - r, k = round(64 t/ln2),
 * |r| <= ln2/128 (0.0054); entry k of softplus_table.h holds L = log1p(c), S = c/(1+c) at
 * c = 2^(-k/64), and with D = S (1 - S):
 *   b = log1p(e^-t) = L + log1p(d),  d = S expm1(r)                 (1 + c e^r = (1 + c)(1 + d))
 *   s = e^-t/(1 + e^-t) = S + D r + D(1/2 - S) r^2 + D(1/6 - D) r^3 + D(1/2 - S)(1/12 - D) r^4
 *   loss = a + b, a = x ([x >= 0] - z) >= 0;   gradient = ([x >= 0] - z) -+ s
 * f16 and bf16 loss, in binary32: b read from the format's table at the bit pattern of t
 * (clamped: 26 for f16, e^-26 < 2^-37.5 being 2^-13.5 of f16's least ulp; 100 for bf16, e^-100
 * < 2^-144 being 2^-11 of bf16's least ulp), y = a + b.
 *
 * Error bounds (relative, before the store's one rounding; the twin sweeps measure them):
 *   - f32 loss: expm1(r) to r^3 (r^4/24 <= 2^-34.7), log1p(d) to d^3 (d^4/4 <= 2^-36 of b),
 *     ln2/64 in one binary64 (k 2^-60 <= 2^-46.7 on r), roundings near 2^-52: y within 2^-34 of
 *     the loss, so the stored f32 is within 0.5 + 2^-10 ulp.
 *   - gradient (every format): s within 2^-44 (the r^5 term, r^5/120), g = w -+ s by one FMA.
 *     Where |g| < 2^-14 s the result goes to the rare path (deep.h); elsewhere g is within 2^-30
 *     of the gradient: 0.5 + 2^-6 ulp in f32, 0.5 + 2^-19 in f16.
 *   - f16 and bf16 loss: b rounded once (2^-24; below 2^-126 an absolute 2^-150, 2^-17 of
 *     bf16's least ulp), a within 2^-23 (two roundings), y = a + b (no cancellation: both
 *     >= 0) within 2^-22.4: the 16-bit result within 0.5 + 2^-11.4 ulp (f16), 0.5 + 2^-14.4
 *     (bf16).
 * Inputs the arithmetic does not take (x infinite or NaN; z outside [+0, 1], -0 or NaN) go to
 * the rare path, as do cancelled gradients.
 *
 * Before including: on the host, nothing; on the device, after kernels.cuh. */
#ifndef SCEBENCH_TABLE_MATH_H
#define SCEBENCH_TABLE_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "softplus_table.h"

#ifdef __CUDACC__
#define TABLE_FUNCTION static __device__ __forceinline__
#else
#define TABLE_FUNCTION static inline
#endif

/* ---- operations: one rounding each ---- */

#ifdef __CUDACC__
TABLE_FUNCTION double add64(double a, double b) { return __dadd_rn(a, b); }
TABLE_FUNCTION double subtract64(double a, double b) { return __dsub_rn(a, b); }
TABLE_FUNCTION double multiply64(double a, double b) { return __dmul_rn(a, b); }
TABLE_FUNCTION double fused64(double a, double b, double c) { return __fma_rn(a, b, c); }
TABLE_FUNCTION float add32(float a, float b) { return __fadd_rn(a, b); }
TABLE_FUNCTION float subtract32(float a, float b) { return __fsub_rn(a, b); }
TABLE_FUNCTION float multiply32(float a, float b) { return __fmul_rn(a, b); }
TABLE_FUNCTION uint32_t bits32(float v) { return __float_as_uint(v); }
TABLE_FUNCTION int low_word64(double v) { return __double2loint(v); }
#else
TABLE_FUNCTION double add64(double a, double b) { return a + b; }
TABLE_FUNCTION double subtract64(double a, double b) { return a - b; }
TABLE_FUNCTION double multiply64(double a, double b) { return a * b; }
TABLE_FUNCTION double fused64(double a, double b, double c) { return fma(a, b, c); }
TABLE_FUNCTION float add32(float a, float b) { return a + b; }
TABLE_FUNCTION float subtract32(float a, float b) { return a - b; }
TABLE_FUNCTION float multiply32(float a, float b) { return a * b; }
TABLE_FUNCTION uint32_t bits32(float v)
{
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}
TABLE_FUNCTION int low_word64(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return (int)(uint32_t)bits;
}
#endif

/* ---- constants ---- */

#define SHIFTER64 0x1.8p52 /* ulp 1: adding it rounds to an integer */
#define CLAMP64_HIGH_WORD 0x405b8000        /* 110.0: e^-110 < 2^-158, under f32's least subnormal */
#define CANCELLATION 0x1p-14 /* |g| below this fraction of s: the rare path */

/* x finite, z in [+0, 1]: -0, negatives and NaN compare above 1's pattern as unsigned. */
TABLE_FUNCTION int ordinary_inputs(float x, float z) { return fabsf(x) < INFINITY && bits32(z) <= 0x3f800000u; }

/* ---- binary64: the f32 loss, every gradient ---- */

struct reduced64 {
    double r;
    int k;
};

/* t = min(|x|, 110) by its high word (on the integer pipe: for t >= 110 the high word alone is
 * replaced, leaving t below 110 + 2^-44, in the same last table entry). */
TABLE_FUNCTION double clamped_magnitude64(double x)
{
#ifdef __CUDACC__
    int high = min(__double2hiint(x) & 0x7fffffff, CLAMP64_HIGH_WORD);
    return __hiloint2double(high, __double2loint(x));
#else
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint64_t high = (bits >> 32) & 0x7fffffff;
    if (high > CLAMP64_HIGH_WORD)
        high = CLAMP64_HIGH_WORD;
    bits = high << 32 | (bits & 0xffffffffu);
    memcpy(&x, &bits, sizeof x);
    return x;
#endif
}

TABLE_FUNCTION struct reduced64 reduce64(double x)
{
    double t = clamped_magnitude64(x);
    double shifted = fused64(t, SOFTPLUS_INVERSE_STEP, SHIFTER64);
    struct reduced64 reduced;
    reduced.r = fused64(subtract64(shifted, SHIFTER64), SOFTPLUS_STEP, -t);
    reduced.k = low_word64(shifted); /* SHIFTER64's low word is 0 */
    return reduced;
}

/* a = x ([x >= 0] - z) plus b, in binary64. */
TABLE_FUNCTION double loss64(double x, double z, struct reduced64 reduced, const struct softplus_binary64 *table)
{
    struct softplus_binary64 entry = table[reduced.k];
    double r = reduced.r;
    double expm1_r = fused64(multiply64(r, r), fused64(r, 1.0 / 6, 0.5), r);
    double d = multiply64(expm1_r, entry.sigmoid);
    double b = fused64(d, fused64(d, fused64(d, 1.0 / 3, -0.5), 1.0), entry.log1p);
    double a = multiply64(x, subtract64(x >= 0 ? 1.0 : 0.0, z));
    return add64(a, b);
}

/* (s - S)/r, the sigmoid's Taylor series about the entry's S, to r^3 (s = S + r series); also
 * `accurate`'s first tier (impls/accurate_table.h). */
TABLE_FUNCTION double sigmoid_series64(double sigmoid, double r)
{
    double slope = fused64(-sigmoid, sigmoid, sigmoid);
    double quadratic = multiply64(slope, subtract64(0.5, sigmoid));
    double cubic = multiply64(slope, subtract64(1.0 / 6, slope));
    double quartic = multiply64(quadratic, subtract64(1.0 / 12, slope));
    return fused64(r, fused64(r, fused64(r, quartic, cubic), quadratic), slope);
}

/* g = ([x >= 0] - z) -+ s; *cancelled when |g| < CANCELLATION s (the rare path's points). */
TABLE_FUNCTION double gradient64(double x, double z, struct reduced64 reduced, const struct softplus_binary64 *table,
                                 int *cancelled)
{
    double sigmoid = table[reduced.k].sigmoid, r = reduced.r;
    double s = fused64(r, sigmoid_series64(sigmoid, r), sigmoid);
    double g = fused64(x >= 0 ? -1.0 : 1.0, s, subtract64(x >= 0 ? 1.0 : 0.0, z));
    *cancelled = fabs(g) < multiply64(CANCELLATION, s);
    return g;
}

/* ---- binary32: the f16 and bf16 loss ---- */

/* `magnitude`: the 16-bit pattern of |x|; `last`: SOFTPLUS_F16_LAST or SOFTPLUS_BF16_LAST, with
 * the format's table. */
TABLE_FUNCTION float loss16(float x, float z, uint32_t magnitude, uint32_t last, const float *table)
{
    float b = table[magnitude < last ? magnitude : last];
    float a = multiply32(x, subtract32(x >= 0 ? 1.0f : 0.0f, z));
    return add32(a, b);
}

#endif
