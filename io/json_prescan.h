// Scenario JSON, pass 1: a SAX scan of the bytes that bounds the nesting (kMaxJsonDepth), rejects
// duplicate keys and reports syntax errors with their byte offset, so that the document built
// afterwards (io/scenario_decoder.h) is known to be well-formed. It also keeps the source text of
// the numbers the document would round, so that messages quote what the file says.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "io/json_path.h"
#include "io/scenario_json.h"

namespace refsim::scenario_decoding {

class Prescan final : public nlohmann::json_sax<Json> {
 public:
  std::optional<SpecError> error;
  /// The source text of every non-integer number (and integer too large for 64 bits), by path,
  /// so that messages quote what the file says rather than a rounded double.
  std::unordered_map<std::string, std::string> float_text;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t& text) override {
    float_text[next_path()] = text;
    return scalar();
  }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    Frame& frame = stack_.back();
    if (!frame.keys.insert(key).second) {
      error = SpecError{child(frame.path, key), "duplicate field"};
      return false;
    }
    frame.key = key;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // what() is "[json.exception.parse_error.101] parse error at line L, column C: <reason>".
    std::string_view what = ex.what();
    std::string where = "malformed JSON at byte " + std::to_string(position);
    if (auto at = what.find("parse error at "); at != std::string_view::npos) {
      what.remove_prefix(at + 15);
      if (auto colon = what.find(": "); colon != std::string_view::npos) {
        where += " (" + std::string(what.substr(0, colon)) + ")";
        what.remove_prefix(colon + 2);
      }
    }
    error = SpecError{"", where + ": " + std::string(what)};
    return false;
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::size_t next = 0;  // arrays: index of the next element
    std::string key;       // objects: the current key
    std::unordered_set<std::string> keys;
  };

  std::string next_path() const {
    if (stack_.empty()) return "";
    const Frame& frame = stack_.back();
    return frame.object ? child(frame.path, frame.key) : item(frame.path, frame.next);
  }
  bool scalar() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().next;
    return true;
  }
  bool open(bool object) {
    std::string path = next_path();
    scalar();
    if (stack_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      error = SpecError{path, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
      return false;
    }
    Frame frame;
    frame.object = object;
    frame.path = std::move(path);
    stack_.push_back(std::move(frame));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::vector<Frame> stack_;
};

}  // namespace refsim::scenario_decoding
