/* softplus_table.c: softplus_table.h's tables, computed once per process on the host in
 * __float128 (libquadmath: exp2q, expq, log1pq, 113 bits) and rounded once to each format.
 * The device gets these same bits (kernels_accurate_f32.cu uploads them), so cuda-accurate and
 * its CPU twin read identical entries.  The binary64 table (10 241 entries) takes about 25 ms, the
 * two 16-bit ones (37 000 entries) about 65 ms more, each computed on first use. */
#include <pthread.h>
#include <quadmath.h>
#include <stdint.h>
#include <string.h>

#include "softplus_table.h"

static struct softplus_binary64 table64[SOFTPLUS_TABLE_SIZE];
static float table_f16[SOFTPLUS_F16_LAST + 1], table_bf16[SOFTPLUS_BF16_LAST + 1];
/* The binary64 table alone for `accurate` (it needs no other); all three for cuda-accurate. */
static pthread_once_t table64_once = PTHREAD_ONCE_INIT, tables16_once = PTHREAD_ONCE_INIT;

static __float128 half_value(uint32_t bits) /* binary16, bits <= 0x7bff */
{
    int exponent = (int)(bits >> 10), mantissa = (int)(bits & 0x3ff);
    if (exponent == 0)
        return ldexpq(mantissa, -24);
    return ldexpq(1024 + mantissa, exponent - 25);
}

static __float128 bfloat_value(uint32_t bits) /* bfloat16: binary32's high half */
{
    uint32_t single = bits << 16;
    float value;
    memcpy(&value, &single, sizeof value);
    return value;
}

static __float128 softplus_negative(__float128 t) { return log1pq(expq(-t)); }

static void compute_table64(void)
{
    for (int k = 0; k < SOFTPLUS_TABLE_SIZE; k++) {
        __float128 c = exp2q(-(__float128)k / SOFTPLUS_TABLE_STEPS);
        table64[k].log1p = (double)log1pq(c);
        table64[k].sigmoid = (double)(c / (1 + c));
    }
}

static void compute_tables16(void)
{
    for (uint32_t p = 0; p <= SOFTPLUS_F16_LAST; p++)
        table_f16[p] = (float)softplus_negative(half_value(p));
    for (uint32_t p = 0; p <= SOFTPLUS_BF16_LAST; p++)
        table_bf16[p] = (float)softplus_negative(bfloat_value(p));
}

const struct softplus_binary64 *softplus_table64(void)
{
    pthread_once(&table64_once, compute_table64);
    return table64;
}

const float *softplus_table_f16(void)
{
    pthread_once(&tables16_once, compute_tables16);
    return table_f16;
}

const float *softplus_table_bf16(void)
{
    pthread_once(&tables16_once, compute_tables16);
    return table_bf16;
}
