// A claim scope's list: the runtimes, builds, strategies or kinds it names.
#pragma once

#include <algorithm>
#include <vector>

namespace refsim::campaign {

/// Whether a scope's list names `value`.
template <class T>
bool listed(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace refsim::campaign
