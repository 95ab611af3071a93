# Replay tests: `refsim replay` in-process on temporary corpora (well under a second).
add_executable(refsim_replay_tests
  ${CMAKE_CURRENT_LIST_DIR}/replay/replay_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/replay/replay_outputs_test.cc
  ${PROJECT_SOURCE_DIR}/tools/replay_command.cc
  ${PROJECT_SOURCE_DIR}/tools/replay_report.cc
)
target_link_libraries(refsim_replay_tests PRIVATE refsim_campaign GTest::gtest_main)
add_test(NAME replay COMMAND refsim_replay_tests)

# The whole bundled corpus through the command itself, as users and CI run it: every scenario's
# expect block and every regression input's sidecar must hold (exit 0).
add_test(NAME replay_corpus COMMAND refsim replay --report ${CMAKE_CURRENT_BINARY_DIR}/replay-corpus.json
                                    ${PROJECT_SOURCE_DIR}/corpus)
