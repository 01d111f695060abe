# Tests of `scebench reduce` (issue 7): the exact sums and the summation strategies, the
# weighted references and implementations, Caffe's loss layer, the command line.  Each prints
# "N passed, M failed" and exits non-zero on any failure.
foreach(name test_reduction_sum test_reduction_weighted test_reduction_caffe)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${name}.c)
    add_executable(${name} ${CMAKE_CURRENT_SOURCE_DIR}/${name}.c)
    target_include_directories(${name} PRIVATE ${TEST_INCLUDES})
    target_link_libraries(${name} PRIVATE scebench_harness)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES TIMEOUT 600)
  endif()
endforeach()

if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/test_reduction_cli.sh)
  add_test(NAME reduction_cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_reduction_cli.sh $<TARGET_FILE:scebench>)
  set_tests_properties(reduction_cli PROPERTIES TIMEOUT 600)
endif()
