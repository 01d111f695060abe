/* deep_triple.h: the gradient of one f64 point in triple-binary64 (about 150 bits), for the
 * points where the double-double of deep.h cannot settle it: s(x) and z agreeing to more than
 * about 40 bits (z = s(x) rounded to binary64 is the natural case: the gradient is then 2^-54
 * of s(x) and double-double's 2^-104 leaves up to 4 ulp; measured before this file existed).
 *
 *   g = (1/2 - z) + tanh(x/2)/2,  tanh(x/2) = -+ M/(M + 2), M = expm1(-|x|)   for |x| < 1
 *   g = ([x >= 0] - z) -+ e/(1 + e),  e = 2^k (1 + M), M = expm1(r)             for |x| >= 1,
 *       r = -|x| - k ln2, k = round(-|x|/ln2), ln2 in four parts (the first with 42 bits, so
 *       that k ln2 is exact to 2^-200)
 *   expm1(r) by its Taylor series at r/256 (terms to the 15th: below 2^-160) and eight
 *   doublings expm1(2u) = expm1(u) (expm1(u) + 2), which keep the relative accuracy; every
 *   operation in triple words renormalised by three passes of VecSum (Ogita, Rump, Oishi), so
 *   each is good to about 2^-155 and the result to about 2^-150 of the sigmoid term.
 * With that, an f64 gradient is within 1 ulp wherever z and s(x) differ before their 97th
 * bit.  Hundreds of binary64 operations: the rarest of the rare paths.
 *
 * Included by deep.h (its binary64 operations). */
#ifndef SCEBENCH_DEEP_TRIPLE_H
#define SCEBENCH_DEEP_TRIPLE_H

typedef struct {
    double word[3];
} triple;

DEEP_FUNCTION triple triple_make(double a, double b, double c)
{
    triple t;
    t.word[0] = a;
    t.word[1] = b;
    t.word[2] = c;
    return t;
}

/* The sum of terms[0..count) (count <= 12) as a renormalised triple: three VecSum passes
 * leave the terms sorted into non-overlapping words, the first the rounded sum. */
DEEP_FUNCTION triple triple_from_terms(double *terms, int count)
{
    for (int pass = 0; pass < 3; pass++) {
        double sum = terms[count - 1];
        for (int i = count - 2; i >= 0; i--) {
            double_double s = dd_two_sum(terms[i], sum);
            sum = s.hi;
            terms[i + 1] = s.lo;
        }
        terms[0] = sum;
    }
    double rest = 0.0;
    for (int i = count - 1; i >= 2; i--)
        rest = deep_add(rest, terms[i]);
    double_double low = dd_two_sum(terms[1], rest);
    return triple_make(terms[0], low.hi, low.lo);
}

DEEP_FUNCTION triple triple_add(triple a, triple b)
{
    double terms[6] = {a.word[0], b.word[0], a.word[1], b.word[1], a.word[2], b.word[2]};
    return triple_from_terms(terms, 6);
}

DEEP_FUNCTION triple triple_negate(triple a) { return triple_make(-a.word[0], -a.word[1], -a.word[2]); }

DEEP_FUNCTION triple triple_multiply(triple a, triple b)
{
    double terms[9];
    int count = 0;
    /* the products of order 0 and 1 exactly (FMA), order 2 rounded (2^-159 of the result) */
    double p00 = deep_multiply(a.word[0], b.word[0]), p01 = deep_multiply(a.word[0], b.word[1]);
    double p10 = deep_multiply(a.word[1], b.word[0]);
    terms[count++] = p00;
    terms[count++] = deep_fma(a.word[0], b.word[0], -p00);
    terms[count++] = p01;
    terms[count++] = p10;
    terms[count++] = deep_fma(a.word[0], b.word[1], -p01);
    terms[count++] = deep_fma(a.word[1], b.word[0], -p10);
    terms[count++] = deep_multiply(a.word[0], b.word[2]);
    terms[count++] = deep_multiply(a.word[1], b.word[1]);
    terms[count++] = deep_multiply(a.word[2], b.word[0]);
    return triple_from_terms(terms, count);
}

DEEP_FUNCTION triple triple_divide(triple a, triple b)
{
    double digits[4];
    triple remainder = a;
    for (int k = 0; k < 4; k++) {
        digits[k] = deep_divide(remainder.word[0], b.word[0]);
        remainder = triple_add(remainder, triple_negate(triple_multiply(b, triple_make(digits[k], 0.0, 0.0))));
    }
    return triple_from_terms(digits, 4);
}

