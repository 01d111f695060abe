/* Tests of the caffe-layer (impls/reduce/caffe_layer.h) on small batches checked by hand:
 * ignore_label, the four normalizations with the clamp to at least 1, the gradient scaled by
 * loss_weight / normalizer, an all-ignored batch, and the target's cast to int. */
#include <math.h>
#include <string.h>

#include "reduce/caffe_layer.h"
#include "test_common.h"

/* Batch A, outer_num 2 x inner_num 3, ignore_label -1 on element 4:
 *   x = [0, 2, -2, 1, -1, 3],  z = [1, 0, 1, 0.5, -1, 1]
 * Exact losses l = max(x,0) - x z + log1p(exp(-|x|)) (mpmath, 200 bits):
 *   log 2, 2 + log1p(e^-2), 2 + log1p(e^-2), 0.5 + log1p(e^-1), (ignored), log1p(e^-3)
 *   sum = 5.808852241737855195112607
 * loss: FULL /6 = 0.9681420402896425325187679, VALID /5 = 1.161770448347571039022521,
 *       BATCH_SIZE /2 = 2.904426120868927597556304, NONE /1 = 5.808852241737855195112607
 * sigmoid(x) - z: -0.5, 0.8807970779778824440597291, -0.8807970779778824440597291,
 *       0.2310585786300048792511592, (ignored: 0), -0.04742587317756678087884815 */
static const double batch_x[6] = {0, 2, -2, 1, -1, 3};
static const double batch_z[6] = {1, 0, 1, 0.5, -1, 1};
static const double batch_sum = 5.808852241737855195112607;
static const double batch_grad[6] = {-0.5, 0.8807970779778824440597291, -0.8807970779778824440597291,
                                     0.2310585786300048792511592, 0.0, -0.04742587317756678087884815};

static int close_to(double got, double expected, double relative)
{
    return fabs(got - expected) <= relative * fabs(expected);
}

static void store(enum format format, void *array, const double *values, size_t n)
{
    for (size_t i = 0; i < n; i++)
        storage_store(format, array, i, values[i]);
}

static void test_batch(enum format format)
{
    /* Caffe's per-element formula in f64 is within a few ulps here (|x| <= 3); in f32 within
     * a few float ulps */
    double tolerance = format == FORMAT_F64 ? 1e-14 : 2e-6;
    const char *name = format_info[format].name;
    double x[6], z[6], diff[6]; /* room for either storage */
    store(format, x, batch_x, 6);
    store(format, z, batch_z, 6);
    static const double normalizers[CAFFE_NORMALIZATION_COUNT] = {6, 5, 2, 1};
    for (int norm = 0; norm < CAFFE_NORMALIZATION_COUNT; norm++) {
        struct caffe_layer_parameters parameters = {1, -1, (enum caffe_normalization)norm, 1.0};
        struct caffe_layer_output output;
        int status = caffe_layer_forward_backward(format, 2, 3, x, z, &parameters, diff, &output);
        CHECK(status == 0, "%s %s: runs", name, caffe_normalization_name[norm]);
        CHECK(output.valid_count == 5, "%s: 5 valid of 6", name);
        CHECK(output.normalizer == normalizers[norm], "%s %s: normalizer %g", name, caffe_normalization_name[norm],
              output.normalizer);
        CHECK(close_to(output.loss, batch_sum / normalizers[norm], tolerance), "%s %s: loss %.17g, expected %.17g",
              name, caffe_normalization_name[norm], output.loss, batch_sum / normalizers[norm]);
        for (int i = 0; i < 6; i++) {
            double got = storage_load(format, diff, (size_t)i), expected = batch_grad[i] / normalizers[norm];
            if (i == 4)
                CHECK(got == 0.0, "%s: the ignored element's gradient is exactly 0", name);
            else
                CHECK(close_to(got, expected, tolerance), "%s %s: diff[%d] %.17g, expected %.17g", name,
                      caffe_normalization_name[norm], i, got, expected);
        }
    }

    /* loss_weight 2 (the top diff) doubles the gradient, not the loss */
    struct caffe_layer_parameters weighted = {1, -1, CAFFE_NORMALIZATION_VALID, 2.0};
    struct caffe_layer_output output;
    caffe_layer_forward_backward(format, 2, 3, x, z, &weighted, diff, &output);
    CHECK(close_to(output.loss, batch_sum / 5, tolerance), "%s: loss_weight leaves the loss alone", name);
    CHECK(close_to(storage_load(format, diff, 1), 2 * batch_grad[1] / 5, tolerance), "%s: diff scaled by 2/5", name);

    /* without ignore_label, z = -1 is an ordinary (out-of-range) target: all six count */
    struct caffe_layer_parameters no_ignore = {0, -1, CAFFE_NORMALIZATION_VALID, 1.0};
    caffe_layer_forward_backward(format, 2, 3, x, z, &no_ignore, diff, &output);
    /* l(-1, -1) = 0 + (-1)(-(-1))... = max(-1,0) - (-1)(-1) + log1p(e^-1) = -1 + 0.3132616875182228 */
    double sixth = -1.0 + 0.31326168751822283405;
    CHECK(output.valid_count == 6 && output.normalizer == 6.0, "%s: no ignore label: 6 valid", name);
    CHECK(close_to(output.loss, (batch_sum + sixth) / 6, tolerance), "%s: no ignore label: loss %.17g", name,
          output.loss);
    /* sigmoid(-1) - (-1) = 1.2689414213699951207 */
    CHECK(close_to(storage_load(format, diff, 4), 1.268941421369995120748841 / 6, tolerance),
          "%s: no ignore label: diff[4] %.17g", name, storage_load(format, diff, 4));
}

