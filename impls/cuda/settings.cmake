# impls/cuda: scebench's CUDA kernels (built when CMake finds nvcc) and their CPU twin (always).
# Included by the top-level CMakeLists.txt.  The twin's C files and cuda_accurate.c compile with
# the rest of scebench_impls; they share the simd family's arithmetic (impls/simd).
set(CUDA_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
target_include_directories(scebench_impls PUBLIC ${CUDA_DIRECTORY} ${CMAKE_SOURCE_DIR}/impls/simd)

option(SCEBENCH_CUDA "Build the CUDA kernels when nvcc is found" ON)
if(SCEBENCH_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
endif()
if(SCEBENCH_CUDA AND CMAKE_CUDA_COMPILER)
  # sm_90 (H100, H200) as machine code, and PTX of it for newer GPUs to compile at load time.
  set(CMAKE_CUDA_ARCHITECTURES "90-real;90-virtual")
  enable_language(CUDA)
  # targets made before CUDA was enabled have no CUDA sources
  set_property(TARGET scebench_impls PROPERTY CUDA_ARCHITECTURES OFF)
  find_package(CUDAToolkit REQUIRED)
  file(GLOB CUDA_SOURCES CONFIGURE_DEPENDS ${CUDA_DIRECTORY}/*.cu)
  add_library(scebench_cuda STATIC ${CUDA_SOURCES})
  set_target_properties(scebench_cuda PROPERTIES CUDA_STANDARD 17 CUDA_STANDARD_REQUIRED ON POSITION_INDEPENDENT_CODE ON)
  target_include_directories(scebench_cuda PRIVATE ${CUDA_DIRECTORY} ${CMAKE_SOURCE_DIR}/impls
                             ${CMAKE_SOURCE_DIR}/impls/simd)
  # No -use_fast_math and no FMA contraction: the accurate kernels spell every rounding
  # (lane_ops.h); cuda-fast calls its approximations by name.
  target_compile_options(scebench_cuda PRIVATE $<$<COMPILE_LANGUAGE:CUDA>:-fmad=false -Xcompiler=-fno-fast-math>)
  target_link_libraries(scebench_cuda PUBLIC CUDA::cudart_static)
  target_compile_definitions(scebench_impls PUBLIC SCEBENCH_HAVE_CUDA=1)
  target_link_libraries(scebench_impls PUBLIC scebench_cuda)
  message(STATUS "CUDA ${CMAKE_CUDA_COMPILER_VERSION}: building cuda-accurate and cuda-fast")
else()
  message(STATUS "nvcc not found (or SCEBENCH_CUDA=OFF): building without the CUDA kernels")
endif()
