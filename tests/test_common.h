/* A minimal test reporter: CHECK prints the failing case, the summary line is the plain
 * "N passed, M failed" that ctest logs and CI read. */
#ifndef SCEBENCH_TEST_COMMON_H
#define SCEBENCH_TEST_COMMON_H

#include <stdint.h>
#include <stdio.h>

static int tests_passed, tests_failed;

#define CHECK(condition, ...)                                                                      \
    do {                                                                                           \
        if (condition) {                                                                           \
            tests_passed++;                                                                        \
        } else {                                                                                   \
            tests_failed++;                                                                        \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            putchar('\n');                                                                         \
        }                                                                                          \
    } while (0)

/* SplitMix64: the next of a reproducible sequence of 64-bit values from *state (each test
 * keeps its own state and seed). */
static inline uint64_t splitmix64_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", tests_passed, tests_failed);
    return tests_failed ? 1 : 0;
}

#endif
