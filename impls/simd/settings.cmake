# impls/simd: per-file instruction-set flags and the SLEEF peer (included by the top-level
# CMakeLists.txt).  Only the files named *_avx512*.c and *_avx2*.c get vector flags; simd.c,
# sleef_u10.c and libm_loop.c are plain C, so the dispatch code runs on any x86-64 and picks the
# kernels the CPU has.  No -mavx512bf16: the bf16 conversions are integer shifts (the BF16
# instruction flushes subnormal results).
# -fschedule-insns -fsched-pressure: GCC's x86 default leaves the instructions in source order;
# the kernels' long dependency chains fill Zen 4's FP scheduler, and scheduling before register
# allocation gave 5-13% (AVX-512) and up to 20% (AVX2, the fused kernel) more, measured.
set(SIMD_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
set(SIMD_AVX2_FLAGS -mavx2 -mfma -mf16c -fschedule-insns -fsched-pressure)
set(SIMD_AVX512_FLAGS -mavx512f -mavx512dq -mavx512bw -mavx512vl -mavx2 -mfma -mf16c -fschedule-insns -fsched-pressure)

file(GLOB SIMD_AVX2_SOURCES CONFIGURE_DEPENDS ${SIMD_DIRECTORY}/*_avx2*.c)
file(GLOB SIMD_AVX512_SOURCES CONFIGURE_DEPENDS ${SIMD_DIRECTORY}/*_avx512*.c)
set_source_files_properties(${SIMD_AVX2_SOURCES} TARGET_DIRECTORY scebench_impls
                            PROPERTIES COMPILE_OPTIONS "${SIMD_AVX2_FLAGS}")
set_source_files_properties(${SIMD_AVX512_SOURCES} TARGET_DIRECTORY scebench_impls
                            PROPERTIES COMPILE_OPTIONS "${SIMD_AVX512_FLAGS}")

# SLEEF (Debian libsleef-dev): the `sleef-u10` peer.  Without it that implementation is listed
# with no kernels, and the rest builds as usual.
find_path(SLEEF_INCLUDE_DIR sleef.h)
find_library(SLEEF_LIBRARY sleef)
if(SLEEF_INCLUDE_DIR AND SLEEF_LIBRARY)
  target_include_directories(scebench_impls PRIVATE ${SLEEF_INCLUDE_DIR})
  target_compile_definitions(scebench_impls PRIVATE SCEBENCH_HAVE_SLEEF=1)
  target_link_libraries(scebench_impls PUBLIC ${SLEEF_LIBRARY})
else()
  message(STATUS "SLEEF not found (libsleef-dev): sleef-u10 is built without kernels")
endif()
