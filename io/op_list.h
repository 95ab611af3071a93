// Op list: how a scenario's `ops` array (and each repeat's) is read, shared by the scenario reader
// (io/scenario_json.cc) and the free-threaded one (io/ft_scenario_json.cc): the nesting bound, the
// array check, then one operation per element with its path "ops[i]".
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/scenario_json.h"

namespace refsim {

/// Reads `j` into `out`: `read_one(element, element_path, depth, op)` per element, in order,
/// stopping at the first false; `fail(path, message)` reports a list nested deeper than
/// kMaxRepeatDepth or one that is not an array (and returns false).
template <class Op, class ReadOne, class Fail>
bool read_op_list(const nlohmann::ordered_json& j, const std::string& path, int depth, std::vector<Op>& out,
                  ReadOne&& read_one, Fail&& fail) {
  if (depth > kMaxRepeatDepth)
    return fail(path, "repeat nested deeper than " + std::to_string(kMaxRepeatDepth) + " levels");
  if (!j.is_array()) return fail(path, std::string("expected an array, got ") + j.type_name());
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    Op op;
    if (!read_one(j[i], path + "[" + std::to_string(i) + "]", depth, op)) return false;
    out.push_back(std::move(op));
  }
  return true;
}

}  // namespace refsim
