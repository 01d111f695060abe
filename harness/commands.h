/* The scebench commands; each returns the process exit code. */
#ifndef SCEBENCH_COMMANDS_H
#define SCEBENCH_COMMANDS_H

#include "registry.h"

int command_list(int argc, char **argv);
int command_eval(int argc, char **argv);
int command_sweep(int argc, char **argv);
int command_report(int argc, char **argv);
int command_bench(int argc, char **argv);
int command_gate(int argc, char **argv);
int command_score(int argc, char **argv);
int command_reduce(int argc, char **argv);

/* The modes an implementation provides for a format, in report order; returns the count. */
int implementation_modes(const struct implementation *impl, enum format format, enum mode *modes);

/* The mode `eval` uses when none is given: opmath where there is one (what frameworks do
 * on half tensors), else the only one provided. */
int implementation_default_mode(const struct implementation *impl, enum format format, enum mode *mode);

/* One evaluation of a kernel at (x, z), through the format's storage. */
double evaluate_point(kernel_fn *kernel, enum format format, double x, double z);

/* --plugin PATH.so:SYMBOL of sweep and bench (harness/plugin.c; the ABI is
 * harness/scebench_plugin.h).  plugin_load loads the library and registers its kernel as one
 * more implementation (exit 2 with a one-line reason when it cannot); plugin_implementations
 * resolves an -i list over the built-in and loaded implementations ("all": every one; a list
 * that names no plugin gets the loaded plugins appended), like cli_implementations when no
 * plugin is loaded. */
const struct implementation *plugin_load(const char *command, const char *spec);
size_t plugin_count(void);
size_t plugin_implementations(const char *command, const char *option, const char *text,
                              const struct implementation **out, size_t capacity);

/* sweep --emit-inputs FILE (harness/inputs_file.c): writes the suite's inputs of the request's
 * one format and its target sets, instead of evaluating; returns the exit code. */
struct sweep_request;
int sweep_emit_inputs(const char *path, const struct sweep_request *request);

#endif
