// Schema names: the enums of docs/schemas/ list exactly the names of model/names.def, so that a new
// version, kind, origin, strategy, event or action cannot be missing from the published schemas. In
// the test build REFSIM_FICTIONAL_ROWS, the real rows, which come first: the schemas do not list the
// fictional ones (docs/ADDING-A-VERSION.md, "What is not yet a row").
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/read_file.h"
#include "model/names.h"

namespace refsim {
namespace {

using SchemaJson = nlohmann::json;

SchemaJson schema(const char* name) {
  return SchemaJson::parse(read_file(std::string(REFSIM_SOURCE_DIR "/docs/schemas/") + name).bytes);
}

template <class E>
std::vector<std::string> table_names() {
  std::vector<std::string> out;
  for (const auto& row : Names<E>::rows) out.emplace_back(row.name);
  return out;
}

/// The schema's enum is the table's names. A test build that appends rows to names.def
/// (REFSIM_EXTRA_ROWS, tests/rows/) appends them last, and the schemas leave them out: there the
/// enum is the table's beginning.
template <class E>
void expect_names(const SchemaJson& schema_enum) {
  std::vector<std::string> names = table_names<E>();
#ifdef REFSIM_EXTRA_ROWS
  if (names.size() > schema_enum.size()) names.resize(schema_enum.size());
#endif
  EXPECT_EQ(schema_enum.get<std::vector<std::string>>(), names);
}

TEST(SchemaNames, everySchemaEnumIsItsNameTable) {
  for (const char* name : {"refsim-scenario-1.schema.json", "refsim-scenario-2.schema.json", "refsim-report-2.schema.json"}) {
    SCOPED_TRACE(name);
    const SchemaJson defs = schema(name)["$defs"];
    expect_names<Version>(defs["version"]["enum"]);
    expect_names<Kind>(defs["kind"]["enum"]);
    expect_names<Strategy>(defs["strategy"]["enum"]);
    expect_names<EventKind>(defs["event"]["enum"]);
    expect_names<Action>(defs["action"]["enum"]);
  }
  expect_names<Origin>(schema("refsim-scenario-1.schema.json")["$defs"]["origin"]["enum"]);
}

}  // namespace
}  // namespace refsim
