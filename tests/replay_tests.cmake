# Replay tests: `refsim replay` in-process on temporary corpora (well under a second).
add_executable(refsim_replay_tests
  ${CMAKE_CURRENT_LIST_DIR}/replay/replay_test.cc
  ${PROJECT_SOURCE_DIR}/tools/replay_command.cc
)
target_link_libraries(refsim_replay_tests PRIVATE refsim_campaign GTest::gtest_main)
add_test(NAME replay COMMAND refsim_replay_tests)
