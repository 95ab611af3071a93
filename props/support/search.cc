// Search: running an expected failure through RapidCheck and keeping its shrunk counterexample.
#include "props/support/search.h"

#include <rapidcheck.h>
#include <rapidcheck/detail/TestListenerAdapter.h>

#include <sstream>

#include "io/scenario_writer.h"
#include "props/support/prop.h"

namespace refsim::props {

Size size_of(const Scenario& s) {
  Size size;
  size.ops = s.ops.size();
  for (const Op& op : s.ops) size.total += op.count;
  return size;
}

std::string one_line(const Scenario& s) { return scenario_json(s).dump(); }

Found search(const std::string& id, const std::function<Scenario()>& draw,
             const std::function<bool(const Scenario&)>& fails, int max_cases, std::uint64_t seed_offset) {
  Found found;
  const auto property = rc::detail::toProperty([&] {
    const Scenario s = draw();
    ++found.evaluations;
    if (!found.failed) ++found.cases;
    if (fails(s)) {
      found.failed = true;
      found.shrunk = s;
      if (!found.smallest || size_of(s) < size_of(*found.smallest)) found.smallest = s;
      RC_FAIL("fails");
    }
  });
  rc::detail::TestMetadata metadata;
  metadata.id = id;
  metadata.description = id;
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = max_cases > 0 ? max_cases : std::max(1000, 10 * params.maxSuccess);
  params.seed += seed_offset * 0x9E37'79B9'7F4A'7C15u;
  rc::detail::TestListenerAdapter silent;
  const rc::detail::TestResult result = rc::detail::checkProperty(property, metadata, params, silent);
  std::ostringstream report;
  rc::detail::printResultMessage(result, report);
  found.report = report.str();
  rc::detail::FailureResult failure;
  if (result.match(failure)) found.reproduce = reproduce_params(id, failure.reproduce);
  return found;
}

int Searches::runs_ending_at(const Scenario& s) const {
  int n = 0;
  for (const Found& f : runs) n += f.shrunk && one_line(*f.shrunk) == one_line(s);
  return n;
}

Searches search_restarts(const std::string& id, const std::function<Scenario()>& draw,
                         const std::function<bool(const Scenario&)>& fails, int restarts) {
  Searches out;
  for (int i = 0; i < restarts; ++i) {
    out.runs.push_back(search(id, draw, fails, 0, static_cast<std::uint64_t>(i)));
    const Found& f = out.runs.back();
    if (f.shrunk && (!out.best || size_of(*f.shrunk) < size_of(*out.best))) {
      out.best = f.shrunk;
      out.best_run = out.runs.size() - 1;
    }
  }
  return out;
}

}  // namespace refsim::props
