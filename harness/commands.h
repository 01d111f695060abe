/* The scebench commands; each returns the process exit code. */
#ifndef SCEBENCH_COMMANDS_H
#define SCEBENCH_COMMANDS_H

#include "registry.h"

int command_list(int argc, char **argv);
int command_eval(int argc, char **argv);
int command_sweep(int argc, char **argv);

/* The modes an implementation provides for a format, in report order; returns the count. */
int implementation_modes(const struct implementation *impl, enum format format, enum mode *modes);

/* The mode `eval` uses when none is given: opmath where there is one (what frameworks do
 * on half tensors), else the only one provided. */
int implementation_default_mode(const struct implementation *impl, enum format format, enum mode *mode);

/* One evaluation of a kernel at (x, z), through the format's storage. */
double evaluate_point(kernel_fn *kernel, enum format format, double x, double z);

#endif
