/* The `worst` suite: a search for the largest errors of two-input cases too many to enumerate
 * (f32 and f64 with soft labels): random starting points, then a local search from the worst
 * of them over neighbouring bit patterns of x and z.  Deterministic for a seed. */
#ifndef SCEBENCH_WORST_SEARCH_H
#define SCEBENCH_WORST_SEARCH_H

#include "sweep.h"

int worst_search(const struct sweep_request *request, struct sweep_result *result);

#endif
