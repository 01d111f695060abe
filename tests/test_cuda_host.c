/* cuda-accurate-host (the CUDA kernels' arithmetic on the CPU), beyond the sweeps' contract
 * checks:
 *   1. the deepest cancellation of the gradient: z = s(x) correctly rounded to the format, and
 *      its neighbours 1 and 2 ulp away, for random x in [-40, 40] (a third with |x| < 1, some
 *      tiny), in f64 and f32, against MPFR: within the contract (this is where the rare path's
 *      double-double, then triple-double for f64, is taken; before the triple words, f64
 *      measured 4.35 ulp at x = -0x1.0b030ac283c78p+4, z = s(x) rounded);
 *   2. fused == (loss, grad) bit for bit and mean == the mean of the stored losses, on random
 *      arrays with special values, in every format;
 *   3. softplus_table.h's entries, each the correctly rounded value, against MPFR: the binary64
 *      table at every 7th k, the f16 and bf16 tables at every pattern. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "metric.h"
#include "reference.h"
#include "registry.h"
#include "softplus_table.h"
#include "storage.h"
#include "test_common.h"

static uint64_t random_state = 0x2545f4914f6cdd1du;

static double random_unit(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return (double)(random_state >> 11) * 0x1p-53;
}

static double random_logit(int i)
{
    double sign = random_unit() < 0.5 ? -1.0 : 1.0;
    if (i % 3 == 0)
        return sign * ldexp(random_unit(), -(int)(random_unit() * 40)); /* |x| < 1, some tiny */
    return sign * (1.0 + 39.0 * random_unit());
}

/* The format's neighbour of v, k steps up (k may be negative). */
static double step_in_format(enum format format, double v, int k)
{
    for (; k > 0; k--)
        v = format == FORMAT_F64 ? nextafter(v, INFINITY) : (double)nextafterf((float)v, INFINITY);
    for (; k < 0; k++)
        v = format == FORMAT_F64 ? nextafter(v, -INFINITY) : (double)nextafterf((float)v, -INFINITY);
    return v;
}

static void check_cancellation(const struct implementation *twin, enum format format)
{
    enum { LOGITS = 2000, NEIGHBOURS = 5 };
    size_t bytes = (size_t)format_info[format].storage_bytes, n = LOGITS * NEIGHBOURS;
    unsigned char *x = malloc(n * bytes), *z = malloc(n * bytes), *out = malloc(n * bytes);
    for (int i = 0; i < LOGITS; i++) {
        double xi = round_to_format(format, random_logit(i));
        struct exact_value sigmoid;
        reference_grad(format, xi, 0.0, &sigmoid); /* s(x) - 0, rounded to the format */
        for (int k = 0; k < NEIGHBOURS; k++) {
            double zi = step_in_format(format, sigmoid.rounded, k - NEIGHBOURS / 2);
            storage_store(format, x, (size_t)(i * NEIGHBOURS + k), xi);
            storage_store(format, z, (size_t)(i * NEIGHBOURS + k), fmin(fmax(zi, 0.0), 1.0));
        }
    }
    implementation_kernel(twin, format, MODE_INTERNAL, FUNCTION_GRAD)(n, x, z, out);
    double worst = 0.0, worst_x = 0.0, worst_z = 0.0;
    for (size_t i = 0; i < n; i++) {
        double xi = storage_load(format, x, i), zi = storage_load(format, z, i);
        struct exact_value exact;
        reference_grad(format, xi, zi, &exact);
        struct measurement error = measure(&exact, storage_load(format, out, i));
        if (!(error.ulp_error <= worst)) {
            worst = error.ulp_error;
            worst_x = xi;
            worst_z = zi;
        }
    }
    double contract = twin->contract[format][FUNCTION_GRAD];
    CHECK(worst <= contract, "%s grad at z = s(x) rounded and neighbours: %g ulp at x %a z %a (contract %g)",
          format_info[format].name, worst, worst_x, worst_z, contract);
    printf("%s grad, z = s(x) +- 2 ulp: max %.4f ulp at x %a z %a\n", format_info[format].name, worst, worst_x,
           worst_z);
    free(x), free(z), free(out);
}

static double special_or_random(enum format format, int i, int label)
{
    static const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 1e-30, -200.0, 90.0, 2.0, -1.0};
    if (i % 17 == 0)
        return round_to_format(format, specials[(i / 17) % 10]);
    return round_to_format(format, label ? random_unit() : random_logit(i));
}

