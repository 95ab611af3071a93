// Scenario JSON: bytes -> JSON (a guarded pre-scan, then the document) -> Scenario -> check().
// The first problem found wins; its path is written as in the contract: `ops[1].ops[0].by`.
#include "io/scenario_json.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "io/expect.h"
#include "io/op_list.h"
#include "model/op_support.h"

namespace refsim {
namespace {

using Json = nlohmann::ordered_json;

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string item(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}
/// A JSON value as it appears in a message (strings quoted and escaped).
std::string shown(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }
std::string in_quotes(std::string_view text) { return shown(Json(std::string(text))); }
std::string hex(Word value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 0xf]);
    value >>= 4;
  } while (value != 0);
  return "0x" + out;
}

// --- pass 1: a SAX scan that bounds the nesting, rejects duplicate keys and reports syntax errors
// with their byte offset, so that the document built afterwards is known to be well-formed ----

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

// --- pass 2: the document -> Scenario ----------------------------------------------------------

/// The fields an operation may carry besides `op`, as bits.
enum OpField : unsigned { kObj = 1, kBy = 2, kCount = 4, kValue = 8, kOps = 16, kRef = 32, kAs = 64, kN = 128 };

struct FieldRow {
  OpField field;
  std::string_view name;
};
constexpr FieldRow kOpFields[] = {
    {kObj, "obj"}, {kBy, "by"}, {kCount, "count"}, {kValue, "value"}, {kOps, "ops"},
    {kRef, "ref"}, {kAs, "as"}, {kN, "n"}};

/// One row per operation (named by Names<OpCode>): the fields it allows and those it requires.
struct OpRow {
  OpCode code;
  unsigned allowed;
  unsigned required;
};
constexpr OpRow kOpRows[] = {
    {OpCode::Incref, kObj | kBy | kCount, kObj},
    {OpCode::Decref, kObj | kBy | kCount, kObj},
    {OpCode::SetRefcnt, kObj | kBy | kValue | kCount, kObj | kValue},
    {OpCode::Gc, 0, 0},
    {OpCode::Repeat, kCount | kOps, kOps},
    // refsim-scenario/2: the runtime's own code (docs/SCENARIO-OPS.md).
    {OpCode::StackNew, kObj | kRef, kObj | kRef},
    {OpCode::StackSteal, kObj | kRef, kObj | kRef},
    {OpCode::StackDup, kRef | kAs, kRef | kAs},
    {OpCode::StackClose, kRef, kRef},
    {OpCode::StealRelease, kObj | kCount, kObj},
    {OpCode::RefcntAdd, kObj | kN | kCount, kObj | kN},
    {OpCode::StackNewMortal, kObj | kRef, kObj | kRef},
    {OpCode::StackImmortal, kObj | kRef, kObj | kRef},
};
static_assert(std::size(kOpRows) == count_of<OpCode>(), "every operation has its fields");

constexpr std::uint64_t kMaxCount = std::numeric_limits<std::uint64_t>::max();
constexpr std::int64_t kMaxRefs = std::numeric_limits<std::int64_t>::max();

class Decoder {
 public:
  Decoder(std::string_view default_name, const std::unordered_map<std::string, std::string>& float_text)
      : default_name_(default_name), float_text_(float_text) {}

  std::optional<SpecError> error;

  bool document(const Json& root, ScenarioFile& out) {
    if (!object(root, "")) return false;
    if (!fields(root, "", {"format", "name", "runtime", "objects", "ops", "expect"})) return false;
    const Json* format = nullptr;
    std::string format_name;
    if (!require(root, "", "format", format) || !string(*format, "format", format_name)) return false;
    if (format_name == kScenarioFormatV1) {
      version_ = 1;
    } else if (format_name != kScenarioFormat) {
      return fail("format", "unsupported format " + in_quotes(format_name) + " (expected " +
                                in_quotes(kScenarioFormat) + " or " + in_quotes(kScenarioFormatV1) + ")");
    }

    Scenario& s = out.scenario;
    refs_ = &s.refs;
    s.name = default_name_;
    if (const Json* name = find(root, "name"))
      if (!string(*name, "name", s.name)) return false;
    const Json* runtime = nullptr;
    if (!require(root, "", "runtime", runtime) || !this->runtime(*runtime, s.runtime)) return false;
    if (const Json* objects = find(root, "objects"))
      if (!this->objects(*objects, s)) return false;
    if (const Json* ops = find(root, "ops"))
      if (!this->ops(*ops, "ops", 0, s.ops)) return false;
    if (const Json* expect = find(root, "expect")) out.expect = *expect;
    return true;
  }

