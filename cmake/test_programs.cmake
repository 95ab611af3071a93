# The test programs' compile settings: one precompiled header for every googletest program, and the
# optimization of the test programs' own code.
#
# Precompiled header: <gtest/gtest.h> and <nlohmann/json.hpp> are parsed once per build instead of
# once per test file (about 0.65 s and 0.6 s of CPU per file). Every executable of the given
# directories that links GTest reuses it, also those added later.
#
# Optimization: a test program's own code (assertions, fixtures, expected values) compiles at
# REFSIM_TEST_CODE_OPTIMIZATION, -O0 by default: at -O2 the optimizer spends most of a test file's
# compile time on googletest's expanded macros (refsim_io_tests' first unity unit: 20.1 s of user
# CPU at -O2 -g, 19.6 s at -O1, 8.6 s at -O0 -g), for code that runs once. The code under test, the
# libraries and the refsim command the tests run, keeps the build type's optimization: tests check
# what ships.
# A test program whose own code computes (sweeps over states, property generators, the conformance
# model side) sets the target property REFSIM_TEST_OPTIMIZED and keeps the build type's flags too: at
# -O0 the model tests ran 54 -> 74 s, the free-threaded 24 -> 37 s, the properties 13 -> 22 s.
# Usage: refsim_configure_test_programs(DIR...) after the directories are added.

# refsim_test_programs_of(OUT DIR...): the C++ executables of the directories that link GTest.
function(refsim_test_programs_of out)
  set(programs "")
  foreach(dir IN LISTS ARGN)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      get_target_property(libraries ${target} LINK_LIBRARIES)
      get_target_property(sources ${target} SOURCES)
      # C++ only: a program with C sources would need a C header too.
      if(type STREQUAL "EXECUTABLE" AND "${libraries}" MATCHES "GTest::" AND NOT "${sources}" MATCHES "\\.c(;|$)")
        list(APPEND programs ${target})
      endif()
    endforeach()
  endforeach()
  set(${out} ${programs} PARENT_SCOPE)
endfunction()

# refsim_test_pch(NAME OPTIONS...): an object library whose precompiled header others reuse. A
# precompiled header can only be reused with the flags it was made with (clang refuses one made
# with __OPTIMIZE__ in a unit without it), so there is one per optimization.
function(refsim_test_pch name)
  file(WRITE ${CMAKE_BINARY_DIR}/${name}.cc "// The source of the shared test PCH target ${name}.\n")
  add_library(${name} OBJECT ${CMAKE_BINARY_DIR}/${name}.cc)
  target_link_libraries(${name} PRIVATE GTest::gtest nlohmann_json::nlohmann_json)
  target_precompile_headers(${name} PRIVATE <gtest/gtest.h> <nlohmann/json.hpp>)
  target_compile_options(${name} PRIVATE ${ARGN})
endfunction()

function(refsim_configure_test_programs)
  refsim_test_programs_of(programs ${ARGN})
  set(lowered ${REFSIM_TEST_CODE_OPTIMIZATION})
  set(optimized_pch refsim_test_pch)
  if(REFSIM_PRECOMPILED_HEADERS)
    refsim_test_pch(refsim_test_pch ${lowered})
    if(lowered)
      refsim_test_pch(refsim_test_pch_optimized)
      set(optimized_pch refsim_test_pch_optimized)
    endif()
  endif()
  foreach(target IN LISTS programs)
    get_target_property(optimized ${target} REFSIM_TEST_OPTIMIZED)
    get_target_property(own ${target} PRECOMPILE_HEADERS)
    set(pch ${optimized_pch})
    if(NOT optimized AND lowered)
      target_compile_options(${target} PRIVATE ${lowered})
      set(pch refsim_test_pch)
    endif()
    if(REFSIM_PRECOMPILED_HEADERS AND NOT own)
      target_precompile_headers(${target} REUSE_FROM ${pch})
    endif()
  endforeach()
endfunction()
