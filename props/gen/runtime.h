// Generators of the names: runtimes (version, width including the scaled ones, debug, strategy with
// its parameters), object kinds and code origins. Every generator shrinks towards the first row of
// its table (3.11, core, none, as-shipped) or the first value it is given.
#pragma once

#include <rapidcheck.h>

#include <vector>

#include "model/names.h"
#include "model/scenario.h"
#include "props/gen/counts.h"

namespace refsim::props::gen {

/// Which runtimes a property draws from. Empty lists mean every value.
struct RuntimeFilter {
  std::vector<Version> versions;
  std::vector<unsigned> widths;          ///< of 64, 32, 16, 8
  std::vector<Strategy> strategies;      ///< only those that apply to the version are drawn
  std::vector<bool> debug = {false, true};
};

/// One of `among`, shrinking towards the first (rc::gen::elementOf does not shrink at all).
template <class T>
rc::Gen<T> pick(std::vector<T> among);

rc::Gen<Version> version(std::vector<Version> among = {});
rc::Gen<unsigned> width(std::vector<unsigned> among = {});
rc::Gen<Kind> kind(std::vector<Kind> among = {});
rc::Gen<Origin> origin(std::vector<Origin> among = {});

/// A runtime from the filter; periodic-reset gets a period (small, medium, or up to 2^40) and
/// only_if_legacy. Versions with no applicable strategy in the filter are not drawn.
rc::Gen<RuntimeSpec> runtime(const RuntimeFilter& filter = {});

/// Every version, origin, kind, strategy (table order).
std::vector<Version> all_versions();
std::vector<Origin> all_origins();
std::vector<Kind> all_kinds();
std::vector<Strategy> all_strategies();

template <class T>
rc::Gen<T> pick(std::vector<T> among) {
  const auto index = integer_below(among.size());
  return rc::gen::map(index, [among](std::uint64_t i) { return among[i]; });
}

}  // namespace refsim::props::gen
