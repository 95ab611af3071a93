// Generators of the names and of runtimes.
#include "props/gen/runtime.h"

#include "model/runtime.h"
#include "props/gen/counts.h"

namespace refsim::props::gen {

namespace {
/// Every value of a names.def table: a new row joins every generator without an edit.
template <class E>
std::vector<E> all() {
  const auto values = values_of<E>();
  return {values.begin(), values.end()};
}
}  // namespace

std::vector<Version> all_versions() { return all<Version>(); }
std::vector<Origin> all_origins() { return all<Origin>(); }
std::vector<Kind> all_kinds() { return all<Kind>(); }
std::vector<Strategy> all_strategies() { return all<Strategy>(); }

rc::Gen<Version> version(std::vector<Version> among) {
  return pick(among.empty() ? all_versions() : among);
}
rc::Gen<unsigned> width(std::vector<unsigned> among) {
  return pick(among.empty() ? std::vector<unsigned>{64, 32, 16, 8} : among);
}
rc::Gen<Kind> kind(std::vector<Kind> among) { return pick(among.empty() ? all_kinds() : among); }
rc::Gen<Origin> origin(std::vector<Origin> among) {
  return pick(among.empty() ? all_origins() : among);
}

rc::Gen<RuntimeSpec> runtime(const RuntimeFilter& filter) {
  std::vector<Version> versions;
  const std::vector<Strategy> strategies = filter.strategies.empty() ? all_strategies() : filter.strategies;
  for (Version v : filter.versions.empty() ? all_versions() : filter.versions)
    for (Strategy s : strategies)
      if (strategy_applies(s, v)) {
        versions.push_back(v);
        break;
      }
  return rc::gen::exec([=] {
    RuntimeSpec rt;
    rt.version = *version(versions);
    std::vector<Strategy> applicable;
    for (Strategy s : strategies)
      if (strategy_applies(s, rt.version)) applicable.push_back(s);
    rt.strategy = *pick(applicable);
    rt.width = Width{*width(filter.widths)};
    rt.debug = *pick(filter.debug);
    if (rt.strategy == Strategy::PeriodicReset) {
      // Periods that reset every few steps, every few hundred, or rarely.
      const auto scale = *uniform(0, 2);
      const std::uint64_t top = scale == 0 ? 16 : scale == 1 ? 4096 : std::uint64_t{1} << 40;
      rt.params.period = *uniform(1, top);
      rt.params.only_if_legacy = *rc::gen::arbitrary<bool>();
    }
    return rt;
  });
}

}  // namespace refsim::props::gen
