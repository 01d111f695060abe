/* The results file (schema "scebench-results/1") and atomic output files. */
#ifndef SCEBENCH_RESULTS_H
#define SCEBENCH_RESULTS_H

#include <jansson.h>
#include "sweep.h"

json_t *results_json(const struct sweep_request *request, const struct sweep_result *result,
                     const char *command_line);

/* The pieces of the schema that other documents (eval --json, reduce --suite weighted) share,
 * so that a value reads the same in each:
 *   a value as a C99 hex float string ("%a": reproduces bit for bit);
 *   an error in ULPs as a number, or the string "inf" where it is not finite (JSON has no
 *   infinity);
 *   worst cases or examples as [{x, z, got, exact, ulp, class}, ...]. */
json_t *hex_float_json(double value);
json_t *ulp_error_json(double error);
json_t *worst_cases_json(const struct worst_case *cases, int count);

/* An output file written atomically: opened (as a temporary beside the target) before the
 * work starts, so that an unwritable path fails at once; renamed over the target only when
 * complete; removed if the process exits or is interrupted before that. */
int atomic_output_open(const char *path, char *error, size_t error_size);
int atomic_output_commit(json_t *document, char *error, size_t error_size);

/* The host: CPU model and logical cores. */
json_t *host_json(void);

#endif
