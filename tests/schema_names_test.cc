// Schema names: the enums of docs/schemas/ list exactly the names of model/names.def, so that a new
// version, kind, origin, strategy, event or action cannot be missing from the published schemas. In
// the test build REFSIM_FICTIONAL_ROWS, exactly the real rows: the schemas do not list the fictional
// ones (docs/ADDING-A-VERSION.md, "What is not yet a row").
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/read_file.h"
#include "model/names.h"

namespace refsim {
namespace {

using Json = nlohmann::json;

Json schema(const char* name) {
  return Json::parse(read_file(std::string(REFSIM_SOURCE_DIR "/docs/schemas/") + name).bytes);
}

/// The names of the rows a test build appends to names.def (REFSIM_EXTRA_ROWS), of every table.
std::vector<std::string_view> appended_names() {
  std::vector<std::string_view> out;
#ifdef REFSIM_EXTRA_ROWS
#define REFSIM_NAME_OF_ROW(id, name, ...) out.push_back(name);
#define REFSIM_VERSION REFSIM_NAME_OF_ROW
#define REFSIM_KIND REFSIM_NAME_OF_ROW
#define REFSIM_ORIGIN REFSIM_NAME_OF_ROW
#define REFSIM_STRATEGY REFSIM_NAME_OF_ROW
#define REFSIM_EVENT REFSIM_NAME_OF_ROW
#define REFSIM_ACTION REFSIM_NAME_OF_ROW
#include REFSIM_EXTRA_ROWS
#undef REFSIM_VERSION
#undef REFSIM_KIND
#undef REFSIM_ORIGIN
#undef REFSIM_STRATEGY
#undef REFSIM_EVENT
#undef REFSIM_ACTION
#undef REFSIM_NAME_OF_ROW
#endif
  return out;
}

/// The names of a table's real rows, in table order.
template <class E>
std::vector<std::string> table_names() {
  static const auto appended = appended_names();
  std::vector<std::string> out;
  for (const auto& row : Names<E>::rows)
    if (std::find(appended.begin(), appended.end(), row.name) == appended.end()) out.emplace_back(row.name);
  return out;
}

TEST(SchemaNames, everySchemaEnumIsItsNameTable) {
  for (const char* name : {"refsim-scenario-1.schema.json", "refsim-scenario-2.schema.json", "refsim-report-2.schema.json"}) {
    SCOPED_TRACE(name);
    const Json defs = schema(name)["$defs"];
    EXPECT_EQ(defs["version"]["enum"].get<std::vector<std::string>>(), table_names<Version>());
    EXPECT_EQ(defs["kind"]["enum"].get<std::vector<std::string>>(), table_names<Kind>());
    EXPECT_EQ(defs["strategy"]["enum"].get<std::vector<std::string>>(), table_names<Strategy>());
    EXPECT_EQ(defs["event"]["enum"].get<std::vector<std::string>>(), table_names<EventKind>());
    EXPECT_EQ(defs["action"]["enum"].get<std::vector<std::string>>(), table_names<Action>());
  }
  EXPECT_EQ(schema("refsim-scenario-1.schema.json")["$defs"]["origin"]["enum"].get<std::vector<std::string>>(),
            table_names<Origin>());
}

}  // namespace
}  // namespace refsim