/* expm1(r), |r| <= 1. */
DEEP_FUNCTION triple triple_expm1(triple r)
{
    const double inverse_factorial[14][3] = {
        {0x1.0000000000000p-1, 0x0.0p+0, 0x0.0p+0},
        {0x1.5555555555555p-3, 0x1.5555555555555p-57, 0x1.5555555555555p-111},
        {0x1.5555555555555p-5, 0x1.5555555555555p-59, 0x1.5555555555555p-113},
        {0x1.1111111111111p-7, 0x1.1111111111111p-63, 0x1.1111111111111p-119},
        {0x1.6c16c16c16c17p-10, -0x1.f49f49f49f49fp-65, -0x1.27d27d27d27d2p-119},
        {0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-73, 0x1.a01a01a01a01ap-133},
        {0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76, 0x1.a01a01a01a01ap-136},
        {0x1.71de3a556c734p-19, -0x1.c154f8ddc6c00p-73, 0x1.71de3a556c734p-127},
        {0x1.27e4fb7789f5cp-22, 0x1.cbbc05b4fa99ap-76, -0x1.c6d278883e8f5p-132},
        {0x1.ae64567f544e4p-26, -0x1.c062e06d1f209p-80, 0x1.c7880adcbc46ep-136},
        {0x1.1eed8eff8d898p-29, -0x1.2aec959e14c06p-83, 0x1.2fb0073dd2d9ep-139},
        {0x1.6124613a86d09p-33, 0x1.f28e0cc748ebep-87, -0x1.7b2c4c8a840bcp-141},
        {0x1.93974a8c07c9dp-37, 0x1.05d6f8a2efd1fp-92, 0x1.3aa3346236a5dp-147},
        {0x1.ae7f3e733b81fp-41, 0x1.1d8656b0ee8cbp-97, -0x1.6e142a138f825p-157},
    };
    /* u = r / 256 exactly */
    triple u = triple_make(ldexp(r.word[0], -8), ldexp(r.word[1], -8), ldexp(r.word[2], -8));
    triple sum = triple_make(inverse_factorial[13][0], inverse_factorial[13][1], inverse_factorial[13][2]);
    for (int n = 12; n >= 0; n--)
        sum = triple_add(triple_multiply(sum, u),
                         triple_make(inverse_factorial[n][0], inverse_factorial[n][1], inverse_factorial[n][2]));
    triple m = triple_add(u, triple_multiply(triple_multiply(u, u), sum));
    for (int doubling = 0; doubling < 8; doubling++)
        m = triple_multiply(m, triple_add(m, triple_make(2.0, 0.0, 0.0)));
    return m;
}

/* g(x, z) for finite x, z in [0, 1], f64 (the caller has taken the rest). */
DEEP_NOINLINE double deep_gradient_triple(double x, double z)
{
    double t = fabs(x);
    if (t < 1.0) {
        triple m = triple_expm1(triple_make(-t, 0.0, 0.0));
        triple half_tanh = triple_divide(m, triple_add(m, triple_make(2.0, 0.0, 0.0)));
        half_tanh = triple_make(0.5 * half_tanh.word[0], 0.5 * half_tanh.word[1], 0.5 * half_tanh.word[2]);
        double_double a = dd_two_sum(0.5, -z);
        triple b = x >= 0 ? triple_negate(half_tanh) : half_tanh;
        return triple_add(triple_make(a.hi, a.lo, 0.0), b).word[0];
    }
    const double inverse_ln2 = 0x1.71547652b82fep+0;
    const double part1 = 0x1.62e42fefa3800p-1, part2 = 0x1.ef35793c76730p-45, part3 = 0x1.f97b57a079a19p-103,
                 part4 = 0x1.9ca62d8b62834p-158;
    double k = rint(deep_multiply(-t, inverse_ln2));
    /* r = -t - k ln2: -t - k part1 exact (k part1 exact, Sterbenz), the rest as products */
    double p2 = deep_multiply(k, part2), p3 = deep_multiply(k, part3);
    double terms[7] = {deep_subtract(-t, deep_multiply(k, part1)), -p2, -deep_fma(k, part2, -p2), -p3,
                       -deep_fma(k, part3, -p3), -deep_multiply(k, part4), 0.0};
    triple r = triple_from_terms(terms, 7);
    triple m = triple_expm1(r);
    int exponent = (int)k;
    triple mantissa = triple_add(triple_make(1.0, 0.0, 0.0), m);
    triple e = triple_make(ldexp(mantissa.word[0], exponent), ldexp(mantissa.word[1], exponent),
                           ldexp(mantissa.word[2], exponent));
    triple sigmoid = triple_divide(e, triple_add(triple_make(1.0, 0.0, 0.0), e));
    double_double a = dd_two_sum(x >= 0 ? 1.0 : 0.0, -z);
    triple b = x >= 0 ? triple_negate(sigmoid) : sigmoid;
    return triple_add(triple_make(a.hi, a.lo, 0.0), b).word[0];
}

#endif
