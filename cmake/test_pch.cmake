# One precompiled header for every googletest program: <gtest/gtest.h> and <nlohmann/json.hpp> are
# parsed once per build instead of once per test file (about 0.65 s and 0.6 s of CPU per file).
# Every executable of the given directories that links GTest reuses it, also those added later.
# Usage: refsim_precompile_test_headers(DIR...) after the directories are added.
function(refsim_precompile_test_headers)
  file(WRITE ${CMAKE_BINARY_DIR}/refsim_test_pch.cc "// The source of the shared test PCH target.\n")
  add_library(refsim_test_pch OBJECT ${CMAKE_BINARY_DIR}/refsim_test_pch.cc)
  target_link_libraries(refsim_test_pch PRIVATE GTest::gtest nlohmann_json::nlohmann_json)
  target_precompile_headers(refsim_test_pch PRIVATE <gtest/gtest.h> <nlohmann/json.hpp>)
  foreach(dir IN LISTS ARGN)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      get_target_property(libraries ${target} LINK_LIBRARIES)
      get_target_property(own ${target} PRECOMPILE_HEADERS)
      get_target_property(languages ${target} SOURCES)
      # C++ only: a program with C sources would need a C header too.
      if(type STREQUAL "EXECUTABLE" AND "${libraries}" MATCHES "GTest::" AND NOT own AND
         NOT "${languages}" MATCHES "\\.c(;|$)")
        target_precompile_headers(${target} REUSE_FROM refsim_test_pch)
      endif()
    endforeach()
  endforeach()
endfunction()
