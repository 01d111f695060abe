/* A minimal test reporter: CHECK prints the failing case, the summary line is the plain
 * "N passed, M failed" that ctest logs and CI read. */
#ifndef SCEBENCH_TEST_COMMON_H
#define SCEBENCH_TEST_COMMON_H

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

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", tests_passed, tests_failed);
    return tests_failed ? 1 : 0;
}

#endif
