/* cuda_twin.h: the kernels of `cuda-accurate-host` (cuda_accurate_host_f32.c,
 * cuda_accurate_host_f64.c, from host_twin.h), registered by cuda_accurate.c. */
#ifndef SCEBENCH_CUDA_TWIN_H
#define SCEBENCH_CUDA_TWIN_H

#include <stddef.h>

#define TWIN_DECLARATIONS(suffix)                                                                     \
    void cuda_twin_loss_##suffix(size_t n, const void *x, const void *z, void *out);                  \
    void cuda_twin_gradient_##suffix(size_t n, const void *x, const void *z, void *out);              \
    void cuda_twin_fused_##suffix(size_t n, const void *x, const void *z, void *loss, void *gradient); \
    double cuda_twin_mean_##suffix(size_t n, const void *x, const void *z);

TWIN_DECLARATIONS(f64)
TWIN_DECLARATIONS(f32)
TWIN_DECLARATIONS(f16)
TWIN_DECLARATIONS(bf16)

#define TWIN_KERNEL_SET(suffix) \
    {cuda_twin_loss_##suffix, cuda_twin_gradient_##suffix, cuda_twin_fused_##suffix, cuda_twin_mean_##suffix}

#endif
