/* Tests of the weighted references (reference/reference_weighted.h) against identities and
 * hand values, and of the weighted implementations (impls/reduce/weighted.h): accurate's
 * contract, the frameworks' documented behaviour, agreement with the unweighted kernels. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metric.h"
#include "reduce/weighted.h"
#include "reference.h"
#include "reference_weighted.h"
#include "registry.h"
#include "suites.h"
#include "test_common.h"

static const enum format formats[] = {FORMAT_F64, FORMAT_F32, FORMAT_F16, FORMAT_BF16};
static const double logits[] = {0.0,   1e-300, -1e-300, 1e-5, -1e-5, 0.1,  -0.1, 0.5,  -0.5,   0.99,   -1.0,
                                1.0,   2.0,    -2.0,    3.0,  -3.0,  10.0, -10.0, 16.0, -16.0, 17.0,   -17.0,
                                30.0,  -30.0,  88.0,    -88.0, 100.0, -100.0, 700.0, -700.0, 750.0, -750.0,
                                1e5,   -1e5,   1e10,    -1e10, 1.7e308, -1.7e308, 5e-324, -5e-324};
static const double targets[] = {0.0, 1.0, 0.5, 0.1, 0.9, 0.05, 0.95, 1 - 0x1p-24, 0x1p-24, 1 - 0x1p-53, 0.3};
static const double pos_weights[] = {0.01, 3.0, 100.0, 0.5};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The same exact value: the same rounding, the same ulp scale and the same y/ulp. */
static int same_exact(const struct exact_value *a, const struct exact_value *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == EXACT_NAN)
        return 1;
    if (a->rounded != b->rounded || signbit(a->rounded) != signbit(b->rounded))
        return 0;
    if (a->kind == EXACT_INFINITE)
        return 1;
    double scale = fmax(1.0, fabs(a->in_ulps_hi));
    return a->ulp_exponent == b->ulp_exponent &&
           fabs((a->in_ulps_hi - b->in_ulps_hi) + (a->in_ulps_lo - b->in_ulps_lo)) <= 1e-12 * scale;
}

typedef void weighted_reference_fn(enum format, double, double, const struct weighted_parameters *,
                                   struct exact_value *);

static void test_identities(void)
{
    int mismatches[6] = {0}, cases = 0;
    for (size_t f = 0; f < COUNT(formats); f++)
        for (size_t i = 0; i < COUNT(logits); i++)
            for (size_t j = 0; j < COUNT(targets); j++) {
                enum format format = formats[f];
                double x = round_to_format(format, logits[i]), z = round_to_format(format, targets[j]);
                struct exact_value plain, weighted, other;
                struct weighted_parameters one = {1.0, 1.0, 1};
                /* p = 1, w = d = 1: the unweighted references */
                reference_loss(format, x, z, &plain);
                reference_weighted_loss(format, x, z, &one, &weighted);
                mismatches[0] += !same_exact(&plain, &weighted);
                reference_grad(format, x, z, &plain);
                reference_weighted_grad(format, x, z, &one, &weighted);
                mismatches[1] += !same_exact(&plain, &weighted);
                cases++;
                for (size_t k = 0; k < COUNT(pos_weights); k++) {
                    double p = round_to_format(format, pos_weights[k]);
                    struct weighted_parameters weighted_p = {p, 1.0, 1}, as_weight = {1.0, p, 1},
                                               doubled = {p, 2.0, 2};
                    if (z == 0.0) { /* l_p(x, 0) = l(x, 0) and g_p(x, 0) = g(x, 0): q = 1, p z = 0 */
                        reference_loss(format, x, 0.0, &plain);
                        reference_weighted_loss(format, x, 0.0, &weighted_p, &weighted);
                        mismatches[2] += !same_exact(&plain, &weighted);
                        reference_grad(format, x, 0.0, &plain);
                        reference_weighted_grad(format, x, 0.0, &weighted_p, &weighted);
                        mismatches[2] += !same_exact(&plain, &weighted);
                    }
                    if (z == 1.0) { /* l_p(x, 1) = p l(x, 1), g_p(x, 1) = p g(x, 1): p as a weight */
                        reference_weighted_loss(format, x, 1.0, &weighted_p, &weighted);
                        reference_weighted_loss(format, x, 1.0, &as_weight, &other);
                        mismatches[3] += !same_exact(&weighted, &other);
                        reference_weighted_grad(format, x, 1.0, &weighted_p, &weighted);
                        reference_weighted_grad(format, x, 1.0, &as_weight, &other);
                        mismatches[3] += !same_exact(&weighted, &other);
                    }
                    /* a weight 2 with a divisor 2 changes nothing */
                    reference_weighted_loss(format, x, z, &weighted_p, &weighted);
                    reference_weighted_loss(format, x, z, &doubled, &other);
                    mismatches[4] += !same_exact(&weighted, &other);
                    reference_weighted_grad(format, x, z, &weighted_p, &weighted);
                    reference_weighted_grad(format, x, z, &doubled, &other);
                    mismatches[4] += !same_exact(&weighted, &other);
                }
            }
    CHECK(mismatches[0] == 0, "p = 1 loss = the unweighted reference: %d of %d differ", mismatches[0], cases);
    CHECK(mismatches[1] == 0, "p = 1 grad = the unweighted reference: %d of %d differ", mismatches[1], cases);
    CHECK(mismatches[2] == 0, "l_p(x,0) = l(x,0), g_p(x,0) = g(x,0): %d differ", mismatches[2]);
    CHECK(mismatches[3] == 0, "l_p(x,1) = p l(x,1), g_p(x,1) = p g(x,1): %d differ", mismatches[3]);
    CHECK(mismatches[4] == 0, "weight 2 / divisor 2 = weight 1: %d differ", mismatches[4]);

    /* p = 4 at z = 1 multiplies by a power of two: the rounded value is 4 times the unweighted
     * one, where that is normal and finite */
    int wrong = 0;
    for (size_t i = 0; i < COUNT(logits); i++) {
        double x = round_to_format(FORMAT_F32, logits[i]);
        struct exact_value plain, weighted;
        struct weighted_parameters four = {4.0, 1.0, 1};
        reference_loss(FORMAT_F32, x, 1.0, &plain);
        reference_weighted_loss(FORMAT_F32, x, 1.0, &four, &weighted);
        if (isfinite(4 * plain.rounded) && fabs(plain.rounded) > 0x1p-120 && 4 * plain.rounded < 0x1p127 &&
            weighted.rounded != 4 * plain.rounded)
            wrong++;
    }
    CHECK(wrong == 0, "l_4(x,1) = 4 l(x,1) in f32: %d wrong", wrong);
}

