# The engine's own tests: fast engine against the stepwise reference, events, repeats, strategies.
add_executable(refsim_model_tests
  ${CMAKE_CURRENT_LIST_DIR}/model/combos.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/equivalence_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/loop_equivalence_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/loop_semantics_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/engine_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/model/step_table_test.cc
)
target_link_libraries(refsim_model_tests PRIVATE refsim_model GTest::gtest_main)
if(REFSIM_SANITIZE)
  target_compile_definitions(refsim_model_tests PRIVATE REFSIM_SANITIZED)
endif()
add_test(NAME model COMMAND refsim_model_tests)
