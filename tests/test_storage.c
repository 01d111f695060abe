/* Tests of impls/storage.h: the binary16 and bfloat16 encodings (exhaustively), the rounding of
 * doubles to f16, bf16 and f32 (against MPFR, through reference_parse, which rounds a number's
 * text once to a format), format_ulp (against hand-computed values) and storage_store /
 * storage_load.
 *
 * Prints each failure with its values in %a, then "N passed, M failed"; returns 1 on any
 * failure. */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reference.h"
#include "storage.h"

static unsigned long passed, failed;
static unsigned long failures_shown;
#define MAX_FAILURES_SHOWN 60

static void report(int ok, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void report(int ok, const char *format, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failures_shown++ >= MAX_FAILURES_SHOWN) {
        if (failures_shown == MAX_FAILURES_SHOWN + 1)
            printf("FAIL (further failures counted, not shown)\n");
        return;
    }
    va_list arguments;
    va_start(arguments, format);
    printf("FAIL ");
    vprintf(format, arguments);
    putchar('\n');
    va_end(arguments);
}

/* The same value (NaN equal to NaN; the sign of zero is not compared). */
static int same_value(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* The same value and, for zeros, the same sign. */
static int same_value_and_sign(double a, double b)
{
    return same_value(a, b) && (a != 0.0 || signbit(a) == signbit(b));
}

/* splitmix64: a deterministic stream. */
static uint64_t random_state = UINT64_C(0x5ceb5ceb12345678);
static uint64_t random_next(void)
{
    uint64_t z = (random_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* A random double with exponent uniform in [low, high] and a random significand and sign. */
static double random_in_exponents(int low, int high)
{
    uint64_t r = random_next();
    double significand = 1.0 + (double)(r >> 12) * 0x1p-52;
    int exponent = low + (int)(random_next() % (uint64_t)(high - low + 1));
    return (r & 1) ? -ldexp(significand, exponent) : ldexp(significand, exponent);
}

/* ---------------------------------------------------------------------------------------- */
/* Rounding doubles to a format, against MPFR. */

static const char *const format_label[FORMAT_COUNT] = {"f64", "f32", "f16", "bf16"};

static double round_under_test(enum format format, double v)
{
    switch (format) {
    case FORMAT_F16: return round_to_f16(v);
    case FORMAT_BF16: return round_to_bf16(v);
    case FORMAT_F32: return round_to_f32(v);
    default: return v;
    }
}

static unsigned long rounding_checks[FORMAT_COUNT];

/* round_to_<format>(v) and round_to_format(format, v) against MPFR's rounding of "%a" of v. */
static void check_rounding(enum format format, double v)
{
    char text[64];
    snprintf(text, sizeof text, "%a", v);
    double expected;
    if (reference_parse(format, text, &expected) != 0) {
        report(0, "reference_parse(%s, \"%s\") failed", format_label[format], text);
        return;
    }
    double got = round_under_test(format, v);
    double generic = round_to_format(format, v);
    rounding_checks[format]++;
    report(same_value(got, expected), "round_to_%s(%a) = %a, MPFR rounds it to %a", format_label[format], v, got,
           expected);
    report(same_value(generic, got), "round_to_format(%s, %a) = %a, round_to_%s gives %a", format_label[format], v,
           generic, format_label[format], got);
    /* The result is a value of the format: rounding it again changes nothing. */
    report(same_value(round_under_test(format, got), got), "round_to_%s(round_to_%s(%a) = %a) = %a (not idempotent)",
           format_label[format], format_label[format], v, got, round_under_test(format, got));
}

/* v, its neighbours one double ulp away, and their negatives. */
static void check_rounding_around(enum format format, double v)
{
    double values[3] = {v, nextafter(v, -INFINITY), nextafter(v, INFINITY)};
    for (int i = 0; i < 3; i++) {
        check_rounding(format, values[i]);
        check_rounding(format, -values[i]);
    }
}

typedef double decode_fn(uint16_t);

/* Every rounding midpoint of a 16-bit format: between consecutive positive finite values,
 * and between the largest finite value and the overflow threshold (max + ulp/2). */
static void check_midpoints_16(enum format format, decode_fn *decode, uint16_t largest_finite)
{
    for (unsigned k = 0; k < largest_finite; k++) {
        double low = decode((uint16_t)k), high = decode((uint16_t)(k + 1));
        check_rounding_around(format, (low + high) / 2); /* exact: at most p + 1 bits */
        check_rounding_around(format, low);
    }
    double largest = decode(largest_finite);
    check_rounding_around(format, largest);
    check_rounding_around(format, largest + format_ulp(format, largest) / 2);
}

static void check_rounding_random(enum format format, int count)
{
    const struct format_info *info = &format_info[format];
    int subnormal_low = info->emin - info->precision - 3;
    for (int i = 0; i < count; i++) {
        /* Random bit patterns: mostly far outside the format's range (overflow, underflow to 0),
         * with NaNs and infinities among them. */
        check_rounding(format, double_from_bits(random_next()));
        /* Random values over the whole range of the format, and a little beyond. */
        check_rounding(format, random_in_exponents(subnormal_low, info->emax + 2));
        /* The subnormal range and just below the smallest subnormal. */
        check_rounding(format, random_in_exponents(subnormal_low, info->emin - 1));
        /* Random doubles whose low bits are a tie or near-tie: a format value's significand with
         * one more bit set and, sometimes, one double ulp off. */
        double base = random_in_exponents(info->emin - 1, info->emax);
        double value = round_under_test(format, base);
        double tie = value + copysign(format_ulp(format, value) / 2, value);
        uint64_t r = random_next() % 3;
        check_rounding(format, r == 0 ? tie : r == 1 ? nextafter(tie, 0.0) : nextafter(tie, INFINITY));
    }
}

static void check_rounding_specials(enum format format)
{
    const struct format_info *info = &format_info[format];
    double smallest_subnormal = ldexp(1.0, info->emin - info->precision + 1);
    double smallest_normal = ldexp(1.0, info->emin);
    double largest = ldexp(2.0 - ldexp(1.0, 1 - info->precision), info->emax);
    double threshold = ldexp(2.0 - ldexp(1.0, -info->precision), info->emax); /* rounds to infinity */
    const double values[] = {0.0,
                             smallest_subnormal,
                             smallest_subnormal / 2, /* a tie: rounds to 0 (even) */
                             smallest_subnormal * 1.5, /* a tie: rounds to 2 * smallest (even) */
                             smallest_subnormal * 2.5,
                             smallest_subnormal / 4,
                             smallest_normal,
                             smallest_normal - smallest_subnormal / 2, /* a tie to the even normal */
                             smallest_normal - smallest_subnormal,
                             largest,
                             threshold,
                             1.0,
                             1.0 + ldexp(1.0, -info->precision),     /* a tie: to 1 */
                             1.0 + 3 * ldexp(1.0, -info->precision), /* a tie: up */
                             DBL_MAX,
                             DBL_MIN,
                             DBL_TRUE_MIN,
                             INFINITY,
                             NAN,
                             0.1,
                             1.0 / 3.0};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        check_rounding_around(format, values[i]);
}

static void check_rounding_known(void)
{
    /* Hand-computed roundings, independent of MPFR. */
    struct {
        enum format format;
        double in, out;
    } cases[] = {
        {FORMAT_F16, 65519.99, 65504.0},
        {FORMAT_F16, 65520.0, INFINITY}, /* the tie at the overflow threshold goes up */
        {FORMAT_F16, -65520.0, -INFINITY},
        {FORMAT_F16, 0x1p-25, 0.0},                /* half the smallest subnormal: tie to 0 */
        {FORMAT_F16, 0x1.000001p-25, 0x1p-24},     /* just above the tie */
        {FORMAT_F16, 0x1.8p-24, 0x1p-23},          /* 1.5 * smallest: tie to even (2) */
        {FORMAT_F16, 0x1.002p+0, 0x1p+0},          /* 1 + 2^-11: tie to even (1) */
        {FORMAT_F16, 0x1.006p+0, 0x1.008p+0},      /* 1 + 3*2^-11: tie to even (up) */
        {FORMAT_F16, 0x1.ffap-15, 0x1.ff8p-15},    /* below the tie: the largest subnormal */
        {FORMAT_F16, 0x1.ffcp-15, 0x1p-14},        /* tie between the largest subnormal (odd) and 2^-14 */
        {FORMAT_F16, 0x1.ff4p-15, 0x1.ffp-15},     /* tie between two subnormals: to the even one */
        {FORMAT_F16, 0.1, 0x1.998p-4},
        {FORMAT_BF16, 0x1.ffp+127, INFINITY},      /* (2 - 2^-8) * 2^127: tie, overflow */
        {FORMAT_BF16, 0x1.fefffffffffffp+127, 0x1.fep+127},
        {FORMAT_BF16, 0x1p-134, 0.0},              /* half the smallest subnormal 2^-133 */
        {FORMAT_BF16, 0x1.0000000000001p-134, 0x1p-133},
        {FORMAT_BF16, 0x1.01p+0, 0x1p+0},          /* 1 + 2^-8: tie to even */
        {FORMAT_BF16, 0x1.03p+0, 0x1.04p+0},
        {FORMAT_BF16, 0.1, 0x1.9ap-4},
        {FORMAT_F32, 0x1.ffffffp+127, INFINITY},
        {FORMAT_F32, 0x1p-150, 0.0},
        {FORMAT_F32, 0x1.0000000000001p-150, 0x1p-149},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = round_under_test(cases[i].format, cases[i].in);
        report(same_value_and_sign(got, cases[i].out), "round_to_%s(%a) = %a, expected %a",
               format_label[cases[i].format], cases[i].in, got, cases[i].out);
    }
    /* The sign survives underflow to zero. */
    report(signbit(round_to_f16(-0x1p-30)) && round_to_f16(-0x1p-30) == 0.0, "round_to_f16(-0x1p-30) = %a, expected -0",
           round_to_f16(-0x1p-30));
    report(signbit(round_to_bf16(-0x1p-140)) && round_to_bf16(-0x1p-140) == 0.0,
           "round_to_bf16(-0x1p-140) = %a, expected -0", round_to_bf16(-0x1p-140));
    /* f64 is the identity. */
    report(round_to_format(FORMAT_F64, 0x1.0000000000001p+0) == 0x1.0000000000001p+0,
           "round_to_format(f64, 0x1.0000000000001p+0) = %a", round_to_format(FORMAT_F64, 0x1.0000000000001p+0));
}

/* ---------------------------------------------------------------------------------------- */
/* The 16-bit encodings, exhaustively. */

typedef uint16_t encode_fn(double);

static void check_encoding_exhaustive(enum format format, decode_fn *decode, encode_fn *encode, int precision)
{
    const char *name = format_label[format];
    int exponent_bits = 15 - (precision - 1);
    unsigned exponent_all_ones = (1u << exponent_bits) - 1;
    unsigned long nans = 0;
    for (unsigned k = 0; k < 65536; k++) {
        uint16_t bits = (uint16_t)k;
        double value = decode(bits);
        unsigned exponent_field = (k >> (precision - 1)) & exponent_all_ones;
        unsigned significand = k & ((1u << (precision - 1)) - 1);
        int is_nan_pattern = exponent_field == exponent_all_ones && significand != 0;
        if (is_nan_pattern) {
            nans++;
            report(isnan(value), "%s decode(0x%04x) = %a, expected NaN", name, k, value);
            uint16_t again = encode(value);
            unsigned again_exponent = (again >> (precision - 1)) & exponent_all_ones;
            unsigned again_significand = again & ((1u << (precision - 1)) - 1);
            report(again_exponent == exponent_all_ones && again_significand != 0 && isnan(decode(again)),
                   "%s encode(decode(0x%04x) = NaN) = 0x%04x, not a NaN pattern", name, k, (unsigned)again);
            continue;
        }
        report(!isnan(value), "%s decode(0x%04x) = %a, expected a number", name, k, value);
        report(!!signbit(value) == !!(k & 0x8000), "%s decode(0x%04x) = %a: wrong sign", name, k, value);
        uint16_t again = encode(value);
        report(again == bits, "%s encode(decode(0x%04x) = %a) = 0x%04x", name, k, value, (unsigned)again);
        /* A value of the format: rounding it changes nothing. */
        double rounded = round_to_format(format, value);
        report(same_value_and_sign(rounded, value), "%s round(decode(0x%04x) = %a) = %a", name, k, value, rounded);
        /* The value of the pattern, as MPFR reads its %a text rounded to the format. */
        if (isfinite(value)) {
            char text[64];
            double parsed;
            snprintf(text, sizeof text, "%a", value);
            report(reference_parse(format, text, &parsed) == 0 && parsed == value,
                   "%s decode(0x%04x) = %a is not a value of the format for MPFR (it reads %a)", name, k, value,
                   parsed);
        }
    }
    report(nans == 2u * ((1u << (precision - 1)) - 1), "%s: %lu NaN patterns", name, nans);

    /* Positive finite patterns, in order, decode to strictly increasing values whose spacing is
     * the format's ulp; 0 is 0 and the next pattern is infinity. */
    uint16_t infinity_bits = (uint16_t)(exponent_all_ones << (precision - 1));
    report(decode(0) == 0.0 && !signbit(decode(0)), "%s decode(0x0000) = %a", name, decode(0));
    report(decode(0x8000) == 0.0 && signbit(decode(0x8000)), "%s decode(0x8000) = %a, expected -0", name,
           decode(0x8000));
    report(decode(infinity_bits) == INFINITY, "%s decode(0x%04x) = %a, expected inf", name, (unsigned)infinity_bits,
           decode(infinity_bits));
    report(decode((uint16_t)(infinity_bits | 0x8000)) == -INFINITY, "%s decode(0x%04x) = %a, expected -inf", name,
           (unsigned)(infinity_bits | 0x8000), decode((uint16_t)(infinity_bits | 0x8000)));
    for (unsigned k = 0; k + 1 < infinity_bits; k++) {
        double low = decode((uint16_t)k), high = decode((uint16_t)(k + 1));
        report(low < high, "%s decode not monotone: decode(0x%04x) = %a >= decode(0x%04x) = %a", name, k, low, k + 1,
               high);
        report(high - low == format_ulp(format, low), "%s decode(0x%04x) - decode(0x%04x) = %a, format_ulp(%a) = %a",
               name, k + 1, k, high - low, low, format_ulp(format, low));
        report(decode((uint16_t)(k | 0x8000)) == -low, "%s decode(0x%04x) = %a, expected %a", name, k | 0x8000,
               decode((uint16_t)(k | 0x8000)), -low);
    }
}

static void check_encoding_known(void)
{
    struct {
        enum format format;
        uint16_t bits;
        double value;
    } cases[] = {
        {FORMAT_F16, 0x3c00, 1.0},        {FORMAT_F16, 0xc000, -2.0},       {FORMAT_F16, 0x7bff, 65504.0},
        {FORMAT_F16, 0x0001, 0x1p-24},    {FORMAT_F16, 0x03ff, 0x1.ff8p-15}, {FORMAT_F16, 0x0400, 0x1p-14},
        {FORMAT_F16, 0x3555, 0x1.554p-2}, {FORMAT_F16, 0x7c00, INFINITY},   {FORMAT_F16, 0xfc00, -INFINITY},
        {FORMAT_BF16, 0x3f80, 1.0},       {FORMAT_BF16, 0xc000, -2.0},      {FORMAT_BF16, 0x7f7f, 0x1.fep+127},
        {FORMAT_BF16, 0x0001, 0x1p-133},  {FORMAT_BF16, 0x0080, 0x1p-126},  {FORMAT_BF16, 0x007f, 0x1.fcp-127},
        {FORMAT_BF16, 0x3eab, 0x1.56p-2}, {FORMAT_BF16, 0x7f80, INFINITY},  {FORMAT_BF16, 0xff80, -INFINITY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int f16 = cases[i].format == FORMAT_F16;
        double decoded = f16 ? f16_to_double(cases[i].bits) : bf16_to_double(cases[i].bits);
        uint16_t encoded = f16 ? f16_from_double(cases[i].value) : bf16_from_double(cases[i].value);
        report(decoded == cases[i].value, "%s decode(0x%04x) = %a, expected %a", format_label[cases[i].format],
               (unsigned)cases[i].bits, decoded, cases[i].value);
        report(encoded == cases[i].bits, "%s encode(%a) = 0x%04x, expected 0x%04x", format_label[cases[i].format],
               cases[i].value, (unsigned)encoded, (unsigned)cases[i].bits);
    }
    /* bfloat16 is the top half of binary32: every pattern agrees with the float it truncates. */
    for (unsigned k = 0; k < 65536; k++) {
        uint32_t bits32 = (uint32_t)k << 16;
        float as_float;
        memcpy(&as_float, &bits32, sizeof as_float);
        double decoded = bf16_to_double((uint16_t)k);
        report(same_value_and_sign(decoded, (double)as_float), "bf16 decode(0x%04x) = %a, binary32 0x%08" PRIx32 " is %a",
               k, decoded, bits32, (double)as_float);
    }
#if defined(__FLT16_MAX__)
    __extension__ typedef _Float16 half; /* an ISO C extension (TS 18661-3) */
    /* The compiler's _Float16, where it has one: the same values for every pattern, and the
     * same rounding of doubles. */
    for (unsigned k = 0; k < 65536; k++) {
        half h;
        uint16_t bits = (uint16_t)k;
        memcpy(&h, &bits, sizeof h);
        double decoded = f16_to_double(bits);
        report(same_value_and_sign(decoded, (double)h), "f16 decode(0x%04x) = %a, _Float16 says %a", k, decoded,
               (double)h);
    }
    for (int i = 0; i < 20000; i++) {
        double v = random_in_exponents(-28, 17);
        double expected = (double)(half)v;
        report(same_value_and_sign(round_to_f16(v), expected), "round_to_f16(%a) = %a, _Float16 rounds it to %a", v,
               round_to_f16(v), expected);
    }
#endif
}

/* ---------------------------------------------------------------------------------------- */
/* format_ulp. */

static void check_ulp(void)
{
    struct {
        enum format format;
        double v, ulp;
    } cases[] = {
        {FORMAT_F32, 1.0, 0x1p-23},
        {FORMAT_F32, -1.0, 0x1p-23},
        {FORMAT_F32, 1.0 - 0x1p-24, 0x1p-24},
        {FORMAT_F32, 0.0, 0x1p-149},
        {FORMAT_F32, -0.0, 0x1p-149},
        {FORMAT_F32, 0x1p-126, 0x1p-149},
        {FORMAT_F32, 0x1.fffffcp-127, 0x1p-149}, /* the largest subnormal */
        {FORMAT_F32, 0x1p-149, 0x1p-149},
        {FORMAT_F32, 0x1.fffffep+127, 0x1p+104},
        {FORMAT_F32, 3.0, 0x1p-22},
        {FORMAT_F16, 1.0, 0x1p-10},
        {FORMAT_F16, 65504.0, 32.0},
        {FORMAT_F16, 0.0, 0x1p-24},
        {FORMAT_F16, 0x1p-14, 0x1p-24},
        {FORMAT_F16, 0x1.ff8p-15, 0x1p-24},
        {FORMAT_F16, 0x1p-24, 0x1p-24},
        {FORMAT_F16, 1.0 - 0x1p-11, 0x1p-11},
        {FORMAT_BF16, 1.0, 0x1p-7},
        {FORMAT_BF16, 0.0, 0x1p-133},
        {FORMAT_BF16, 0x1p-126, 0x1p-133},
        {FORMAT_BF16, 0x1.fcp-127, 0x1p-133},
        {FORMAT_BF16, 0x1.fep+127, 0x1p+120},
        {FORMAT_F64, 1.0, 0x1p-52},
        {FORMAT_F64, 0.0, 0x1p-1074},
        {FORMAT_F64, 0x1p-1022, 0x1p-1074},
        {FORMAT_F64, DBL_TRUE_MIN, 0x1p-1074},
        {FORMAT_F64, DBL_MAX, 0x1p+971},
        {FORMAT_F64, 1.0 - 0x1p-53, 0x1p-53},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = format_ulp(cases[i].format, cases[i].v);
        report(got == cases[i].ulp, "format_ulp(%s, %a) = %a, expected %a", format_label[cases[i].format], cases[i].v,
               got, cases[i].ulp);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* storage_store and storage_load. */

static void check_storage_format(enum format format)
{
    const char *name = format_label[format];
    enum { SLOTS = 8, SLOT = 5 };
    const double values[] = {0.0, -0.0, 1.0, -2.5, 0.1, 1.0 / 3.0, 65504.0, 65520.0, 0x1p-24, 0x1p-25, 0x1p-133,
                             0x1p-149, 0x1.fep+127, 0x1.ffp+127, 1e300, -1e-300, INFINITY, -INFINITY, NAN,
                             0x1.0000000000001p+0, 0x1.002p+0, 0x1.01p+0};
    report(format_info[format].storage_bytes == (format == FORMAT_F64 ? 8 : format == FORMAT_F32 ? 4 : 2),
           "%s storage_bytes = %d", name, format_info[format].storage_bytes);
    for (size_t i = 0; i < sizeof values / sizeof values[0] + 2000; i++) {
        double v = i < sizeof values / sizeof values[0] ? values[i]
                                                         : random_in_exponents(format_info[format].emin - 12,
                                                                               format_info[format].emax + 1);
        unsigned char array[SLOTS * 8];
        memset(array, 0xa5, sizeof array);
        storage_store(format, array, SLOT, v);
        double loaded = storage_load(format, array, SLOT);
        double expected = round_to_format(format, v);
        report(same_value_and_sign(loaded, expected), "%s storage_load(storage_store(%a)) = %a, expected %a", name, v,
               loaded, expected);
        /* Only element SLOT was written. */
        size_t bytes = (size_t)format_info[format].storage_bytes;
        int untouched = 1;
        for (size_t b = 0; b < sizeof array; b++)
            if ((b < SLOT * bytes || b >= (SLOT + 1) * bytes) && array[b] != 0xa5)
                untouched = 0;
        report(untouched, "%s storage_store(element %d, %a) wrote outside its element", name, SLOT, v);
        /* A value of the format survives a second round trip unchanged. */
        storage_store(format, array, 0, loaded);
        double again = storage_load(format, array, 0);
        report(same_value_and_sign(again, loaded), "%s second round trip of %a gives %a", name, loaded, again);
    }
    /* The 16-bit formats store exactly their encodings. */
    if (format == FORMAT_F16 || format == FORMAT_BF16) {
        uint16_t array[4] = {0};
        storage_store(format, array, 2, 1.0);
        uint16_t one = format == FORMAT_F16 ? 0x3c00 : 0x3f80;
        report(array[2] == one && array[0] == 0 && array[1] == 0 && array[3] == 0,
               "%s storage_store(1.0) wrote 0x%04x, expected 0x%04x", name, (unsigned)array[2], (unsigned)one);
        array[1] = (uint16_t)(format == FORMAT_F16 ? 0xc200 : 0xc040); /* -3 */
        report(storage_load(format, array, 1) == -3.0, "%s storage_load(0x%04x) = %a, expected -3", name,
               (unsigned)array[1], storage_load(format, array, 1));
    }
}

int main(void)
{
    check_encoding_known();
    check_encoding_exhaustive(FORMAT_F16, f16_to_double, f16_from_double, 11);
    check_encoding_exhaustive(FORMAT_BF16, bf16_to_double, bf16_from_double, 8);

    check_rounding_known();
    check_midpoints_16(FORMAT_F16, f16_to_double, 0x7bff);
    check_midpoints_16(FORMAT_BF16, bf16_to_double, 0x7f7f);
    for (int f = FORMAT_F32; f <= FORMAT_BF16; f++) {
        check_rounding_specials((enum format)f);
        check_rounding_random((enum format)f, 50000);
    }
    /* f32 midpoints around random binary32 values. */
    for (int i = 0; i < 30000; i++) {
        uint32_t bits = (uint32_t)(random_next() % 0x7f7fffff); /* finite, below the largest */
        float low, high;
        memcpy(&low, &bits, sizeof low);
        bits++;
        memcpy(&high, &bits, sizeof high);
        check_rounding_around(FORMAT_F32, ((double)low + (double)high) / 2);
    }
    printf("rounding compared with MPFR: %lu f32, %lu f16, %lu bf16 doubles\n", rounding_checks[FORMAT_F32],
           rounding_checks[FORMAT_F16], rounding_checks[FORMAT_BF16]);

    check_ulp();
    for (int f = 0; f < FORMAT_COUNT; f++)
        check_storage_format((enum format)f);

    printf("%lu passed, %lu failed\n", passed, failed);
    return failed ? 1 : 0;
}
