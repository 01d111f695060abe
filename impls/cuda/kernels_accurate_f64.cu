/* kernels_accurate_f64.cu: `cuda-accurate` on f64 storage: binary64 lanes, the double-word
 * arithmetic of impls/simd/double_word_math.h per thread (element.h), the rare points in
 * double-double (deep.h), the mean summed in double-double.  Formula and contract:
 * cuda_accurate.c. */
#define SIMD_SINGLE 0
#include "lane_ops.h"
#include "simd_coefficients.h"
#include "double_word_math.h"
#include "deep.h"
#include "element.h"
#include "kernels.cuh"

struct accurate_binary64 {
    static const enum format format = FORMAT_F64;
    typedef double_double_sum sum;
    typedef widening_sum<FORMAT_F64, sum> thread_sum;

    static __device__ __forceinline__ double loss(double x, double z)
    {
        double value;
        return loss_lane(x, z, 0, &value) ? value : deep_loss(x, z, 0);
    }
    static __device__ __forceinline__ double gradient(double x, double z)
    {
        double value;
        return gradient_lane(x, z, 0, &value) ? value : deep_gradient(x, z, 0);
    }
    static __device__ __forceinline__ void fused(double x, double z, double *loss_out, double *gradient_out)
    {
        double loss_value, gradient_value;
        unsigned taken = fused_lane(x, z, 0, &loss_value, &gradient_value);
        *loss_out = taken & 1 ? loss_value : deep_loss(x, z, 0);
        *gradient_out = taken & 2 ? gradient_value : deep_gradient(x, z, 0);
    }
};

void launch_accurate_f64(const struct launch *launch)
{
    if (launch->format == FORMAT_F64)
        launch_policy<accurate_binary64>(launch);
}