static void test_hand_values(void)
{
    struct exact_value y;
    /* l_3(0, 1) = 3 log 2 = 2.079441541679835928... (mpmath) = 0x1.0a2b23f3bab73p+1 in f64 */
    struct weighted_parameters three = {3.0, 1.0, 1};
    reference_weighted_loss(FORMAT_F64, 0.0, 1.0, &three, &y);
    CHECK(y.rounded == 0x1.0a2b23f3bab73p+1, "l_3(0,1) = 3 log 2: %a", y.rounded);
    /* l_3(2, 1/2): q = 1/2 + 3/2 = 2, a = 2 (1/2) = 1, l = 1 + 2 log1p(e^-2)
     * = 1.253856022085944992887... = 0x1.40fcb550c0752p+0 */
    reference_weighted_loss(FORMAT_F64, 2.0, 0.5, &three, &y);
    CHECK(y.rounded == 0x1.40fcb550c0752p+0, "l_3(2,1/2): %a", y.rounded);
    /* g_3(2, 1/2) = q sigmoid(2) - p z = 2 sigmoid(2) - 3/2 = 0.26159415595576488811...
     * = 0x1.0bdf56a29e729p-2 */
    reference_weighted_grad(FORMAT_F64, 2.0, 0.5, &three, &y);
    CHECK(y.rounded == 0x1.0bdf56a29e729p-2, "g_3(2,1/2): %a", y.rounded);
    /* limits: l_p(-inf, z > 0) = +inf, l_p(+inf, 1) = 0, g_p(-inf, z) = -p z w */
    reference_weighted_loss(FORMAT_F32, -INFINITY, 0.5, &three, &y);
    CHECK(y.kind == EXACT_INFINITE && y.rounded == INFINITY, "l_3(-inf, 1/2) = inf");
    reference_weighted_loss(FORMAT_F32, INFINITY, 1.0, &three, &y);
    CHECK(y.kind == EXACT_FINITE && y.rounded == 0.0, "l_3(+inf, 1) = 0");
    reference_weighted_grad(FORMAT_F32, -INFINITY, 0.5, &three, &y);
    CHECK(y.rounded == -1.5, "g_3(-inf, 1/2) = -3/2");
    /* an exact divisor that makes the value non-dyadic: g_1(+inf, 0) / 3 = 1/3 */
    struct weighted_parameters third = {1.0, 1.0, 3};
    reference_weighted_grad(FORMAT_F32, INFINITY, 0.0, &third, &y);
    CHECK(y.rounded == (double)(1.0f / 3.0f), "1/3 correctly rounded: %a", y.rounded);
    reference_weighted_loss(FORMAT_F32, NAN, 0.5, &three, &y);
    CHECK(y.kind == EXACT_NAN, "NaN in, NaN out");
}