/* Every target ignored: valid_count 0, the VALID normalizer clamps to 1 (Caffe:
 * max(Dtype(1), normalizer)), the loss is 0/1 = 0 (not NaN) and every gradient is 0. */
static void test_all_ignored(enum format format)
{
    const char *name = format_info[format].name;
    double x[4], z[4], diff[4];
    static const double xs[4] = {5, -5, 0.5, 100}, zs[4] = {-1, -1, -1, -1};
    store(format, x, xs, 4);
    store(format, z, zs, 4);
    for (int norm = 0; norm < CAFFE_NORMALIZATION_COUNT; norm++) {
        struct caffe_layer_parameters parameters = {1, -1, (enum caffe_normalization)norm, 1.0};
        struct caffe_layer_output output;
        caffe_layer_forward_backward(format, 2, 2, x, z, &parameters, diff, &output);
        CHECK(output.valid_count == 0 && output.loss == 0.0 && !signbit(output.loss), "%s %s: all ignored: loss 0",
              name, caffe_normalization_name[norm]);
        if (norm == CAFFE_NORMALIZATION_VALID || norm == CAFFE_NORMALIZATION_NONE)
            CHECK(output.normalizer == 1.0, "%s %s: normalizer clamped to 1", name, caffe_normalization_name[norm]);
        int zeros = 0;
        for (int i = 0; i < 4; i++)
            zeros += storage_load(format, diff, (size_t)i) == 0.0;
        CHECK(zeros == 4, "%s %s: every gradient 0", name, caffe_normalization_name[norm]);
    }
    /* an empty batch: FULL and BATCH_SIZE clamp too */
    struct caffe_layer_parameters full = {1, -1, CAFFE_NORMALIZATION_FULL, 1.0};
    struct caffe_layer_output output;
    CHECK(caffe_layer_forward_backward(format, 0, 3, x, z, &full, diff, &output) == 0 && output.normalizer == 1.0 &&
              output.loss == 0.0,
          "%s: an empty batch: normalizer 1, loss 0", name);
}

/* static_cast<int>(target) truncates: with ignore_label 0, soft targets below 1 (0.7 -> 0)
 * are ignored as well as z = 0 (a Caffe quirk, kept). */
static void test_cast_to_int(void)
{
    double x[4] = {1, 1, 1, 1}, z[4] = {0.7, 1.0, 0.0, -0.5}, diff[4];
    struct caffe_layer_parameters parameters = {1, 0, CAFFE_NORMALIZATION_VALID, 1.0};
    struct caffe_layer_output output;
    caffe_layer_forward_backward(FORMAT_F64, 1, 4, x, z, &parameters, diff, &output);
    /* only z = 1 counts: l(1, 1) = log1p(e^-1) = 0.31326168751822283405 */
    CHECK(output.valid_count == 1, "ignore_label 0 ignores 0.7, 0 and -0.5: %d valid", output.valid_count);
    CHECK(close_to(output.loss, 0.31326168751822283405, 1e-15), "loss of the one kept: %.17g", output.loss);
    CHECK(diff[0] == 0.0 && diff[2] == 0.0 && diff[3] == 0.0 && diff[1] != 0.0, "their gradients are 0");
}

static void test_errors(void)
{
    double x[1] = {0}, z[1] = {0}, diff[1];
    struct caffe_layer_parameters parameters = {0, -1, CAFFE_NORMALIZATION_FULL, 1.0};
    struct caffe_layer_output output;
    CHECK(caffe_layer_forward_backward(FORMAT_F16, 1, 1, x, z, &parameters, diff, &output) == -1,
          "f16 is refused (Caffe's Dtype is float or double)");
}

int main(void)
{
    test_batch(FORMAT_F64);
    test_batch(FORMAT_F32);
    test_all_ignored(FORMAT_F64);
    test_all_ignored(FORMAT_F32);
    test_cast_to_int();
    test_errors();
    return test_summary();
}
