# Which code a build with the libFuzzer targets compiles with libFuzzer's coverage instrumentation,
# and at which optimization, read from the compile commands CMake exported (compile_commands.json).
# A library that loses the instrumentation leaves the fuzzers blind to its branches without any other
# test failing; a test program that gains it runs several times slower (docs/CI-TIME.md).
#   -DCOMMANDS=<build>/compile_commands.json
#   -DFUZZ_TARGETS=a,b,...      the libFuzzer targets of the build
#   -DIN_LIBRARIES=ON|OFF       REFSIM_FUZZ_COVERAGE_IN_LIBRARIES
#   -DTOOL_OPTIMIZATION=-O0|""  REFSIM_TOOL_CODE_OPTIMIZATION
# Checks: every unit of a libFuzzer target, and with IN_LIBRARIES of every library they link (the
# list below), carries -fsanitize=fuzzer-no-link; no other unit does (the test programs, compare,
# verify, the command). The code around the model (the second list) ends with TOOL_OPTIMIZATION's
# flag when it is set; the model, the free-threaded engine, the formats and the fuzz codecs keep the
# build type's (one -O flag, or the same one repeated).
cmake_minimum_required(VERSION 3.22)  # IN_LIST, string(JSON)
set(linked_by_fuzzers refsim_model refsim_freethreaded refsim_io refsim_fuzz refsim_fuzz_ft refsim_campaign)
set(around_the_model refsim_analysis refsim_campaign refsim_verify refsim)
set(kept_optimized refsim_model refsim_model_uninstrumented refsim_freethreaded refsim_io refsim_fuzz refsim_fuzz_ft)

string(REPLACE "," ";" fuzz_targets "${FUZZ_TARGETS}")
set(instrumented ${fuzz_targets})
if(IN_LIBRARIES)
  list(APPEND instrumented ${linked_by_fuzzers})
endif()

file(READ ${COMMANDS} commands)
string(JSON count LENGTH "${commands}")
math(EXPR last "${count} - 1")
set(seen "")
set(errors "")
foreach(i RANGE ${last})
  string(JSON command GET "${commands}" ${i} command)
  if(NOT command MATCHES "CMakeFiles/([^/ ]+)\\.dir/")
    continue()
  endif()
  set(target ${CMAKE_MATCH_1})
  list(APPEND seen ${target})
  string(FIND "${command}" "-fsanitize=fuzzer-no-link" at)
  if(target IN_LIST instrumented AND at EQUAL -1)
    list(APPEND errors "${target} is compiled without -fsanitize=fuzzer-no-link")
  elseif(NOT target IN_LIST instrumented AND NOT at EQUAL -1)
    list(APPEND errors "${target} is compiled with -fsanitize=fuzzer-no-link, though no libFuzzer target needs it")
  endif()
  string(REGEX MATCHALL " -O[0-9sgz]" levels " ${command}")
  list(REMOVE_DUPLICATES levels)
  list(GET levels -1 level)
  string(STRIP "${level}" level)
  if(TOOL_OPTIMIZATION AND target IN_LIST around_the_model AND NOT level STREQUAL TOOL_OPTIMIZATION)
    list(APPEND errors "${target} is compiled at ${level}, not REFSIM_TOOL_CODE_OPTIMIZATION's ${TOOL_OPTIMIZATION}")
  endif()
  list(LENGTH levels n_levels)
  if(target IN_LIST kept_optimized AND NOT n_levels EQUAL 1)
    list(JOIN levels "" joined)
    list(APPEND errors "${target} is compiled with more than the build type's optimization:${joined}")
  endif()
endforeach()

foreach(target IN LISTS instrumented around_the_model)
  if(NOT target IN_LIST seen)
    list(APPEND errors "no compile command of ${target} in ${COMMANDS}")
  endif()
endforeach()
list(REMOVE_DUPLICATES errors)
if(errors)
  list(JOIN errors "\n  " text)
  message(FATAL_ERROR "instrumentation scope:\n  ${text}")
endif()
list(REMOVE_DUPLICATES seen)
list(LENGTH seen n_targets)
message(STATUS "instrumentation scope: ${n_targets} targets' compile commands as expected")
