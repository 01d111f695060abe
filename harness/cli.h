/* Command-line helpers shared by the scebench commands: one-line errors with exit code 2,
 * and parsers for the lists the commands accept. */
#ifndef SCEBENCH_CLI_H
#define SCEBENCH_CLI_H

#include <stdint.h>
#include <stdnoreturn.h>
#include "registry.h"
#include "suites.h"

#define EXIT_USAGE 2

/* Prints "scebench COMMAND: MESSAGE" on stderr and exits with code 2. */
noreturn void cli_fail(const char *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* The value of option argv[*i] (the next argument), or a failure naming the option. */
const char *cli_value(const char *command, int argc, char **argv, int *i);

/* True when the argument reads as a number (so "-17" is a value, not an option). */
int cli_is_number(const char *argument);

/* Splits a comma list into at most `capacity` items of under 64 characters; returns the count.
 * An empty item, a longer one or too many fail with "OPTION: malformed list". */
size_t cli_split_list(const char *command, const char *option, const char *text, char items[][64],
                      size_t capacity);

/* Parsers: each fails with a message naming the option and what it accepts. */
enum format cli_format(const char *command, const char *option, const char *text);
int cli_formats(const char *command, const char *option, const char *text, enum format *formats);
const struct implementation *cli_implementation(const char *command, const char *option, const char *text);
/* "all" means every implementation of the selected target (cpu unless cli_select_target said
 * otherwise); naming an implementation that runs on a CUDA device fails with exit code 2 when
 * there is no device. */
size_t cli_implementations(const char *command, const char *option, const char *text,
                           const struct implementation **out);
/* Parses --target (cpu, cuda) and selects it for "all"; cuda fails unless this build has the
 * CUDA part and a device is present. */
enum target cli_select_target(const char *command, const char *option, const char *text);
enum target cli_selected_target(void);
int cli_functions(const char *command, const char *option, const char *text, int *selected);
int cli_target_sets(const char *command, const char *option, const char *text, enum target_set *sets);
uint64_t cli_unsigned(const char *command, const char *option, const char *text, uint64_t maximum);
enum mode cli_mode(const char *command, const char *option, const char *text);

/* Seconds of a monotonic clock. */
double monotonic_seconds(void);

/* calloc that never returns NULL: out of memory ends the process with a message (exit 1). */
void *allocate_or_exit(size_t count, size_t size);

/* "0x1.8p+0", "-inf", "nan": C99 hex floats, exact for every format. */
void hex_text(double value, char text[40]);

#endif