 private:
  bool fail(const std::string& path, std::string message) {
    if (!error) error = SpecError{path, std::move(message)};
    return false;
  }
  /// A value in a message: numbers as the file wrote them.
  std::string source(const Json& j, const std::string& path) const {
    if (j.is_number_float())
      if (auto it = float_text_.find(path); it != float_text_.end()) return it->second;
    return shown(j);
  }

  static const Json* find(const Json& j, std::string_view key) {
    auto it = j.find(std::string(key));
    return it == j.end() ? nullptr : &*it;
  }

  bool typed(bool ok, const Json& j, const std::string& path, std::string_view expected) {
    return ok || fail(path, "expected " + std::string(expected) + ", got " + j.type_name());
  }
  bool object(const Json& j, const std::string& path) { return typed(j.is_object(), j, path, "an object"); }
  bool array(const Json& j, const std::string& path) { return typed(j.is_array(), j, path, "an array"); }
  bool boolean(const Json& j, const std::string& path, bool& out) {
    if (!typed(j.is_boolean(), j, path, "a boolean")) return false;
    out = j.get<bool>();
    return true;
  }
  bool string(const Json& j, const std::string& path, std::string& out) {
    if (!typed(j.is_string(), j, path, "a string")) return false;
    out = j.get<std::string>();
    return true;
  }

