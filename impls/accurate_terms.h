/* The arithmetic of `accurate`, written once over a wide type and included once per type
 * (accurate_terms_all.h): double for f32/f16/bf16, long double for f64, __float128 for the
 * rare points where the first try cannot guarantee the contract.
 *
 * Before including, define (this file undefines them at its end, for the next type):
 *   WIDE                    the type
 *   WIDE_EXP, WIDE_LOG1P, WIDE_TANH, WIDE_FABS, WIDE_NEXTAFTER   its functions
 *   WIDE_RELATIVE_ERROR     a bound on the relative error of each term below, in WIDE
 *   WIDE_NAME(name)         name##_suffix
 *
 * Both functions are split into y = a + b: `a` exact (or rounded once with no cancellation
 * possible) and `b` the transcendental part, so that every cancellation happens in one final
 * addition, whose rounding is replaced by rounding to odd: the last bit of the wide sum is set
 * when the sum was inexact, so that its later rounding to a narrower format (at least two bits
 * narrower) is the correct rounding of the wide sum, never a double rounding. */

/* loss: a = x*(1-z) >= 0, b = log1p(exp(-|x|)) > 0.  1-z is exact for z >= 1/2 (Sterbenz);
 * below 1/2, x - x*z does not cancel. */
static void WIDE_NAME(loss_terms)(double x, double z, WIDE *a, WIDE *b)
{
    WIDE wide_x = x, wide_z = z;
    if (x >= 0)
        *a = z >= 0.5 ? wide_x * (1 - wide_z) : wide_x - wide_x * wide_z;
    else
        *a = -wide_x * wide_z;
    *b = WIDE_LOG1P(WIDE_EXP(-WIDE_FABS(wide_x)));
}

/* grad: sigmoid(x) - z as (1/2 - z) + tanh(x/2)/2 below |x| = 1, where tanh keeps the
 * relative accuracy of tiny x; beyond, (1 - z) - e/(1+e) or -z + e/(1+e) with e = exp(-|x|),
 * which never forms 1 - e/(1+e) and so keeps sigmoid(-x) to full relative accuracy. */
static void WIDE_NAME(grad_terms)(double x, double z, WIDE *a, WIDE *b)
{
    WIDE wide_x = x, wide_z = z;
    if (fabs(x) < 1.0) {
        *a = (WIDE)0.5 - wide_z;
        *b = WIDE_TANH(wide_x / 2) / 2;
        return;
    }
    WIDE e = WIDE_EXP(-WIDE_FABS(wide_x));
    WIDE sigmoid_of_minus_abs = e / (1 + e);
    *a = x > 0 ? 1 - wide_z : -wide_z;
    *b = x > 0 ? -sigmoid_of_minus_abs : sigmoid_of_minus_abs;
}

/* The last bit of the significand.  On x86-64 (little-endian) the first 8 bytes of a double,
 * an x87 long double and a __float128 all end with the significand's lowest bits. */
static int WIDE_NAME(last_bit)(WIDE v)
{
    uint64_t low;
    memcpy(&low, &v, sizeof low);
    return (int)(low & 1);
}

/* a + b rounded to odd: the exact error of the rounded sum (Knuth's two-sum) tells whether
 * the sum was exact and on which side the exact value lies; an inexact sum with an even last
 * bit moves one ulp toward the exact value. */
static WIDE WIDE_NAME(sum_to_odd)(WIDE a, WIDE b)
{
    WIDE sum = a + b;
    WIDE b_part = sum - a;
    WIDE error = (a - (sum - b_part)) + (b - b_part);
    if (error == 0 || sum - sum != 0 || WIDE_NAME(last_bit)(sum)) /* exact, infinite, or odd */
        return sum;
    return WIDE_NEXTAFTER(sum, error > 0 ? (WIDE)INFINITY : -(WIDE)INFINITY);
}

/* Rounds the sum a + b for the format.  For f64 the result is the double nearest to the
 * sum rounded to odd; for the narrower formats it is the sum rounded to odd in double, for
 * the caller's one rounding to nearest.  Returns whether the error bound guarantees the
 * result within `margin` ulp of the format beyond the final rounding's half ulp. */
static int WIDE_NAME(finish)(WIDE a, WIDE b, enum format format, double margin, double *result)
{
    WIDE sum = WIDE_NAME(sum_to_odd)(a, b);
    WIDE bound = WIDE_RELATIVE_ERROR * (WIDE_FABS(a) + WIDE_FABS(b));
    double rounded = (double)sum;
    if (format != FORMAT_F64 && (WIDE)rounded != sum && !isinf(rounded)) {
        /* to odd again, now to 53 bits: composing roundings to odd is rounding to odd */
        double toward = (WIDE)rounded < sum ? INFINITY : -INFINITY;
        if ((double_bits(rounded) & 1) == 0)
            rounded = nextafter(rounded, toward);
    }
    *result = rounded;
    return bound <= (WIDE)(margin * format_ulp(format, rounded));
}

#undef WIDE
#undef WIDE_NAME
#undef WIDE_EXP
#undef WIDE_LOG1P
#undef WIDE_TANH
#undef WIDE_FABS
#undef WIDE_NEXTAFTER
#undef WIDE_RELATIVE_ERROR
