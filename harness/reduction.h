/* The `reduction` suite of `scebench reduce`: the mean of n losses by each summation strategy
 * (impls/reduce/summation.h), against two exact references, for n = 10^3, 10^4, ... up to a
 * cap, in f32, f16 and bf16.
 *
 * Data: element i of a counter-based random stream (the same x and z at every n and every
 * thread count, rounded to each format): two normals N1, N2 (Box-Muller), the logit
 * x = clip(3 N1, -20, 20) and a "true" logit 3 N1 + N2; 80% hard labels z ~ Bernoulli(
 * sigmoid(3 N1 + N2)), each flipped with probability 0.05 (label noise), and 20% soft labels
 * z = sigmoid(3 N1 + N2) (a teacher's probability).  n = 10^k is the first 10^k elements, so
 * one pass over the largest n serves every n.
 *
 * Terms: the losses of `accurate` (correctly rounded, so the terms are the exact losses
 * rounded once to the format) and, as a second row, of `pytorch` (opmath on f16/bf16).
 *
 * References, both exact: the mean of the computed terms (their exact sum, a superaccumulator,
 * divided by n at 256 bits: isolates the summation error) and the mean of the exact losses of
 * the same (x, z) (end-to-end).  The exact losses come from MPFR (reference_loss, to 2^-100
 * relative) for the first 10^6 elements and from the fast tier (reference_loss_fast, within
 * 2^-49 relative, summed exactly) beyond, checked against MPFR on every 1024th element.
 *
 * Streaming: terms are generated in chunks of 2^21 (the exact sums and all strategies consume
 * each chunk), so memory stays about 40 MB whatever n is. */
#ifndef SCEBENCH_REDUCTION_H
#define SCEBENCH_REDUCTION_H

#include <jansson.h>
#include <stdint.h>
#include "reduce/summation.h"
#include "storage.h"

#define REDUCTION_MAX_SIZES 16
#define REDUCTION_TERM_SETS 2
#define REDUCTION_MPFR_TERMS 1000000 /* exact losses by MPFR below this index, fast tier beyond */
#define REDUCTION_SAMPLE_EVERY 1024  /* fast-tier elements checked against MPFR */

static const char *const reduction_term_set_name[REDUCTION_TERM_SETS] = {"accurate", "pytorch"};

struct reduction_request {
    enum format formats[FORMAT_COUNT];
    int format_count;
    uint64_t max_n;
    uint64_t seed;
    int threads;
    int progress;
};

struct reduction_row {
    const struct summation_strategy *strategy;
    int terms; /* index into reduction_term_set_name */
    enum format format;
    uint64_t n;
    double mean;                /* the strategy's result, a value of the format */
    double exact_mean_of_terms; /* nearest double to the exact value */
    double exact_mean;
    double rel_error_summation, rel_error_end_to_end; /* +inf for an infinite or NaN mean */
    double ulp_summation, ulp_end_to_end;             /* in ulps of the format at the exact value */
    int overflow;               /* the running sum (or the final one) was not finite */
    uint64_t first_overflow;    /* 1-based term count where it first was; 0: none */
    double gelem_per_s;         /* terms per nanosecond of the strategy alone */
};

/* The fast tier's check against MPFR, per format. */
struct reduction_validation {
    enum format format;
    uint64_t mpfr_terms;      /* exact losses from MPFR */
    uint64_t sampled;         /* fast-tier terms compared with MPFR */
    double max_relative_error;
};

struct reduction_result {
    struct reduction_row *rows;
    size_t row_count;
    uint64_t sizes[REDUCTION_MAX_SIZES];
    int size_count;
    struct reduction_validation validation[FORMAT_COUNT];
    int validation_count;
    double seconds;
};

/* The n of a run: 10^3, 10^4, ... up to max_n, and max_n itself when it is not one of them
 * (or below 10^3).  Returns the count. */
int reduction_sizes(uint64_t max_n, uint64_t *sizes);

/* Data element i of the stream for a seed, rounded to the format. */
void reduction_element(uint64_t seed, uint64_t i, enum format format, double *x, double *z);

int reduction_execute(const struct reduction_request *request, struct reduction_result *result);
void reduction_result_free(struct reduction_result *result);

void reduction_print(const struct reduction_result *result);
json_t *reduction_json(const struct reduction_request *request, const struct reduction_result *result,
                       const char *command_line);

/* JSON helpers shared by the reduce suites: a number, or the string "inf"/"-inf"/"nan". */
json_t *reduction_number_json(double value);

#endif
