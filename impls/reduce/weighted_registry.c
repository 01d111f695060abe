/* The weighted implementations, in report order. */
#include <string.h>

#include "weighted.h"

extern const struct weighted_implementation weighted_pytorch, weighted_pytorch_legacy, weighted_tensorflow,
    weighted_accurate;

const struct weighted_implementation *const weighted_implementations[] = {
    &weighted_pytorch, &weighted_pytorch_legacy, &weighted_tensorflow, &weighted_accurate,
};

const size_t weighted_implementation_count = sizeof weighted_implementations / sizeof weighted_implementations[0];

const struct weighted_implementation *weighted_find(const char *name)
{
    for (size_t i = 0; i < weighted_implementation_count; i++)
        if (strcmp(weighted_implementations[i]->name, name) == 0)
            return weighted_implementations[i];
    return NULL;
}
