# The free-threaded (biased reference counting) model: a library of its own until the engine uses it.
add_library(refsim_freethreaded STATIC
  ${CMAKE_CURRENT_LIST_DIR}/biased_refcount.cc
  ${CMAKE_CURRENT_LIST_DIR}/brc.cc
)
target_include_directories(refsim_freethreaded PUBLIC ${PROJECT_SOURCE_DIR})
