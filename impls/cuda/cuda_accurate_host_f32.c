/* cuda_accurate_host_f32.c: `cuda-accurate-host` on f32, f16 and bf16 storage (binary32
 * lanes).  See host_twin.h and cuda_accurate.c. */
#define SIMD_SINGLE 1
#include "lane_ops.h"
#include "simd_coefficients.h"
#include "double_word_math.h"
#include "host_twin.h"
#include "cuda_twin.h"

TWIN_KERNELS(f32, FORMAT_F32)
TWIN_KERNELS(f16, FORMAT_F16)
TWIN_KERNELS(bf16, FORMAT_BF16)
