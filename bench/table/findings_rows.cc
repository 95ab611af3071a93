// Finding rows (item 5): time to the first finding of each known finding class, from the text
// ci/fuzz-findings prints.
#include "bench/table/sections.h"

namespace refsim::bench {

void add_finding_rows(const std::optional<std::string>& text, std::vector<Row>& rows) {
  if (!text) {
    rows.push_back({"5 fuzzing", "time to first finding, per known class (median of >= 5 seeds)", "-", "-", "-",
                    "< 10 s median", Verdict::Missing, "ci/fuzz-findings not in this tree"});
    return;
  }
}

}  // namespace refsim::bench
