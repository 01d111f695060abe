/* Summation strategies for the mean of n losses: how a framework or a kernel adds the terms.
 *
 * Each strategy lives in its own file (summation_*.c), which opens with its formula, origin
 * and weaknesses, and exports one `struct summation_strategy`; summation_registry.c lists
 * them.  A strategy consumes terms in the storage format (float, or the 16-bit patterns of
 * binary16 and bfloat16) in as many calls as the caller likes, so that 10^9 terms stream
 * through a bounded buffer, and returns the mean in the storage format, computed its way.
 *
 *   state: plain data (no pointers), so a caller may copy it;
 *   begin: announces the format and the total count n (PyTorch's cascade sizes its blocks
 *          from n, a GPU grid from n);
 *   add:   the next `count` terms;
 *   sum:   after all n terms, the sum as the strategy's accumulator holds it;
 *   mean:  after all n terms, the mean, a value of the storage format.
 * first_overflow in the state: the 1-based number of terms after which the strategy's running
 * result (its sum so far, as it would return it) was first infinite or NaN, 0 if never.  It is
 * exact for the sequential strategies (`sequential` set); for the others only the final sum
 * is checked, and first_overflow is n when that is not finite. */
#ifndef SCEBENCH_SUMMATION_H
#define SCEBENCH_SUMMATION_H

#include <stddef.h>
#include <stdint.h>
#include "storage.h"

#define SUMMATION_STATE_BYTES 6144

struct summation_state {
    enum format format;
    uint64_t n;              /* announced by begin */
    uint64_t consumed;       /* terms added so far */
    uint64_t first_overflow; /* see above */
    _Alignas(64) unsigned char data[SUMMATION_STATE_BYTES]; /* the strategy's own */
};

struct summation_strategy {
    const char *name;        /* command-line and results name: "kahan" */
    const char *formula;     /* what is computed, operation by operation */
    const char *origin;      /* whose loop it is */
    const char *accumulator; /* "storage", "f32" or "f64" */
    const char *weaknesses;
    unsigned formats;        /* bit (1u << format) for each storage format it runs on */
    int sequential;          /* first_overflow is exact */
    void (*begin)(struct summation_state *state);
    /* Adds terms; state->consumed is the count before this call (the wrapper advances it). */
    void (*add)(struct summation_state *state, const void *terms, size_t count);
    double (*sum)(const struct summation_state *state);
    double (*mean)(const struct summation_state *state);
};

extern const struct summation_strategy *const summation_strategies[];
extern const size_t summation_strategy_count;

const struct summation_strategy *summation_find(const char *name);

static inline int summation_supports(const struct summation_strategy *strategy, enum format format)
{
    return (strategy->formats >> format) & 1u;
}

void summation_begin(const struct summation_strategy *strategy, struct summation_state *state,
                     enum format format, uint64_t n);
void summation_add(const struct summation_strategy *strategy, struct summation_state *state,
                   const void *terms, size_t count);

/* The mean of a whole array in one call (begin, add, mean). */
double summation_mean(const struct summation_strategy *strategy, enum format format, const void *terms,
                      size_t n);

#endif
