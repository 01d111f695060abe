/* kernels_accurate_f32.cu: `cuda-accurate` on f32, f16 and bf16 storage: binary32 lanes, the
 * double-word arithmetic of impls/simd/double_word_math.h per thread (element.h), the rare
 * points in double-double (deep.h).  Formula and contract: cuda_accurate.c. */
#define SIMD_SINGLE 1
#include "lane_ops.h"
#include "simd_coefficients.h"
#include "double_word_math.h"
#include "deep.h"
#include "element.h"
#include "kernels.cuh"

/* narrow: f16 and bf16, whose lane value is the pair rounded to odd (element.h) */
template <enum format F> struct accurate_binary32 {
    static const enum format format = F;
    static const int narrow = F != FORMAT_F32;
    typedef double_sum sum;
    typedef typename storage<F>::bits bits;

    /* f16 and bf16: the single-word loss of element.h (loss_lane_16bit) */
    static __device__ __forceinline__ bits loss(bits x, bits z)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z), value;
        int taken = narrow ? loss_lane_16bit(xf, zf, &value) : loss_lane(xf, zf, 0, &value);
        if (taken)
            return store_lane<F>(value);
        return store_value<F>(deep_loss(xf, zf, 1));
    }
    static __device__ __forceinline__ bits gradient(bits x, bits z)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z), value;
        if (gradient_lane(xf, zf, narrow, &value))
            return store_lane<F>(value);
        return store_value<F>(deep_gradient(xf, zf, 1));
    }
    static __device__ __forceinline__ void fused(bits x, bits z, bits *loss_out, bits *gradient_out)
    {
        float xf = storage<F>::load(x), zf = storage<F>::load(z), loss_value, gradient_value;
        unsigned taken = fused_lane(xf, zf, narrow, &loss_value, &gradient_value);
        if (narrow) /* the loss kernel's single-word path, so that fused == loss */
            *loss_out = loss(x, z);
        else
            *loss_out = taken & 1 ? store_lane<F>(loss_value) : store_value<F>(deep_loss(xf, zf, 1));
        *gradient_out = taken & 2 ? store_lane<F>(gradient_value) : store_value<F>(deep_gradient(xf, zf, 1));
    }
};

void launch_accurate_f32(const struct launch *launch)
{
    if (launch->format == FORMAT_F32)
        launch_policy<accurate_binary32<FORMAT_F32> >(launch);
    else if (launch->format == FORMAT_F16)
        launch_policy<accurate_binary32<FORMAT_F16> >(launch);
    else if (launch->format == FORMAT_BF16)
        launch_policy<accurate_binary32<FORMAT_BF16> >(launch);
}
