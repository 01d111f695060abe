/* Storage formats: binary64, binary32, binary16 and bfloat16.
 *
 * The harness carries every value as a double (each format embeds exactly in binary64).
 * Implementations read and write their own storage: double, float, or the 16-bit patterns
 * of binary16 and bfloat16, encoded and decoded here.  Rounding to a format is a single
 * rounding of the double, to nearest with ties to even, subnormals and overflow included,
 * so a value computed in double and stored in f16 or bf16 is rounded once (never twice
 * through float). */
#ifndef SCEBENCH_STORAGE_H
#define SCEBENCH_STORAGE_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "format.h"

/* Precision p (significand bits, hidden bit included), minimum normal exponent emin and
 * maximum exponent emax, as in IEEE 754: the largest finite value is (2 - 2^(1-p)) * 2^emax
 * and the smallest subnormal is 2^(emin - p + 1). */
struct format_info {
    const char *name;
    int precision;
    int emin;
    int emax;
    int storage_bytes;
};

static const struct format_info format_info[FORMAT_COUNT] = {
    [FORMAT_F64] = {"f64", 53, -1022, 1023, 8},
    [FORMAT_F32] = {"f32", 24, -126, 127, 4},
    [FORMAT_F16] = {"f16", 11, -14, 15, 2},
    [FORMAT_BF16] = {"bf16", 8, -126, 127, 2},
};

static inline uint64_t double_bits(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

static inline double double_from_bits(uint64_t bits)
{
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* 2^e for -1022 <= e <= 1023, from its bits: ldexp is a call into libm (scalbn), and these
 * conversions run once or twice per point of every 16-bit sweep. */
static inline double power_of_two(int e)
{
    return double_from_bits((uint64_t)(1023 + e) << 52);
}

/* Rounds v to precision p with the exponent range [emin, emax], ties to even.
 * Normal range: the low 53-p significand bits of the double are rounded away in integer
 * arithmetic (a carry into the exponent is the correct result).  Subnormal range: adding
 * and subtracting 2^(emin - p + 1 + 52) rounds to a multiple of the smallest subnormal in
 * the current (nearest-even) rounding mode. */
static inline double round_to_precision(double v, int p, int emin, int emax)
{
    if (isnan(v) || isinf(v) || p == 53)
        return v;
    double magnitude = fabs(v);
    if (magnitude < power_of_two(emin)) {
        double shifter = power_of_two(emin - p + 1 + 52);
        return copysign((magnitude + shifter) - shifter, v);
    }
    int shift = 53 - p;
    uint64_t bits = double_bits(v);
    uint64_t half = (UINT64_C(1) << (shift - 1)) - 1 + ((bits >> shift) & 1);
    bits = (bits + half) & ~((UINT64_C(1) << shift) - 1);
    double rounded = double_from_bits(bits);
    if (fabs(rounded) > (2.0 - power_of_two(1 - p)) * power_of_two(emax))
        return copysign(INFINITY, v);
    return rounded;
}

static inline double round_to_f16(double v) { return round_to_precision(v, 11, -14, 15); }
static inline double round_to_bf16(double v) { return round_to_precision(v, 8, -126, 127); }
static inline double round_to_f32(double v) { return (double)(float)v; }

static inline double round_to_format(enum format format, double v)
{
    switch (format) {
    case FORMAT_F32: return round_to_f32(v);
    case FORMAT_F16: return round_to_f16(v);
    case FORMAT_BF16: return round_to_bf16(v);
    default: return v;
    }
}

/* Encodes a value already representable in a 16-bit format (see round_to_*). */
static inline uint16_t encode_half(double representable, int p, int bias)
{
    uint16_t sign = (double_bits(representable) >> 48) & 0x8000;
    double magnitude = fabs(representable);
    int exponent_bits = 15 - (p - 1);
    uint16_t exponent_mask = (uint16_t)(((1u << exponent_bits) - 1) << (p - 1));
    if (isnan(representable))
        return sign | exponent_mask | (uint16_t)(1u << (p - 2));
    if (isinf(representable))
        return sign | exponent_mask;
    if (magnitude < power_of_two(1 - bias))
        return sign | (uint16_t)(magnitude * power_of_two(bias - 2 + p));
    /* a normal value of the format: its binary64 exponent and leading significand bits */
    uint64_t bits = double_bits(magnitude);
    int exponent = (int)(bits >> 52) - 1023;
    uint16_t significand = (uint16_t)((bits >> (53 - p)) & ((1u << (p - 1)) - 1));
    return sign | (uint16_t)((exponent + bias) << (p - 1)) | significand;
}

static inline double decode_half(uint16_t bits, int p, int bias)
{
    int exponent_bits = 15 - (p - 1);
    unsigned exponent_field = (bits >> (p - 1)) & ((1u << exponent_bits) - 1);
    unsigned significand = bits & ((1u << (p - 1)) - 1);
    double magnitude;
    if (exponent_field == (1u << exponent_bits) - 1)
        magnitude = significand ? NAN : INFINITY;
    else if (exponent_field == 0)
        magnitude = (double)significand * power_of_two(2 - bias - p);
    else
        magnitude = (double)(significand | (1u << (p - 1))) * power_of_two((int)exponent_field - bias - p + 1);
    return (bits & 0x8000) ? -magnitude : magnitude;
}

static inline uint16_t f16_from_double(double v) { return encode_half(round_to_f16(v), 11, 15); }
static inline uint16_t bf16_from_double(double v) { return encode_half(round_to_bf16(v), 8, 127); }
static inline double f16_to_double(uint16_t bits) { return decode_half(bits, 11, 15); }
static inline double bf16_to_double(uint16_t bits) { return decode_half(bits, 8, 127); }

/* ulp(v) in the format: 2^(max(floor(log2|v|), emin) - p + 1) (DESIGN.md), for finite v. */
static inline double format_ulp(enum format format, double v)
{
    const struct format_info *info = &format_info[format];
    int exponent;
    frexp(v, &exponent); /* |v| = f * 2^exponent, f in [1/2, 1): floor(log2|v|) = exponent - 1 */
    if (v == 0.0 || exponent - 1 < info->emin)
        exponent = info->emin + 1;
    return ldexp(1.0, exponent - 1 - info->precision + 1);
}

/* Element i of an array in the format's storage, as a double. */
static inline double storage_load(enum format format, const void *array, size_t i)
{
    switch (format) {
    case FORMAT_F64: return ((const double *)array)[i];
    case FORMAT_F32: return ((const float *)array)[i];
    case FORMAT_F16: return f16_to_double(((const uint16_t *)array)[i]);
    default: return bf16_to_double(((const uint16_t *)array)[i]);
    }
}

/* Stores v, rounded once to the format, as element i. */
static inline void storage_store(enum format format, void *array, size_t i, double v)
{
    switch (format) {
    case FORMAT_F64: ((double *)array)[i] = v; break;
    case FORMAT_F32: ((float *)array)[i] = (float)v; break;
    case FORMAT_F16: ((uint16_t *)array)[i] = f16_from_double(v); break;
    default: ((uint16_t *)array)[i] = bf16_from_double(v); break;
    }
}

#endif
