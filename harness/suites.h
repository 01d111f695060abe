/* Input suites: the logits x and the targets z a sweep evaluates, per format.
 *
 * A suite gives a list of logits; a target set gives the labels.  Points are every logit
 * paired with every fixed target of the set (hard, soft), plus, for random targets, a few
 * uniform z in [0,1] per logit.  Every value is a value of the format, the lists are
 * deterministic for a given seed, and sorted and deduplicated. */
#ifndef SCEBENCH_SUITES_H
#define SCEBENCH_SUITES_H

#include <stddef.h>
#include <stdint.h>
#include "storage.h"

struct point {
    double x, z;
};

struct point_list {
    struct point *points;
    size_t count;
};

enum target_set { TARGETS_HARD, TARGETS_SOFT, TARGETS_RANDOM, TARGETS_ALL, TARGETS_COUNT };

static const char *const target_set_name[TARGETS_COUNT] = {"hard", "soft", "random", "all"};

/* Suite names: "extreme", "random", "quick".  Returns -1 for an unknown name. */
int suite_from_name(const char *name);
const char *suite_names(void); /* "extreme, random, quick", for error messages */

/* Builds the points of a suite for a format.  random_count: the number of random logits of
 * the `random` suite (and of the random part of `quick`).  Returns 0, or -1 when out of memory. */
int suite_points(int suite, enum format format, enum target_set targets, uint64_t seed,
                 size_t random_count, struct point_list *out);

void point_list_free(struct point_list *list);

#endif
