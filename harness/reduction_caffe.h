/* The `caffe-layer` suite of `scebench reduce`: Caffe's SigmoidCrossEntropyLossLayer
 * (impls/reduce/caffe_layer.h) over batches of realistic logits and targets (the reduction
 * suite's data stream), with and without ignored elements (ignore_label -1 on 10% of them),
 * for each normalization, in f32 and f64.  The layer's loss is measured against the exact
 * sum of the exact losses of the elements not ignored divided by the exact normalizer, and
 * its gradient, element by element, against (sigmoid(x) - z) loss_weight / normalizer
 * (reference_weighted_grad with p = 1, w = loss_weight, d = normalizer; exactly 0 where
 * ignored). */
#ifndef SCEBENCH_REDUCTION_CAFFE_H
#define SCEBENCH_REDUCTION_CAFFE_H

#include <jansson.h>
#include <stdint.h>
#include "accumulator.h"
#include "reduce/caffe_layer.h"

struct caffe_suite_request {
    enum format formats[FORMAT_COUNT];
    int format_count;
    uint64_t max_count; /* batches of more elements are skipped */
    uint64_t seed;
    int threads;
    int progress;
};

struct caffe_suite_row {
    enum format format;
    size_t outer_num, inner_num;
    int has_ignore_label, ignore_label;
    size_t ignored;
    enum caffe_normalization normalization;
    double loss_weight;
    struct caffe_layer_output output;
    double exact_loss;         /* nearest double to the exact value */
    double exact_loss_rounded; /* correctly rounded to the format */
    double loss_ulp, loss_relative_error;
    struct accumulator gradient;
};

struct caffe_suite_result {
    struct caffe_suite_row *rows;
    size_t row_count;
    double seconds;
};

int caffe_suite_execute(const struct caffe_suite_request *request, struct caffe_suite_result *result);
void caffe_suite_result_free(struct caffe_suite_result *result);
void caffe_suite_print(const struct caffe_suite_result *result);
json_t *caffe_suite_json(const struct caffe_suite_request *request, const struct caffe_suite_result *result,
                         const char *command_line);

#endif
