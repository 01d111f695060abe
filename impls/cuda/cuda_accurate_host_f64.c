/* cuda_accurate_host_f64.c: `cuda-accurate-host` on f64 storage (binary64 lanes).  See
 * host_twin.h and cuda_accurate.c. */
#define SIMD_SINGLE 0
#include "lane_ops.h"
#include "simd_coefficients.h"
#include "double_word_math.h"
#include "host_twin.h"
#include "cuda_twin.h"

TWIN_KERNELS(f64, FORMAT_F64)
