/* scebench report RESULTS.json [BENCH.json ...] [REDUCTION.json ...] -o DIR
 *
 * Writes DIR/index.html (one self-contained page: tables and inline SVG plots), DIR/report.md,
 * the tables as CSV and the plots as SVG and PNG (drawn by gnuplot), atomically: see
 * reports/report.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "report.h"

static const char *const command = "report";

int command_report(int argc, char **argv)
{
    const char *output = NULL;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t input_count = 0;
    size_t line_length = strlen("scebench report") + 1;
    int options_done = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        line_length += strlen(a) + 1;
        if (!options_done && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0))
            output = cli_value(command, argc, argv, &i), line_length += strlen(argv[i]) + 1;
        else if (!options_done && strcmp(a, "--") == 0)
            options_done = 1;
        else if (!options_done && a[0] == '-' && a[1] != '\0')
            cli_fail(command, "unknown option '%s' (accepted: -o DIR; inputs: RESULTS.json [BENCH.json ...] "
                              "[REDUCTION.json ...])", a);
        else
            inputs[input_count++] = a;
    }
    if (input_count == 0)
        cli_fail(command, "missing input: a results file from `scebench sweep -o` (then bench and reduction files)");
    if (!output)
        cli_fail(command, "-o DIR: missing (the directory to write index.html, report.md, CSV and plots into)");
    char *line = malloc(line_length + 1);
    strcpy(line, "scebench report");
    for (int i = 0; i < argc; i++) {
        strcat(line, " ");
        strcat(line, argv[i]);
    }
    char error[REPORT_ERROR_SIZE];
    int status = report_generate(inputs, input_count, output, line, error, sizeof error);
    if (status != 0)
        fprintf(stderr, "scebench report: %s\n", error);
    else
        printf("%s/index.html\n", output);
    free(line);
    free(inputs);
    return status;
}
