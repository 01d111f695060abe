/* softplus_table.h: the tables of cuda-accurate's f32, f16 and bf16 kernels (cuda/table_math.h)
 * and of accurate's first tier (accurate_table.h, the binary64 table only),
 * for the device (uploaded once per process by kernels_accurate_f32.cu) and for the CPU twin.
 *
 * binary64, entry k = 0 .. SOFTPLUS_TABLE_LAST, at u_k = -k ln2/64 (c = e^u_k = 2^(-k/64)):
 *   log1p = log1p(c), the loss's b = softplus(u) = log1p(e^u) at u_k;
 *   sigmoid = c/(1 + c), its derivative s(u_k);
 * one 16-byte entry, so that the device reads it with one load.  The last entry is at
 * t = 110.9: the kernels clamp t below that.
 * binary32, per 16-bit format, entry p for every bit pattern p of t = |x| up to the format's
 * clamp: softplus(-t) itself (f16: p <= 0x4e80, t <= 26; bf16: p <= 0x42c8, t <= 100).
 * Each value is computed in __float128 (113 bits) and rounded once to binary64 or binary32
 * (subnormals included). */
#ifndef SCEBENCH_SOFTPLUS_TABLE_H
#define SCEBENCH_SOFTPLUS_TABLE_H

#define SOFTPLUS_TABLE_STEPS 64 /* binary64 entries per ln 2 of t */
#define SOFTPLUS_INVERSE_STEP 0x1.71547652b82fep+6 /* 64/ln2: k = round(t * this) */
#define SOFTPLUS_STEP 0x1.62e42fefa39efp-7         /* ln2/64, within 2^-60: r = k * this - t */
#define SOFTPLUS_TABLE_LAST 10240
#define SOFTPLUS_TABLE_SIZE (SOFTPLUS_TABLE_LAST + 1)
#define SOFTPLUS_F16_LAST 0x4e80u  /* 26.0 */
#define SOFTPLUS_BF16_LAST 0x42c8u /* 100.0 */

struct __attribute__((aligned(16))) softplus_binary64 {
    double log1p, sigmoid;
};

#ifdef __cplusplus
extern "C" {
#endif

/* The host's copies, computed on the first call (thread-safe); never freed. */
const struct softplus_binary64 *softplus_table64(void);
const float *softplus_table_f16(void);  /* SOFTPLUS_F16_LAST + 1 entries */
const float *softplus_table_bf16(void); /* SOFTPLUS_BF16_LAST + 1 entries */

#ifdef __cplusplus
}
#endif

#endif
