// Schema names: the enums of docs/schemas/ list exactly the names of model/names.def, so that a new
// version, kind, origin, strategy, event or action cannot be missing from the published schemas.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/names.h"

namespace refsim {
namespace {

using Json = nlohmann::json;

Json schema(const char* name) {
  std::ifstream in(std::string(REFSIM_SOURCE_DIR "/docs/schemas/") + name);
  return Json::parse(in);
}

template <class E>
std::vector<std::string> table_names() {
  std::vector<std::string> out;
  for (const auto& row : Names<E>::rows) out.emplace_back(row.name);
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