  /// Every key of `j` must be one of `allowed`; the first other one (in file order) is an error.
  bool fields(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : j.items()) {
      bool known = false;
      for (std::string_view name : allowed) known = known || name == key;
      if (!known) return fail(child(path, key), "unknown field");
    }
    return true;
  }
  bool require(const Json& j, const std::string& path, std::string_view key, const Json*& out) {
    out = find(j, key);
    return out != nullptr || fail(child(path, key), "required field missing");
  }

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
               const std::string& range, Int128& out) {
    const JsonNumber n = read_number(j, decimal_strings);
    if (n.status == JsonNumber::Status::Ok && n.value >= lo && n.value <= hi) {
      out = n.value;
      return true;
    }
    if (n.status != JsonNumber::Status::NotANumber) return fail(path, source(j, path) + " " + range);
    if (j.is_string())
      return fail(path, shown(j) + " is not a number (write an integer" +
                            (decimal_strings ? ", \"0x...\" or decimal digits)" : " or \"0x...\")"));
    if (j.is_number_float()) return fail(path, "expected an integer, got " + source(j, path));
    return fail(path, std::string("expected an integer") +
                          (decimal_strings ? " or a string" : " or a \"0x...\" string") + ", got " +
                          j.type_name());
  }
  bool count(const Json& j, const std::string& path, std::uint64_t min, std::uint64_t& out) {
    Int128 value = 0;
    if (!integer(j, path, true, min, kMaxCount, "is out of range " + std::to_string(min) + ".." +
                                                    std::to_string(kMaxCount), value))
      return false;
    out = static_cast<std::uint64_t>(value);
    return true;
  }
  bool word(const Json& j, const std::string& path, Width width, Word& out) {
    Int128 value = 0;
    if (!integer(j, path, false, 0, width.mask(),
                 "does not fit a " + std::to_string(width.bits) + "-bit word (0.." + hex(width.mask()) + ")",
                 value))
      return false;
    out = static_cast<Word>(value);
    return true;
  }

  bool runtime(const Json& j, RuntimeSpec& out) {
    const std::string path = "runtime";
    if (!object(j, path) ||
        !fields(j, path, {"version", "width", "debug", "strategy", "strategy_params"}))
      return false;
    const Json* version = nullptr;
    if (!require(j, path, "version", version) || !name(*version, "runtime.version", "version", out.version))
      return false;
    const Json* width = nullptr;
    if (!require(j, path, "width", width)) return false;
    if (!width->is_number_integer())
      return fail("runtime.width",
                  "expected an integer, got " +
                      (width->is_number() ? source(*width, "runtime.width") : width->type_name()));
    const bool valid = width->is_number_unsigned() && width->get<std::uint64_t>() <= 64 &&
                       Width::valid(width->get<unsigned>());
    if (!valid)
      return fail("runtime.width", "unsupported width " + shown(*width) + " (expected 8, 16, 32 or 64)");
    out.width = Width{width->get<unsigned>()};
    width_ = out.width;
    if (const Json* debug = find(j, "debug"))
      if (!boolean(*debug, "runtime.debug", out.debug)) return false;
    if (const Json* strategy = find(j, "strategy"))
      if (!name(*strategy, "runtime.strategy", "strategy", out.strategy)) return false;
    if (const Json* params = find(j, "strategy_params")) {
      const std::string params_path = "runtime.strategy_params";
      if (out.strategy != Strategy::PeriodicReset)
        return fail(params_path, "only the " + in_quotes(name_of(Strategy::PeriodicReset)) +
                                     " strategy takes parameters");
      if (!object(*params, params_path) || !fields(*params, params_path, {"period", "only_if_legacy"}))
        return false;
      if (const Json* period = find(*params, "period"))
        if (!count(*period, params_path + ".period", 1, out.params.period)) return false;
      if (const Json* legacy = find(*params, "only_if_legacy"))
        if (!boolean(*legacy, params_path + ".only_if_legacy", out.params.only_if_legacy)) return false;
    }
    return true;
  }

  bool objects(const Json& j, Scenario& s) {
    if (!array(j, "objects")) return false;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const Json& o = j[i];
      const std::string path = item("objects", i);
      if (!object(o, path) || !fields(o, path, {"id", "kind", "word", "refs"})) return false;
      ObjectSpec spec;
      const Json* id = nullptr;
      if (!require(o, path, "id", id) || !string(*id, child(path, "id"), spec.id)) return false;
      if (spec.id.empty()) return fail(child(path, "id"), "an object id may not be empty");
      if (auto [it, fresh] = ids_.emplace(spec.id, i); !fresh)
        return fail(child(path, "id"), "duplicate object id " + in_quotes(spec.id) + " (also " +
                                           item("objects", it->second) + ")");
      const Json* kind = nullptr;
      if (!require(o, path, "kind", kind) || !name(*kind, child(path, "kind"), "kind", spec.kind))
        return false;
      if (const Json* word = find(o, "word")) {
        Word value = 0;
        if (!this->word(*word, child(path, "word"), s.runtime.width, value)) return false;
        spec.word = value;
      }
      if (const Json* refs = find(o, "refs"))
        if (!integer(*refs, child(path, "refs"), true, 0, kMaxRefs,
                     "is out of range 0.." + std::to_string(kMaxRefs), spec.refs))
          return false;
      s.objects.push_back(std::move(spec));
    }
    return true;
  }

  bool ops(const Json& j, const std::string& path, int depth, std::vector<Op>& out) {
    return read_op_list(
        j, path, depth, out,
        [&](const Json& e, const std::string& at, int d, Op& op) { return this->op(e, at, d, op); },
        [&](const std::string& at, std::string message) { return fail(at, std::move(message)); });
  }

  bool op(const Json& j, const std::string& path, int depth, Op& out) {
    if (!object(j, path)) return false;
    const Json* code = nullptr;
    std::string code_name;
    if (!require(j, path, "op", code) || !string(*code, child(path, "op"), code_name)) return false;
    const std::optional<OpCode> parsed = parse_name<OpCode>(code_name);
    if (!parsed) return fail(child(path, "op"), "unknown op " + in_quotes(code_name));
    const OpRow* row = nullptr;
    for (const OpRow& candidate : kOpRows)
      if (candidate.code == *parsed) row = &candidate;
    if (version_ == 1 && runtime_only(row->code))
      return fail(child(path, "op"), "op " + in_quotes(code_name) + " needs format " + in_quotes(kScenarioFormat));
    out.code = row->code;

    for (const auto& [key, value] : j.items()) {
      if (key == "op") continue;
      const FieldRow* field = nullptr;
      for (const FieldRow& candidate : kOpFields)
        if (candidate.name == key) field = &candidate;
      if (field == nullptr) return fail(child(path, key), "unknown field");
      if ((row->allowed & field->field) == 0)
        return fail(child(path, key),
                    "field " + in_quotes(key) + " does not apply to op " + in_quotes(code_name));
    }
    for (const FieldRow& field : kOpFields)
      if ((row->required & field.field) != 0 && find(j, field.name) == nullptr)
        return fail(child(path, field.name), "required field missing");

    if (const Json* obj = find(j, "obj")) {
      std::string id;
      if (!string(*obj, child(path, "obj"), id)) return false;
      auto it = ids_.find(id);
      if (it == ids_.end()) return fail(child(path, "obj"), "unknown object id " + in_quotes(id));
      out.obj = it->second;
    }
    if (const Json* by = find(j, "by"))
      if (!name(*by, child(path, "by"), "origin", out.by)) return false;
    if (const Json* count = find(j, "count"))
      if (!this->count(*count, child(path, "count"), 0, out.count)) return false;
    if (const Json* value = find(j, "value"))
      if (!word(*value, child(path, "value"), width_, out.value)) return false;
    if (const Json* body = find(j, "ops"))
      if (!ops(*body, child(path, "ops"), depth + 1, out.body)) return false;
    if (const Json* ref = find(j, "ref"))
      if (!this->ref(*ref, child(path, "ref"), out.ref)) return false;
    if (const Json* as = find(j, "as"))
      if (!this->ref(*as, child(path, "as"), out.ref_to)) return false;
    if (const Json* n = find(j, "n")) {
      Int128 value = 0;
      const Word max = refcnt_add_max(width_);
      if (!integer(*n, child(path, "n"), true, 1, max, "is out of range 1.." + std::to_string(max), value))
        return false;
      out.value = static_cast<Word>(value);
    }
    return true;
  }

  /// A stack reference's name: its index, numbered in order of first mention.
  bool ref(const Json& j, const std::string& path, std::size_t& out) {
    std::string name;
    if (!string(j, path, name)) return false;
    if (name.empty()) return fail(path, "a stack reference name may not be empty");
    auto [it, fresh] = ref_ids_.emplace(name, refs_->size());
    if (fresh) refs_->push_back(name);
    out = it->second;
    return true;
  }

  std::string default_name_;
  const std::unordered_map<std::string, std::string>& float_text_;
  std::unordered_map<std::string, std::size_t> ids_;
  std::unordered_map<std::string, std::size_t> ref_ids_;
  std::vector<std::string>* refs_ = nullptr;
  int version_ = 2;  ///< the format's version: 1 lacks the runtime's own operations
  Width width_{64};
};

}  // namespace

