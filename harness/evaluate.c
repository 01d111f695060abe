#include "commands.h"

#include <stdint.h>

int implementation_modes(const struct implementation *impl, enum format format, enum mode *modes)
{
    int count = 0;
    for (int m = 0; m < MODE_COUNT; m++)
        if (impl->kernels[format][m].loss || impl->kernels[format][m].grad)
            modes[count++] = (enum mode)m;
    return count;
}

int implementation_default_mode(const struct implementation *impl, enum format format, enum mode *mode)
{
    enum mode modes[MODE_COUNT];
    int count = implementation_modes(impl, format, modes);
    if (count == 0)
        return -1;
    *mode = modes[0];
    for (int i = 0; i < count; i++)
        if (modes[i] == MODE_OPMATH)
            *mode = MODE_OPMATH;
    return 0;
}

double evaluate_point(kernel_fn *kernel, enum format format, double x, double z)
{
    uint64_t x_storage, z_storage, out_storage = 0;
    storage_store(format, &x_storage, 0, x);
    storage_store(format, &z_storage, 0, z);
    kernel(1, &x_storage, &z_storage, &out_storage);
    return storage_load(format, &out_storage, 0);
}