/* p and w rounded to the format, out of line: GCC 12.2 at -O2 (jump threading) was seen to
 * return round_to_format(FORMAT_F32, 0.01) unrounded when this was inlined in max_ulp below
 * (correct at -O0, with -fno-thread-jumps and with clang; UBSan silent). */
__attribute__((noinline)) static double format_value(enum format format, double v)
{
    return round_to_format(format, v);
}

/* Every point of the quick suite, hard and soft targets, for each p and w: the maximum ULP
 * error of an implementation against the references. */
static double max_ulp(const struct weighted_implementation *impl, enum format format, enum function function,
                      double worst_input[4])
{
    static const double ps[] = {0.01, 1.0, 3.0, 100.0}, ws[] = {1.0, 0.3};
    double worst = 0.0;
    worst_input[0] = worst_input[1] = worst_input[2] = worst_input[3] = NAN;
    for (int t = 0; t < 2; t++) {
        struct point_list list;
        suite_points(suite_from_name("quick"), format, t == 0 ? TARGETS_HARD : TARGETS_SOFT, 1, 10000, &list);
        size_t bytes = (size_t)format_info[format].storage_bytes;
        unsigned char *x = malloc(list.count * bytes), *z = malloc(list.count * bytes), *w = malloc(list.count * bytes),
                      *out = malloc(list.count * bytes);
        for (size_t p = 0; p < COUNT(ps); p++)
            for (size_t k = 0; k < COUNT(ws); k++) {
                double pos_weight = format_value(format, ps[p]), weight = format_value(format, ws[k]);
                if (format == FORMAT_F32 && ps[p] == 0.01 && pos_weight == 0.01)
                    CHECK(0, "p = 0.01 was not rounded to f32 (a miscompilation)");
                for (size_t i = 0; i < list.count; i++) {
                    storage_store(format, x, i, list.points[i].x);
                    storage_store(format, z, i, list.points[i].z);
                    storage_store(format, w, i, weight);
                }
                impl->kernels[format][function](list.count, x, z, w, pos_weight, out);
                struct weighted_parameters parameters = {pos_weight, weight, 1};
                for (size_t i = 0; i < list.count; i++) {
                    struct exact_value y;
                    if (function == FUNCTION_LOSS)
                        reference_weighted_loss(format, list.points[i].x, list.points[i].z, &parameters, &y);
                    else
                        reference_weighted_grad(format, list.points[i].x, list.points[i].z, &parameters, &y);
                    struct measurement m = measure(&y, storage_load(format, out, i));
                    if (!(m.ulp_error <= worst)) {
                        worst = m.ulp_error;
                        worst_input[0] = list.points[i].x;
                        worst_input[1] = list.points[i].z;
                        worst_input[2] = pos_weight;
                        worst_input[3] = weight;
                    }
                }
            }
        free(x);
        free(z);
        free(w);
        free(out);
        point_list_free(&list);
    }
    return worst;
}

