/* loss_limits.h: the loss where x or z is infinite or NaN, as DESIGN.md defines it (NaN in, NaN
 * out; the limit in x with z fixed; z infinite is the limit in z), for `accurate` and for the
 * rare path of the CUDA kernels (impls/cuda/deep.h), which compiles for the device too. */
#ifndef SCEBENCH_LOSS_LIMITS_H
#define SCEBENCH_LOSS_LIMITS_H

#include <math.h>

#ifdef __CUDACC__
#define LIMIT_FUNCTION static __host__ __device__ inline
#else
#define LIMIT_FUNCTION static inline
#endif

/* 1 with *value set when x or z is infinite or NaN; otherwise 0, and *x, *z the finite point
 * whose loss is the answer: the inputs, or (0, 0) for x = 0 with z infinite (the loss is then
 * log 2 whatever z). */
LIMIT_FUNCTION int loss_limit(double *x, double *z, double *value)
{
    if (isnan(*x) || isnan(*z)) {
        *value = NAN;
        return 1;
    }
    if (isinf(*x)) {
        if (*x > 0)
            *value = *z == 1.0 ? 0.0 : copysign(INFINITY, 1.0 - *z);
        else
            *value = *z == 0.0 ? 0.0 : copysign(INFINITY, *z);
        return 1;
    }
    if (isinf(*z)) {
        if (*x != 0.0) {
            *value = copysign(INFINITY, *x > 0 ? -*z : *z);
            return 1;
        }
        *z = 0.0;
    }
    return 0;
}

#endif
