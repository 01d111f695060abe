/* Pieces shared by the MPFR Ziv loops (see reference_ziv.h for what each computes and its
 * error bound). */
#include "reference_ziv.h"

#include <math.h>

mpfr_exp_t reference_log1p_exp(mpfr_t b, double t, mpfr_prec_t w)
{
    mpfr_set_prec(b, w);
    mpfr_set_d(b, -t, MPFR_RNDN);
    mpfr_exp(b, b, MPFR_RNDN);
    mpfr_log1p(b, b, MPFR_RNDN);
    return mpfr_get_exp(b) + 1 - (mpfr_exp_t)w;
}

mpfr_exp_t reference_sigmoid_term(mpfr_t b, double x, mpfr_prec_t w)
{
    mpfr_set_prec(b, w);
    if (fabs(x) < 1.0) {
        mpfr_set_d(b, x, MPFR_RNDN);
        mpfr_div_2ui(b, b, 1, MPFR_RNDN);
        mpfr_tanh(b, b, MPFR_RNDN);
        mpfr_div_2ui(b, b, 1, MPFR_RNDN);
        return mpfr_get_exp(b) - (mpfr_exp_t)w;
    }
    mpfr_t denominator;
    mpfr_init2(denominator, w);
    mpfr_set_d(b, -fabs(x), MPFR_RNDN);
    mpfr_exp(b, b, MPFR_RNDN);
    mpfr_add_ui(denominator, b, 1, MPFR_RNDN);
    mpfr_div(b, b, denominator, MPFR_RNDN);
    if (x > 0.0)
        mpfr_neg(b, b, MPFR_RNDN);
    mpfr_clear(denominator);
    return mpfr_get_exp(b) + 3 - (mpfr_exp_t)w;
}

void reference_round_interval(enum format format, const mpfr_t y, mpfr_exp_t error_exponent,
                              double (*round)(enum format, const mpfr_t), double *round_low,
                              double *round_high)
{
    mpfr_exp_t lowest = mpfr_get_exp(y) - (mpfr_exp_t)mpfr_get_prec(y);
    if (error_exponent < lowest)
        lowest = error_exponent;
    mpfr_prec_t bits = (mpfr_prec_t)(mpfr_get_exp(y) + 2 - lowest); /* y +- 2^e exactly */
    mpfr_t low, high, step;
    mpfr_init2(low, bits);
    mpfr_init2(high, bits);
    mpfr_set(low, y, MPFR_RNDN);
    mpfr_set(high, y, MPFR_RNDN);
    mpfr_init2(step, 2);
    mpfr_set_ui_2exp(step, 1, error_exponent, MPFR_RNDN);
    mpfr_sub(low, low, step, MPFR_RNDN); /* exact: enough bits */
    mpfr_add(high, high, step, MPFR_RNDN);
    *round_low = round(format, low);
    *round_high = round(format, high);
    mpfr_clears(low, high, step, (mpfr_ptr)0);
}

void reference_set_in_ulps(enum format format, long floor_log2, const mpfr_t y, struct exact_value *out)
{
    const struct format_info *info = &format_info[format];
    long exponent = (floor_log2 > info->emin ? floor_log2 : info->emin) - info->precision + 1;
    mpfr_t scaled;
    mpfr_init2(scaled, mpfr_get_prec(y));
    mpfr_mul_2si(scaled, y, -exponent, MPFR_RNDN); /* exact */
    out->in_ulps_hi = mpfr_get_d(scaled, MPFR_RNDN);
    mpfr_sub_d(scaled, scaled, out->in_ulps_hi, MPFR_RNDN);
    out->in_ulps_lo = mpfr_get_d(scaled, MPFR_RNDN);
    if (out->in_ulps_lo == 0.0 && !mpfr_zero_p(scaled))
        out->tiny_sign = mpfr_sgn(scaled); /* a remainder below the doubles' range */
    out->ulp_exponent = (int)exponent;
    mpfr_clear(scaled);
}
