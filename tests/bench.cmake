# Tests of bench, gate, score and --plugin (issue 6).  Included by tests/CMakeLists.txt.

# The example plugin, built as a loadable module (example_plugin.so) with the harness's own
# warnings and sanitizers, and the helper that computes outputs "elsewhere" for score.
add_library(example_plugin MODULE ${CMAKE_SOURCE_DIR}/examples/plugin/example_plugin.c)
target_include_directories(example_plugin PRIVATE ${CMAKE_SOURCE_DIR}/harness)
target_link_libraries(example_plugin PRIVATE m)
set_target_properties(example_plugin PROPERTIES PREFIX "")

add_executable(test_plugin_outputs ${CMAKE_CURRENT_SOURCE_DIR}/test_plugin_outputs.c)
target_include_directories(test_plugin_outputs PRIVATE ${TEST_INCLUDES})
target_link_libraries(test_plugin_outputs PRIVATE scebench_harness)

# bench runs on a tiny size and writes every field (not a timed test); gate --bench.
add_test(NAME bench_and_gate_perf COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_gate_bench.sh $<TARGET_FILE:scebench>)
# gate fails on each kind of regression, passes on equal results, exit 2 on bad files.
add_test(NAME gate COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_gate.sh $<TARGET_FILE:scebench>
         ${CMAKE_SOURCE_DIR}/reports/baseline/quick.json)
# What CI runs: the quick suite gated against the checked-in baseline.
add_test(NAME gate_quick_baseline COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_gate_quick.sh $<TARGET_FILE:scebench>
         ${CMAKE_SOURCE_DIR}/reports/baseline/quick.json)
# --plugin with the example plugin; emit-inputs and score against sweep.
add_test(NAME plugin COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_plugin.sh $<TARGET_FILE:scebench>
         $<TARGET_FILE:example_plugin>)
add_test(NAME plugin_score COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_plugin_score.sh $<TARGET_FILE:scebench>
         $<TARGET_FILE:test_plugin_outputs>)
set_tests_properties(bench_and_gate_perf gate gate_quick_baseline plugin plugin_score PROPERTIES TIMEOUT 600)
