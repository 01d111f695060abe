/* cuda_accurate_host_f32.c: `cuda-accurate-host` on f32, f16 and bf16 storage: the table
 * arithmetic of table_math.h, as kernels_accurate_f32.cu uses it (the same choices per format,
 * in the same order).  See host_twin.h and cuda_accurate.c. */
#include "registry.h"
#include "simd_coefficients.h"
#include "deep.h"
#include "table_math.h"

typedef float scalar;

static double twin_loss_of(enum format format, float x, float z, struct reduced64 reduced)
{
    if (format == FORMAT_F32)
        return loss64(x, z, reduced, softplus_table64());
    uint16_t stored;
    storage_store(format, &stored, 0, x);
    uint32_t magnitude = stored & 0x7fffu;
    if (format == FORMAT_F16)
        return loss16(x, z, magnitude, SOFTPLUS_F16_LAST, softplus_table_f16());
    return loss16(x, z, magnitude, SOFTPLUS_BF16_LAST, softplus_table_bf16());
}

static double twin_gradient_of(float x, float z, struct reduced64 reduced)
{
    int cancelled;
    double g = gradient64(x, z, reduced, softplus_table64(), &cancelled);
    return cancelled ? deep_gradient(x, z, 1) : g;
}

static double twin_loss_value(enum format format, float x, float z)
{
    if (!ordinary_inputs(x, z))
        return deep_loss(x, z, 1);
    return twin_loss_of(format, x, z, reduce64(x));
}

static double twin_gradient_value(enum format format, float x, float z)
{
    (void)format;
    if (!ordinary_inputs(x, z))
        return deep_gradient(x, z, 1);
    return twin_gradient_of(x, z, reduce64(x));
}

static void twin_fused_values(enum format format, float x, float z, double *loss, double *gradient)
{
    if (!ordinary_inputs(x, z)) {
        *loss = deep_loss(x, z, 1);
        *gradient = deep_gradient(x, z, 1);
        return;
    }
    struct reduced64 reduced = reduce64(x);
    *loss = twin_loss_of(format, x, z, reduced);
    *gradient = twin_gradient_of(x, z, reduced);
}

#include "host_twin.h"
#include "cuda_twin.h"

TWIN_KERNELS(f32, FORMAT_F32)
TWIN_KERNELS(f16, FORMAT_F16)
TWIN_KERNELS(bf16, FORMAT_BF16)