JsonNumber read_number(const nlohmann::ordered_json& j, bool decimal_strings) {
  using Status = JsonNumber::Status;
  if (j.is_number_unsigned()) return {Status::Ok, static_cast<Int128>(j.get<std::uint64_t>())};
  if (j.is_number_integer()) return {Status::Ok, j.get<std::int64_t>()};
  if (j.is_number_float()) {
    // The parser only makes floats of integer literals that do not fit 64 bits.
    const double d = j.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && (d >= 0x1p64 || d < -0x1p63))
      return {Status::OutOfRange, d < 0 ? -1 : 1};
    return {};
  }
  if (!j.is_string()) return {};
  std::string_view text = j.get_ref<const std::string&>();
  bool negative = false;
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else {
    if (!decimal_strings) return {};
    if (!text.empty() && text[0] == '-') {
      negative = true;
      text.remove_prefix(1);
    }
  }
  if (text.empty()) return {};
  unsigned __int128 magnitude = 0;
  bool huge = false;
  for (char c : text) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
    else return {};
    if (!huge) magnitude = magnitude * base + digit;
    huge = huge || (magnitude >> 120) != 0;
  }
  if (huge) return {Status::OutOfRange, negative ? -1 : 1};
  const Int128 value = static_cast<Int128>(magnitude);
  return {Status::Ok, negative ? -value : value};
}

std::string decimal(Int128 value) {
  unsigned __int128 magnitude = value < 0 ? -static_cast<unsigned __int128>(value)
                                          : static_cast<unsigned __int128>(value);
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return value < 0 ? "-" + out : out;
}

std::string describe(const SpecError& error) {
  return error.path.empty() ? error.message : error.path + ": " + error.message;
}

ScenarioResult parse_scenario(std::string_view bytes, std::string_view default_name) {
  try {
    Prescan prescan;
    Json::sax_parse(bytes.begin(), bytes.end(), &prescan);
    if (prescan.error) return *prescan.error;
    const Json root = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (root.is_discarded()) return SpecError{"", "malformed JSON"};

    ScenarioFile file;
    Decoder decoder(default_name, prescan.float_text);
    if (!decoder.document(root, file)) return *decoder.error;
    if (std::optional<SpecError> error = check(file.scenario)) return *error;
    if (!file.expect.is_null() || root.contains("expect"))
      if (std::optional<SpecError> error = validate_expect(file.expect, file.scenario)) return *error;
    return file;
  } catch (const std::exception& e) {
    // Nothing above throws for any input but memory exhaustion; keep it a status all the same.
    return SpecError{"", std::string("cannot decode: ") + e.what()};
  }
}

}  // namespace refsim
