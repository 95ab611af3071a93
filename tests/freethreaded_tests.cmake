# The free-threaded model's tests: hand-computed cases on 3.14t 64-bit, exhaustive checks at the
# scaled widths, and conformance against the real inline code of a header set with Py_GIL_DISABLED.
include(${PROJECT_SOURCE_DIR}/model/freethreaded/freethreaded.cmake)
add_executable(refsim_freethreaded_tests
  ${CMAKE_CURRENT_LIST_DIR}/freethreaded/hand_cases_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/freethreaded/exhaustive_test.cc
)
target_link_libraries(refsim_freethreaded_tests PRIVATE refsim_freethreaded GTest::gtest_main)
add_test(NAME freethreaded COMMAND refsim_freethreaded_tests)