static void check_fused_and_mean(const struct implementation *twin, enum format format)
{
    size_t n = 4099, bytes = (size_t)format_info[format].storage_bytes;
    unsigned char *x = malloc(n * bytes), *z = malloc(n * bytes);
    unsigned char *loss = malloc(n * bytes), *grad = malloc(n * bytes), *fused_loss = malloc(n * bytes),
                  *fused_grad = malloc(n * bytes);
    for (size_t i = 0; i < n; i++) {
        storage_store(format, x, i, special_or_random(format, (int)i, 0));
        storage_store(format, z, i, special_or_random(format, (int)(i / 3), 1));
    }
    const struct kernel_set *set = &twin->kernels[format][MODE_INTERNAL];
    set->loss(n, x, z, loss);
    set->grad(n, x, z, grad);
    set->fused(n, x, z, fused_loss, fused_grad);
    CHECK(memcmp(loss, fused_loss, n * bytes) == 0 && memcmp(grad, fused_grad, n * bytes) == 0,
          "%s: fused == loss, grad bit for bit", format_info[format].name);
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += storage_load(format, loss, i);
    double mean = set->mean(n, x, z), expected = total / (double)n;
    CHECK(memcmp(&mean, &expected, sizeof mean) == 0 || (isnan(mean) && isnan(expected)),
          "%s: mean %a == the mean of the stored losses %a", format_info[format].name, mean, expected);
    free(x), free(z), free(loss), free(grad), free(fused_loss), free(fused_grad);
}

/* softplus(-t) = log1p(e^-t) of a 16-bit table's patterns, rounded once to binary32. */
static size_t wrong_16bit_entries(const float *table, uint32_t last, double (*value_of)(uint16_t), mpfr_t work)
{
    size_t wrong = 0;
    for (uint32_t p = 0; p <= last; p++) {
        mpfr_set_d(work, -value_of((uint16_t)p), MPFR_RNDN);
        mpfr_exp(work, work, MPFR_RNDN);
        mpfr_log1p(work, work, MPFR_RNDN);
        if (mpfr_get_flt(work, MPFR_RNDN) != table[p] && wrong++ < 3)
            printf("  pattern 0x%04x: table %a, MPFR %a\n", (unsigned)p, table[p], mpfr_get_flt(work, MPFR_RNDN));
    }
    return wrong;
}

static void check_tables(void)
{
    mpfr_t c, work, one_plus_c;
    mpfr_inits2(256, c, work, one_plus_c, (mpfr_ptr)0);
    const struct softplus_binary64 *table = softplus_table64();
    size_t wrong = 0;
    for (int k = 0; k <= SOFTPLUS_TABLE_LAST; k += 7) {
        mpfr_set_si(c, -k, MPFR_RNDN);
        mpfr_div_ui(c, c, SOFTPLUS_TABLE_STEPS, MPFR_RNDN);
        mpfr_exp2(c, c, MPFR_RNDN); /* 2^(-k/64) */
        mpfr_log1p(work, c, MPFR_RNDN);
        wrong += mpfr_get_d(work, MPFR_RNDN) != table[k].log1p;
        mpfr_add_ui(one_plus_c, c, 1, MPFR_RNDN);
        mpfr_div(work, c, one_plus_c, MPFR_RNDN);
        wrong += mpfr_get_d(work, MPFR_RNDN) != table[k].sigmoid;
    }
    CHECK(wrong == 0, "binary64 table: log1p and sigmoid of 2^(-k/64) correctly rounded (%zu wrong)", wrong);
    wrong = wrong_16bit_entries(softplus_table_f16(), SOFTPLUS_F16_LAST, f16_to_double, work);
    CHECK(wrong == 0, "f16 table: softplus(-t) correctly rounded to binary32 at every pattern (%zu wrong)", wrong);
    wrong = wrong_16bit_entries(softplus_table_bf16(), SOFTPLUS_BF16_LAST, bf16_to_double, work);
    CHECK(wrong == 0, "bf16 table: softplus(-t) correctly rounded to binary32 at every pattern (%zu wrong)", wrong);
    mpfr_clears(c, work, one_plus_c, (mpfr_ptr)0);
}

int main(void)
{
    const struct implementation *twin = implementation_find("cuda-accurate-host");
    CHECK(twin != NULL, "cuda-accurate-host is registered");
    if (!twin)
        return test_summary();
    check_cancellation(twin, FORMAT_F64);
    check_cancellation(twin, FORMAT_F32);
    for (int f = 0; f < FORMAT_COUNT; f++)
        check_fused_and_mean(twin, (enum format)f);
    check_tables();
    return test_summary();
}
