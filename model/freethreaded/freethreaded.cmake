# The free-threaded (biased reference counting) model and its engine: a library the scenario runner
# reaches through io/ft_scenario_json and tools/run_command.
include_guard(GLOBAL)
add_library(refsim_freethreaded STATIC
  ${CMAKE_CURRENT_LIST_DIR}/biased_refcount.cc
  ${CMAKE_CURRENT_LIST_DIR}/narrow_refcount.cc
  ${CMAKE_CURRENT_LIST_DIR}/brc.cc
  ${CMAKE_CURRENT_LIST_DIR}/ft_scenario.cc
  ${CMAKE_CURRENT_LIST_DIR}/ft_jump.cc
  ${CMAKE_CURRENT_LIST_DIR}/ft_repeat.cc
  ${CMAKE_CURRENT_LIST_DIR}/ft_engine.cc
  ${CMAKE_CURRENT_LIST_DIR}/ft_engine_jumps.cc
)
target_include_directories(refsim_freethreaded PUBLIC ${PROJECT_SOURCE_DIR})
