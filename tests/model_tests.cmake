# The engine's own tests: fast engine against the stepwise reference, events, repeats, strategies.
add_executable(refsim_model_tests
  ${CMAKE_CURRENT_LIST_DIR}/model/combos.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/equivalence_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/loop_equivalence_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/loop_semantics_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/engine_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/step_table_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/quiet_lanes_test.cc
)
target_link_libraries(refsim_model_tests PRIVATE ${REFSIM_MODEL_FOR_SUITES} GTest::gtest_main)
# Its sweeps over states and combinations run in the test code: optimized (cmake/test_programs.cmake).
set_target_properties(refsim_model_tests PROPERTIES REFSIM_TEST_OPTIMIZED ON)
# Sampled sweeps under the sanitizers and in the fictional-rows build (tests/model/combos.h).
if(REFSIM_SANITIZE OR REFSIM_FICTIONAL_ROWS)
  target_compile_definitions(refsim_model_tests PRIVATE REFSIM_SAMPLED_SWEEPS)
endif()
add_test(NAME model COMMAND refsim_model_tests)
refsim_test_cost(model 47 40)
# In a unity build (CMAKE_UNITY_BUILD) this file compiles alone: it is equivalence_test.cc's shape of
# test over the interpreter loop's origins, with helpers of the same names.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/model/loop_equivalence_test.cc PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
