/* The storage formats, by name only (storage.h describes and converts them).  Kept apart so
 * that C++ (the CUDA part) can name a format without storage.h's C99 initializers. */
#ifndef SCEBENCH_FORMAT_H
#define SCEBENCH_FORMAT_H

enum format { FORMAT_F64, FORMAT_F32, FORMAT_F16, FORMAT_BF16, FORMAT_COUNT };

#endif
