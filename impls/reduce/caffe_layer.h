/* Caffe's SigmoidCrossEntropyLossLayer around its per-element formula: ignore_label, the
 * normalizations and the scaled gradient, over one batch of outer_num x inner_num elements in
 * f32 (Dtype float) or f64 (Dtype double). */
#ifndef SCEBENCH_CAFFE_LAYER_H
#define SCEBENCH_CAFFE_LAYER_H

#include <stddef.h>
#include "storage.h"

/* LossParameter.NormalizationMode; Caffe's default is VALID when `normalize: true`, and
 * BATCH_SIZE when neither normalization nor normalize is set. */
enum caffe_normalization {
    CAFFE_NORMALIZATION_FULL,       /* by outer_num * inner_num */
    CAFFE_NORMALIZATION_VALID,      /* by the number of elements not ignored */
    CAFFE_NORMALIZATION_BATCH_SIZE, /* by outer_num */
    CAFFE_NORMALIZATION_NONE,       /* by 1 */
    CAFFE_NORMALIZATION_COUNT
};

static const char *const caffe_normalization_name[CAFFE_NORMALIZATION_COUNT] = {"FULL", "VALID", "BATCH_SIZE",
                                                                                "NONE"};

struct caffe_layer_parameters {
    int has_ignore_label;
    int ignore_label;
    enum caffe_normalization normalization;
    double loss_weight; /* the top diff Backward receives: the layer's loss_weight (1 by default) */
};

struct caffe_layer_output {
    double loss;       /* top[0]: the summed loss divided by the normalizer, in Dtype */
    double normalizer; /* max(1, normalizer) in Dtype */
    int valid_count;   /* elements not ignored */
};

/* Forward_cpu and Backward_cpu over count = outer_num * inner_num elements: x and z (bottom[0]
 * and bottom[1]) in the format's storage (double or float), diff (bottom[0]'s diff, same
 * storage) written when not NULL.  Returns -1 for a format other than f32 and f64 or a count
 * beyond int, 0 otherwise. */
int caffe_layer_forward_backward(enum format format, size_t outer_num, size_t inner_num, const void *x,
                                 const void *z, const struct caffe_layer_parameters *parameters, void *diff,
                                 struct caffe_layer_output *output);

#endif
