/* The summation strategies, in report order, and the wrappers every caller goes through. */
#include <string.h>

#include "summation_common.h"

extern const struct summation_strategy summation_plain, summation_f32, summation_sum_cast, summation_f64,
    summation_cascade, summation_kahan_neumaier, summation_kahan, summation_gpu_tree;

const struct summation_strategy *const summation_strategies[] = {
    &summation_plain,          &summation_f32,   &summation_sum_cast,  &summation_f64, &summation_cascade,
    &summation_kahan_neumaier, &summation_kahan, &summation_gpu_tree,
};

const size_t summation_strategy_count = sizeof summation_strategies / sizeof summation_strategies[0];

_Static_assert(sizeof(struct summation_state) >= 4096 + 1024 + 64, "room for the GPU tree's state");

const struct summation_strategy *summation_find(const char *name)
{
    for (size_t i = 0; i < summation_strategy_count; i++)
        if (strcmp(summation_strategies[i]->name, name) == 0)
            return summation_strategies[i];
    return NULL;
}

void summation_begin(const struct summation_strategy *strategy, struct summation_state *state,
                     enum format format, uint64_t n)
{
    state->format = format;
    state->n = n;
    state->consumed = 0;
    state->first_overflow = 0;
    strategy->begin(state);
}

void summation_add(const struct summation_strategy *strategy, struct summation_state *state, const void *terms,
                   size_t count)
{
    if (count == 0)
        return;
    strategy->add(state, terms, count);
    state->consumed += count;
    if (!strategy->sequential && state->consumed == state->n && !state->first_overflow &&
        !isfinite(strategy->sum(state)))
        state->first_overflow = state->n; /* only the final sum is checked */
}

double summation_mean(const struct summation_strategy *strategy, enum format format, const void *terms, size_t n)
{
    struct summation_state state;
    summation_begin(strategy, &state, format, n);
    summation_add(strategy, &state, terms, n);
    return strategy->mean(&state);
}
