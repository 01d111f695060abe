/* simd.h: what the files of the simd family share.
 *
 * The kernels (simd_math.h) are compiled four times, one translation unit per instruction set
 * and arithmetic: simd_avx512_f32.c, simd_avx512_f64.c, simd_avx2_f32.c, simd_avx2_f64.c.  Each
 * exports its kernel sets by format (the binary32 units serve f32, f16 and bf16 storage, the
 * binary64 units f64; the other entries are null).  simd.c picks among them at run time and
 * registers `simd`, `simd-avx2` and `simd-avx512`.
 *
 * Formula, approximation and accuracy: see simd_math.h. */
#ifndef SCEBENCH_SIMD_H
#define SCEBENCH_SIMD_H

#include <stddef.h>
#include "registry.h"

extern const struct kernel_set simd_avx512_f32_kernels[FORMAT_COUNT];
extern const struct kernel_set simd_avx512_f64_kernels[FORMAT_COUNT];
extern const struct kernel_set simd_avx2_f32_kernels[FORMAT_COUNT];
extern const struct kernel_set simd_avx2_f64_kernels[FORMAT_COUNT];

/* The scalar `accurate` for the lanes a vector kernel does not take (infinite or NaN x, z
 * outside [0, 1] or NaN, a gradient cancelling beyond what its error bound covers): element
 * i + j of out, for every bit j set in `lanes`, from elements i + j of x and z (storage of the
 * format).  Compiled without instruction-set flags. */
void simd_fallback(enum format format, enum function function, unsigned lanes, size_t i, const void *x,
                   const void *z, void *out);

/* The loss `accurate` stores for element j, as a double (for the mean kernels). */
double simd_fallback_loss(enum format format, const void *x, const void *z, size_t j);

#endif
