# Docs tests: the documentation stays inside the repository (no link to the notes outside it, every
# relative link of README.md and docs/*.md resolves, README.md at most 250 lines).
add_test(NAME docs_links COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/docs_links.sh ${PROJECT_SOURCE_DIR})
# A check of the source tree, not of a build: the asan test preset leaves it to the dev one.
set_tests_properties(docs_links PROPERTIES LABELS source-tree)