static void test_implementations(void)
{
    const struct weighted_implementation *accurate = weighted_find("accurate");
    CHECK(accurate && weighted_find("pytorch") && weighted_find("pytorch-legacy") && weighted_find("tensorflow"),
          "the registry has accurate, pytorch, pytorch-legacy, tensorflow");
    if (!accurate)
        return;
    for (int f = 0; f < 2; f++)
        for (int fn = 0; fn < FUNCTION_COUNT; fn++) {
            enum format format = f == 0 ? FORMAT_F64 : FORMAT_F32;
            double input[4], worst = max_ulp(accurate, format, (enum function)fn, input);
            double contract = accurate->contract[format][fn];
            CHECK(contract > 0 && worst <= contract,
                  "accurate %s %s within %g ulp on the quick suite: %g at x = %a, z = %a, p = %a, w = %a",
                  format_info[format].name, function_name[fn], contract, worst, input[0], input[1], input[2],
                  input[3]);
        }

    /* the frameworks' documented behaviour, f32 */
    const struct weighted_implementation *pytorch = weighted_find("pytorch"), *legacy = weighted_find("pytorch-legacy"),
                                         *tensorflow = weighted_find("tensorflow");
    float x, z, w = 1.0f, out;
    x = -16.0f, z = 0.0f;
    pytorch->kernels[FORMAT_F32][FUNCTION_LOSS](1, &x, &z, &w, 3.0, &out);
    CHECK(out == 0.0f, "pytorch f32 loss at x = -16, z = 0, p = 3 is 0 (true 1.1e-7): %a", out);
    x = 17.0f, z = 1.0f;
    legacy->kernels[FORMAT_F32][FUNCTION_LOSS](1, &x, &z, &w, 3.0, &out);
    CHECK(out == 0.0f, "pytorch-legacy f32 loss at x = 17, z = 1 is 0 (true 3 * 4.1e-8): %a", out);
    x = 0.0f, z = 0.5f;
    tensorflow->kernels[FORMAT_F32][FUNCTION_GRAD](1, &x, &z, &w, 1.0, &out);
    CHECK(out == 0.5f, "tensorflow f32 grad at x = 0, z = 1/2, p = 1 is 1 - z = 0.5 (true 0): %a", out);
    x = -20.0f, z = 0.0f;
    tensorflow->kernels[FORMAT_F32][FUNCTION_GRAD](1, &x, &z, &w, 3.0, &out);
    CHECK(out == 0.0f, "tensorflow f32 grad at x = -20, z = 0 is 0 (true 2.1e-9): %a", out);
    accurate->kernels[FORMAT_F32][FUNCTION_GRAD](1, &x, &z, &w, 3.0, &out);
    CHECK(out == (float)(1.0 / (1.0 + exp(20.0))), "accurate f32 grad at x = -20, z = 0: sigmoid(-20) = %a", out);

    /* pytorch and tensorflow compute the same loss operation for operation; with p = 1 and
     * w = 1 pytorch's weighted loss is the registry's unweighted `pytorch` */
    const struct implementation *unweighted = implementation_find("pytorch");
    for (int f = 0; f < 2; f++) {
        enum format format = f == 0 ? FORMAT_F64 : FORMAT_F32;
        struct point_list list;
        suite_points(suite_from_name("quick"), format, TARGETS_ALL, 1, 10000, &list);
        size_t bytes = (size_t)format_info[format].storage_bytes, n = list.count;
        unsigned char *xs = malloc(n * bytes), *zs = malloc(n * bytes), *ws = malloc(n * bytes),
                      *a = malloc(n * bytes), *b = malloc(n * bytes);
        for (size_t i = 0; i < n; i++) {
            storage_store(format, xs, i, list.points[i].x);
            storage_store(format, zs, i, list.points[i].z);
            storage_store(format, ws, i, 0.3);
        }
        int differ = 0;
        for (size_t p = 0; p < COUNT(pos_weights); p++) {
            pytorch->kernels[format][FUNCTION_LOSS](n, xs, zs, ws, round_to_format(format, pos_weights[p]), a);
            tensorflow->kernels[format][FUNCTION_LOSS](n, xs, zs, ws, round_to_format(format, pos_weights[p]), b);
            for (size_t i = 0; i < n; i++) {
                double u = storage_load(format, a, i), v = storage_load(format, b, i);
                differ += !(u == v || (isnan(u) && isnan(v)));
            }
        }
        CHECK(differ == 0, "%s: pytorch and tensorflow weighted losses bit for bit: %d differ",
              format_info[format].name, differ);
        for (size_t i = 0; i < n; i++)
            storage_store(format, ws, i, 1.0);
        pytorch->kernels[format][FUNCTION_LOSS](n, xs, zs, ws, 1.0, a);
        unweighted->kernels[format][MODE_NATIVE].loss(n, xs, zs, b);
        differ = 0;
        for (size_t i = 0; i < n; i++) {
            double u = storage_load(format, a, i), v = storage_load(format, b, i);
            differ += !(u == v || (isnan(u) && isnan(v)));
        }
        CHECK(differ == 0, "%s: pytorch with p = 1, w = 1 = the unweighted pytorch: %d differ",
              format_info[format].name, differ);
        free(xs);
        free(zs);
        free(ws);
        free(a);
        free(b);
        point_list_free(&list);
    }
}

int main(void)
{
    test_identities();
    test_hand_values();
    test_implementations();
    return test_summary();
}
