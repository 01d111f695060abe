/* Helpers shared by the summation strategies: loading terms from storage, arithmetic rounded
 * to a 16-bit format, and the final division by n. */
#ifndef SCEBENCH_SUMMATION_COMMON_H
#define SCEBENCH_SUMMATION_COMMON_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "summation.h"

/* A binary16 pattern as a float, exactly: the 15 low bits shifted into a float's exponent and
 * significand give the value times 2^-112 (subnormal halves become subnormal floats, whose
 * product by 2^112 is exact); infinities and NaNs are handled apart. */
static inline float summation_f16_to_float(uint16_t bits)
{
    uint32_t magnitude = (uint32_t)(bits & 0x7fff) << 13;
    float value;
    if ((bits & 0x7c00) == 0x7c00) {
        uint32_t special = 0x7f800000u | magnitude;
        memcpy(&value, &special, sizeof value);
    } else {
        memcpy(&value, &magnitude, sizeof value);
        value *= 0x1p112f;
    }
    return (bits & 0x8000) ? -value : value;
}

static inline float summation_bf16_to_float(uint16_t bits)
{
    uint32_t wide = (uint32_t)bits << 16;
    float value;
    memcpy(&value, &wide, sizeof value);
    return value;
}

/* Term i of the storage as a float (exact for f32, f16 and bf16). */
static inline float summation_load(enum format format, const void *terms, size_t i)
{
    switch (format) {
    case FORMAT_F32: return ((const float *)terms)[i];
    case FORMAT_F16: return summation_f16_to_float(((const uint16_t *)terms)[i]);
    case FORMAT_BF16: return summation_bf16_to_float(((const uint16_t *)terms)[i]);
    default: return (float)((const double *)terms)[i];
    }
}

/* Decodes terms [0, count) into floats. */
static inline void summation_decode(enum format format, const void *terms, size_t count, float *out)
{
    switch (format) {
    case FORMAT_F32: memcpy(out, terms, count * sizeof *out); break;
    case FORMAT_F16:
        for (size_t i = 0; i < count; i++)
            out[i] = summation_f16_to_float(((const uint16_t *)terms)[i]);
        break;
    default:
        for (size_t i = 0; i < count; i++)
            out[i] = summation_bf16_to_float(((const uint16_t *)terms)[i]);
        break;
    }
}

/* a + b rounded once to the format (f16 or bf16), both values of the format held in doubles.
 * The double sum is exact for binary16 (multiples of 2^-24 below 2^17: at most 41 bits); for
 * bfloat16 it may not be, so it is rounded to odd first (its last bit set when inexact, from
 * the exact error of Knuth's two-sum), which makes the rounding to 8 bits a single rounding. */
static inline double summation_add_rounded(enum format format, double a, double b)
{
    double sum = a + b;
    if (format == FORMAT_BF16 && isfinite(sum)) {
        double b_part = sum - a;
        double error = (a - (sum - b_part)) + (b - b_part);
        uint64_t bits = double_bits(sum);
        if (error != 0.0 && (bits & 1) == 0)
            sum = double_from_bits((error > 0.0) == (sum > 0.0) ? bits + 1 : bits - 1);
    }
    return round_to_format(format, sum);
}

/* sum / n rounded once to the format (sum a double, n < 2^53): the double quotient rounded to
 * odd with the exact remainder of the division (fma), then rounded to the format. */
static inline double summation_divide(enum format format, double sum, uint64_t n)
{
    double divisor = (double)n;
    double quotient = sum / divisor;
    if (!isfinite(quotient) || format == FORMAT_F64)
        return quotient;
    double remainder = fma(-quotient, divisor, sum); /* exact */
    uint64_t bits = double_bits(quotient);
    if (remainder != 0.0 && (bits & 1) == 0 && quotient != 0.0)
        quotient = double_from_bits((remainder > 0.0) == (quotient > 0.0) ? bits + 1 : bits - 1);
    return round_to_format(format, quotient);
}

/* The strategy's private state inside struct summation_state. */
#define SUMMATION_DATA(type, state) ((type *)(void *)(state)->data)
#define SUMMATION_CONST_DATA(type, state) ((const type *)(const void *)(state)->data)

#define SUMMATION_HALF_FORMATS ((1u << FORMAT_F16) | (1u << FORMAT_BF16))
#define SUMMATION_NARROW_FORMATS ((1u << FORMAT_F32) | SUMMATION_HALF_FORMATS)

#endif
