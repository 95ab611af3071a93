// JSON checker: the checks a decoder of a JSON document makes at each member (an object, its known
// fields, a non-empty string, an integer in range), keeping the first problem with its JSON path
// (`ops[1].ops[0].thread`), as refsim's messages about bad input name it.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/scenario_json.h"
#include "model/names.h"
#include "model/scenario.h"

namespace refsim {

/// "ops[1]".
inline std::string json_at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }
/// "ops[1].thread"; a top-level key is its own path.
inline std::string json_child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
/// A name as JSON shows it, quoted and escaped.
inline std::string in_quotes(std::string_view s) { return nlohmann::ordered_json(std::string(s)).dump(); }

/// Every name of E's table for a message: "\"heap\", \"immortal\" or \"deferred\"".
template <class E>
std::string one_of() {
  std::string out;
  const std::size_t n = count_of<E>();
  for (std::size_t i = 0; i < n; ++i)
    out += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + in_quotes(Names<E>::rows[i].name);
  return out;
}

class JsonChecker {
 public:
  using Json = nlohmann::ordered_json;

  /// The first problem found, if any.
  std::optional<SpecError> error;

 protected:
  /// Records the problem (unless one is recorded already) and returns false.
  bool fail(const std::string& path, std::string message) {
    if (!error) error = SpecError{path, std::move(message)};
    return false;
  }
  static const Json* find(const Json& j, std::string_view key) {
    auto it = j.find(std::string(key));
    return it == j.end() ? nullptr : &*it;
  }
  bool object(const Json& j, const std::string& path) {
    return j.is_object() || fail(path, std::string("expected an object, got ") + j.type_name());
  }
  /// Every member of `j` is one of `allowed`.
  bool fields(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : j.items()) {
      bool known = false;
      for (std::string_view name : allowed) known = known || name == key;
      if (!known) return fail(json_child(path, key), "unknown field");
    }
    return true;
  }
  bool text(const Json& j, const std::string& path, std::string& out) {
    if (!j.is_string() || j.get<std::string>().empty()) return fail(path, "expected a non-empty string");
    out = j.get<std::string>();
    return true;
  }
  /// A JSON integer or decimal string in lo..hi.
  bool integer(const Json& j, const std::string& path, Int128 lo, Int128 hi, Int128& out) {
    const JsonNumber n = read_number(j, true);
    if (n.status == JsonNumber::Status::Ok && n.value >= lo && n.value <= hi) {
      out = n.value;
      return true;
    }
    return fail(path, j.dump() + " is not an integer in " + decimal(lo) + ".." + decimal(hi));
  }
};

}  // namespace refsim
