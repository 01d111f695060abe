/* caffe-layer: Caffe's SigmoidCrossEntropyLossLayer (sigmoid_cross_entropy_loss_layer.cpp),
 * Forward_cpu and Backward_cpu, for Dtype float (f32) and double (f64).
 *
 *   Forward:  loss = 0; valid_count = 0;
 *             for i < count: if has_ignore_label and (int)target[i] == ignore_label: skip;
 *                            loss -= x*(t - (x >= 0)) - log(1 + exp(x - 2*x*(x >= 0)));  valid_count++
 *             normalizer = max(Dtype(1), Dtype(FULL: outer*inner | VALID: valid_count |
 *                                                BATCH_SIZE: outer | NONE: 1))
 *             top = loss / normalizer
 *   Backward: diff = sigmoid(x) - t              (caffe_sub of SigmoidLayer's output)
 *             diff[i] = 0 where (int)target[i] == ignore_label
 *             diff *= top_diff / normalizer      (caffe_scal, top_diff = loss_weight)
 *
 * Origin: Caffe (BVLC master), sigmoid_cross_entropy_loss_layer.cpp and
 * sigmoid_layer.cpp.  The per-element loss and sigmoid(x) - t are the `caffe` implementation's
 * kernels (impls/caffe.c: the same value, rounded the same way, as Caffe's `loss -= ...`
 * term negated), so this file adds only what the layer does around them: the target cast to
 * int (truncation toward zero: a soft target 0.7 reads as 0, so ignore_label 0 would ignore
 * every soft target below 1), the Dtype accumulator (every partial sum rounded, as `plain`
 * summation), the normalizer in Dtype clamped to at least 1 (an all-ignored batch gives loss 0
 * and gradient 0, not NaN), and the gradient scaled by loss_weight / normalizer, rounded once
 * in Dtype, then multiplied into each element (one more rounding).
 *
 * Weaknesses: those of `caffe` per element (log(1+e) flushed for |x| >= 16.64 in f32, the
 * tanh sigmoid for x < 0), the plain Dtype sum over the batch, and the two roundings of the
 * gradient's scale.  Dtype(count) is rounded for counts beyond 2^24 in float.
 *
 * Accuracy contract: none; measured, not claimed. */
#include "caffe_layer.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "registry.h"

static int ignored(const struct caffe_layer_parameters *parameters, double target)
{
    /* static_cast<int>(target): truncation; out-of-range values are undefined in C++, here
     * they never match */
    if (!parameters->has_ignore_label || !(fabs(target) < 2147483648.0))
        return 0;
    return (int)target == parameters->ignore_label;
}

static double to_dtype(enum format format, double v)
{
    return format == FORMAT_F32 ? (double)(float)v : v;
}

int caffe_layer_forward_backward(enum format format, size_t outer_num, size_t inner_num, const void *x,
                                 const void *z, const struct caffe_layer_parameters *parameters, void *diff,
                                 struct caffe_layer_output *output)
{
    if ((format != FORMAT_F32 && format != FORMAT_F64) || (inner_num && outer_num > (size_t)INT_MAX / inner_num))
        return -1;
    const struct implementation *caffe = implementation_find("caffe");
    if (!caffe)
        return -1;
    size_t count = outer_num * inner_num, bytes = (size_t)format_info[format].storage_bytes;
    void *losses = malloc((count ? count : 1) * bytes);
    if (!losses)
        return -1;
    caffe->kernels[format][MODE_NATIVE].loss(count, x, z, losses);

    double loss = 0.0; /* Dtype loss = 0 */
    int valid_count = 0;
    for (size_t i = 0; i < count; i++) {
        if (ignored(parameters, storage_load(format, z, i)))
            continue;
        loss = to_dtype(format, loss + storage_load(format, losses, i)); /* loss -= (-l_i) */
        valid_count++;
    }
    free(losses);

    double normalizer;
    switch (parameters->normalization) {
    case CAFFE_NORMALIZATION_FULL: normalizer = to_dtype(format, (double)(int)count); break;
    case CAFFE_NORMALIZATION_VALID: normalizer = to_dtype(format, (double)valid_count); break;
    case CAFFE_NORMALIZATION_BATCH_SIZE: normalizer = to_dtype(format, (double)(int)outer_num); break;
    default: normalizer = 1.0; break;
    }
    normalizer = normalizer > 1.0 ? normalizer : 1.0; /* std::max(Dtype(1.0), normalizer) */
    output->normalizer = normalizer;
    output->valid_count = valid_count;
    output->loss = to_dtype(format, loss / normalizer);

    if (diff) {
        caffe->kernels[format][MODE_NATIVE].grad(count, x, z, diff); /* caffe_sub(sigmoid, target) */
        double scale = to_dtype(format, to_dtype(format, parameters->loss_weight) / normalizer);
        for (size_t i = 0; i < count; i++) {
            double g = ignored(parameters, storage_load(format, z, i)) ? 0.0 : storage_load(format, diff, i);
            storage_store(format, diff, i, to_dtype(format, g * scale)); /* caffe_scal */
        }
    }
    return 0;
}
