// Scenario JSON, pass 2: a well-formed document (io/json_prescan.h checked it) -> Scenario and its
// expect block, field by field; the first problem found wins and names its JSON path. The runtime
// and the objects are read in io/scenario_decoder.cc, the operations in io/scenario_op_decoder.cc.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/json_path.h"
#include "io/scenario_json.h"

namespace refsim::scenario_decoding {

inline constexpr std::uint64_t kMaxCount = std::numeric_limits<std::uint64_t>::max();
inline constexpr std::int64_t kMaxRefs = std::numeric_limits<std::int64_t>::max();

class Decoder {
 public:
  /// `float_text`: the source text of the document's non-integer numbers by path (the pre-scan's).
  Decoder(std::string_view default_name, const std::unordered_map<std::string, std::string>& float_text)
      : default_name_(default_name), float_text_(float_text) {}

  /// The first problem found, once document() has returned false.
  std::optional<SpecError> error;

  /// Reads the whole document into `out`; false (and `error`) at the first problem.
  bool document(const Json& root, ScenarioFile& out);

 private:
  bool fail(const std::string& path, std::string message);
  /// A value in a message: numbers as the file wrote them.
  std::string source(const Json& j, const std::string& path) const;
  static const Json* find(const Json& j, std::string_view key);

  bool typed(bool ok, const Json& j, const std::string& path, std::string_view expected);
  bool object(const Json& j, const std::string& path) { return typed(j.is_object(), j, path, "an object"); }
  bool array(const Json& j, const std::string& path) { return typed(j.is_array(), j, path, "an array"); }
  bool boolean(const Json& j, const std::string& path, bool& out);
  bool string(const Json& j, const std::string& path, std::string& out);
  /// Every key of `j` must be one of `allowed`; the first other one (in file order) is an error.
  bool fields(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed);
  bool require(const Json& j, const std::string& path, std::string_view key, const Json*& out);

  /// A name of one of names.def's tables (`what` says which in the message).
  template <class E>
  bool name(const Json& j, const std::string& path, std::string_view what, E& out) {
    std::string text;
    if (!string(j, path, text)) return false;
    const std::optional<E> value = parse_name<E>(text);
    if (!value) return fail(path, "unknown " + std::string(what) + " " + in_quotes(text));
    out = *value;
    return true;
  }

  /// An integer in [lo, hi]; `range` completes the message for a value outside it.
  bool integer(const Json& j, const std::string& path, bool decimal_strings, Int128 lo, Int128 hi,
               const std::string& range, Int128& out);
  bool count(const Json& j, const std::string& path, std::uint64_t min, std::uint64_t& out);
  bool word(const Json& j, const std::string& path, Width width, Word& out);

  bool runtime(const Json& j, RuntimeSpec& out);
  bool objects(const Json& j, Scenario& s);

  // io/scenario_op_decoder.cc
  bool ops(const Json& j, const std::string& path, int depth, std::vector<Op>& out);
  bool op(const Json& j, const std::string& path, int depth, Op& out);
  /// A stack reference's name: its index, numbered in order of first mention.
  bool ref(const Json& j, const std::string& path, std::size_t& out);

  std::string default_name_;
  const std::unordered_map<std::string, std::string>& float_text_;
  std::unordered_map<std::string, std::size_t> ids_;
  std::unordered_map<std::string, std::size_t> ref_ids_;
  std::vector<std::string>* refs_ = nullptr;
  int version_ = 2;  ///< the format's version: 1 lacks the runtime's own operations
  Width width_{64};
};

}  // namespace refsim::scenario_decoding
