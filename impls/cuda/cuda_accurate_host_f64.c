/* cuda_accurate_host_f64.c: `cuda-accurate-host` on f64 storage: the double-word arithmetic of
 * element.h (binary64 lanes; lane_ops.h says why the bits agree with the device's).  See
 * host_twin.h and cuda_accurate.c. */
#define SIMD_SINGLE 0
#include "registry.h"
#include "lane_ops.h"
#include "simd_coefficients.h"
#include "double_word_math.h"
#include "deep.h"
#include "element.h"

static double twin_loss_value(enum format format, scalar x, scalar z)
{
    (void)format;
    vector value;
    return loss_lane(x, z, 0, &value) ? value : deep_loss(x, z, 0);
}

static double twin_gradient_value(enum format format, scalar x, scalar z)
{
    (void)format;
    vector value;
    return gradient_lane(x, z, 0, &value) ? value : deep_gradient(x, z, 0);
}

static void twin_fused_values(enum format format, scalar x, scalar z, double *loss, double *gradient)
{
    (void)format;
    vector loss_value, gradient_value;
    unsigned taken = fused_lane(x, z, 0, &loss_value, &gradient_value);
    *loss = taken & 1 ? loss_value : deep_loss(x, z, 0);
    *gradient = taken & 2 ? gradient_value : deep_gradient(x, z, 0);
}

#include "host_twin.h"
#include "cuda_twin.h"

TWIN_KERNELS(f64, FORMAT_F64)
