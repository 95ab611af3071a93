// Claims JSON, the reader: it walks the document once, field by field; the first problem wins and is
// reported with its path (`claims[2].scope.kinds[0]: unknown kind "nothing"`).
#include "campaign/claims_json.h"

#include <algorithm>
#include <set>

#include "io/scenario_json.h"
#include "model/op_support.h"

namespace refsim::campaign {

namespace {

using Json = nlohmann::ordered_json;

struct Bad {
  SpecError error;
};

[[noreturn]] void fail(std::string path, std::string message) { throw Bad{{std::move(path), std::move(message)}}; }

std::string quoted(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void only_fields(const Json& j, const std::string& path, std::initializer_list<std::string_view> fields) {
  if (!j.is_object()) fail(path, "expected an object");
  for (const auto& [key, value] : j.items())
    if (std::find(fields.begin(), fields.end(), key) == fields.end())
      fail(path.empty() ? key : path + "." + key, "unknown field");
}

std::string text(const Json& j, const std::string& path) {
  if (!j.is_string()) fail(path, "expected a string");
  return j.get<std::string>();
}

/// A non-empty list at `key`, each item read by `item` (which names the item's path in its error),
/// repeats dropped; absent: `fallback`.
template <class T, class Item>
std::vector<T> list_of(const Json& parent, const std::string& path, std::string_view key, const std::string& hint,
                       std::vector<T> fallback, Item item) {
  if (!parent.contains(key)) return fallback;
  const Json& list = parent[std::string(key)];
  const std::string here = path + "." + std::string(key);
  if (!list.is_array() || list.empty()) fail(here, "expected a non-empty array of " + hint);
  std::vector<T> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const T value = item(list[i], here + "[" + std::to_string(i) + "]");
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  }
  return out;
}

/// A list of names of table E.
template <class E>
std::vector<E> names(const Json& parent, const std::string& path, std::string_view key, std::string_view what,
                     std::vector<E> fallback) {
  return list_of<E>(parent, path, key, std::string(what) + " names", std::move(fallback),
                    [&](const Json& j, const std::string& at) {
                      const auto value = parse_name<E>(text(j, at));
                      if (!value) fail(at, "unknown " + std::string(what) + " " + quoted(j));
                      return *value;
                    });
}

template <class E>
std::vector<E> every() {
  std::vector<E> out;
  for (const auto& row : Names<E>::rows) out.push_back(row.value);
  return out;
}

std::uint64_t bound(const Json& j, const std::string& path, std::uint64_t low) {
  const JsonNumber n = read_number(j, true);
  if (n.status != JsonNumber::Status::Ok || n.value < static_cast<Int128>(low) || n.value > Int128{~std::uint64_t{0}})
    fail(path, "expected an integer from " + std::to_string(low) + " to 2^64-1 (a decimal string or a number)");
  return static_cast<std::uint64_t>(n.value);
}

std::vector<unsigned> widths(const Json& j, const std::string& path) {
  return list_of<unsigned>(j, path, "widths", "64, 32, 16, 8", {64, 32}, [](const Json& item, const std::string& at) {
    const unsigned bits = item.is_number_unsigned() ? item.get<unsigned>() : 0;
    if (bits != 64 && bits != 32 && bits != 16 && bits != 8) fail(at, "expected 64, 32, 16 or 8");
    return bits;
  });
}

std::vector<bool> builds(const Json& j, const std::string& path) {
  return list_of<bool>(j, path, "builds", "\"release\", \"debug\"", {false, true}, [](const Json& item, const std::string& at) {
    const std::string b = text(item, at);
    if (b != "release" && b != "debug") fail(at, "expected \"release\" or \"debug\"");
    return b == "debug";
  });
}

/// The bounds and pairing both scopes have (Scope, FtScope): max_ops (at most 64), max_objects (at
/// most 8), max_count, max_steps and paired, each kept at its default when absent.
template <class S>
void read_bounds(const Json& j, const std::string& path, S& s) {
  if (j.contains("max_ops")) s.max_ops = static_cast<unsigned>(std::min<std::uint64_t>(bound(j["max_ops"], path + ".max_ops", 1), 64));
  if (j.contains("max_objects"))
    s.max_objects = static_cast<unsigned>(std::min<std::uint64_t>(bound(j["max_objects"], path + ".max_objects", 1), 8));
  if (j.contains("max_count")) s.max_count = bound(j["max_count"], path + ".max_count", 1);
  if (j.contains("max_steps")) s.max_steps = bound(j["max_steps"], path + ".max_steps", 1);
  if (j.contains("paired")) {
    if (!j["paired"].is_boolean()) fail(path + ".paired", "expected true or false");
    s.paired = j["paired"].get<bool>();
  }
}

Scope read_scope(const Json& j, const std::string& path, bool v2) {
  only_fields(j, path, {"versions", "widths", "builds", "strategies", "origins", "kinds", "ops", "max_ops",
                        "max_objects", "max_count", "max_steps", "paired"});
  Scope s;
  s.versions = names<Version>(j, path, "versions", "version", every<Version>());
  s.strategies = names<Strategy>(j, path, "strategies", "strategy", {Strategy::AsShipped});
  s.origins = names<Origin>(j, path, "origins", "origin", every<Origin>());
  s.kinds = names<Kind>(j, path, "kinds", "kind", every<Kind>());
  s.widths = widths(j, path);
  s.debug = builds(j, path);
  s.ops = list_of<OpCode>(j, path, "ops", "operation names", {OpCode::Incref, OpCode::Decref},
                          [v2](const Json& item, const std::string& at) {
                            const std::optional<OpCode> code = parse_name<OpCode>(text(item, at));
                            if (!code) fail(at, "unknown operation " + quoted(item));
                            if (runtime_only(*code) && !v2)
                              fail(at, "the runtime's own operations need \"format\": \"" + std::string(kClaimsFormat) + "\"");
                            return *code;
                          });
  read_bounds(j, path, s);
  const auto listed = [&](OpCode c) { return std::find(s.ops.begin(), s.ops.end(), c) != s.ops.end(); };
  if (s.paired && (!listed(OpCode::Incref) || !listed(OpCode::Decref) || listed(OpCode::SetRefcnt) ||
                   listed(OpCode::Gc) || listed(OpCode::Repeat) || listed(OpCode::StackImmortal)))
    fail(path + ".paired",
         "paired references need ops \"incref\" and \"decref\", and take no set_refcnt, gc, repeat or stackref_immortal "
         "(LOAD_CONST_IMMORTAL is made only for an object immortal at its first run); the runtime's other operations "
         "may be added");
  if (runtimes_of(s).empty()) fail(path, "no runtime: none of the strategies applies to any of the versions");
  return s;
}

/// Whether the scope's versions name free-threaded runtimes (all of them must, then).
bool free_threaded_scope(const Json& scope, const std::string& path, bool v2) {
  if (!scope.is_object() || !scope.contains("versions") || !scope["versions"].is_array()) return false;
  std::size_t threaded = 0;
  for (const Json& v : scope["versions"]) threaded += v.is_string() && parse_name<ft::FtVersion>(v.get<std::string>()) ? 1 : 0;
  if (threaded == 0) return false;
  if (!v2) fail(path + ".versions", "free-threaded runtimes need \"format\": \"" + std::string(kClaimsFormat) + "\"");
  if (threaded != scope["versions"].size())
    fail(path + ".versions", "a scope is about free-threaded runtimes or about the default build, not both");
  return true;
}

FtScope read_ft_scope(const Json& j, const std::string& path) {
  only_fields(j, path, {"versions", "widths", "builds", "threads", "merges", "kinds", "ops", "max_ops", "max_objects",
                        "max_threads", "max_count", "max_steps", "paired"});
  FtScope s;
  s.versions = names<ft::FtVersion>(j, path, "versions", "free-threaded version", {});
  s.widths = widths(j, path);
  s.debug = builds(j, path);
  s.threads = names<FtActor>(j, path, "threads", "thread", every<FtActor>());
  s.merges = names<ft::MergeAt>(j, path, "merges", "merge point", every<ft::MergeAt>());
  s.kinds = names<ft::FtKind>(j, path, "kinds", "free-threaded kind", every<ft::FtKind>());
  s.ops = list_of<ft::FtOpCode>(j, path, "ops", "operation names", {ft::FtOpCode::Incref, ft::FtOpCode::Decref},
                                [](const Json& item, const std::string& at) {
                                  const auto code = parse_name<ft::FtOpCode>(text(item, at));
                                  if (!code || *code == ft::FtOpCode::Repeat)
                                    fail(at, "unknown free-threaded operation " + quoted(item) +
                                                 " (incref, decref, set_refcnt, refcnt, merge)");
                                  return *code;
                                });
  read_bounds(j, path, s);
  if (j.contains("max_threads"))
    s.max_threads = static_cast<unsigned>(std::min<std::uint64_t>(bound(j["max_threads"], path + ".max_threads", 1), 4));
  auto has_op = [&](ft::FtOpCode c) { return std::find(s.ops.begin(), s.ops.end(), c) != s.ops.end(); };
  if (s.paired && (!has_op(ft::FtOpCode::Incref) || !has_op(ft::FtOpCode::Decref) || has_op(ft::FtOpCode::SetRefcnt) ||
                   std::find(s.kinds.begin(), s.kinds.end(), ft::FtKind::Heap) == s.kinds.end()))
    fail(path + ".paired", "paired references need ops incref and decref (no set_refcnt) and the kind \"heap\"");
  if (s.threads == std::vector<FtActor>{FtActor::Other} && s.max_threads < 2)
    fail(path + ".max_threads", "only other threads act: at least 2 threads are needed");
  if (s.ops == std::vector<ft::FtOpCode>{ft::FtOpCode::Merge})
    fail(path + ".ops", "no operation acts on an object: list incref, decref, set_refcnt or refcnt");
  if (ft_builds_of(s).empty()) fail(path, "no build: none of the kinds exists on any of the versions");
  return s;
}

Claim read_claim(const Json& j, const std::string& path, bool v2) {
  only_fields(j, path, {"id", "statement", "source", "scope", "invariant"});
  Claim c;
  if (!j.contains("id")) fail(path, "missing field \"id\"");
  c.id = text(j["id"], path + ".id");
  const bool good = !c.id.empty() && c.id.size() <= 80 && std::isalnum(static_cast<unsigned char>(c.id[0])) &&
                    std::all_of(c.id.begin(), c.id.end(), [](char ch) {
                      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
                    });
  if (!good) fail(path + ".id", "expected 1 to 80 of a-z 0-9 . - _, starting with a letter or digit");
  if (!j.contains("statement")) fail(path, "missing field \"statement\"");
  c.statement = text(j["statement"], path + ".statement");
  if (j.contains("source")) c.source = text(j["source"], path + ".source");
  const Json scope = j.contains("scope") ? j["scope"] : Json::object();
  if (free_threaded_scope(scope, path + ".scope", v2)) c.ft_scope = read_ft_scope(scope, path + ".scope");
  else c.scope = read_scope(scope, path + ".scope", v2);
  if (!j.contains("invariant")) fail(path, "missing field \"invariant\"");
  const Json& inv = j["invariant"];
  const Json list = inv.is_string() ? Json::array({inv}) : inv;
  if (!list.is_array() || list.empty()) fail(path + ".invariant", "expected an invariant name or a non-empty array of them");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = path + ".invariant" + (inv.is_array() ? "[" + std::to_string(i) + "]" : "");
    const auto value = parse_name<Invariant>(text(list[i], at));
    if (!value) fail(at, "unknown invariant " + quoted(list[i]));
    if (std::find(c.invariants.begin(), c.invariants.end(), *value) == c.invariants.end()) c.invariants.push_back(*value);
  }
  return c;
}

}  // namespace

std::variant<std::vector<Claim>, SpecError> parse_claims(std::string_view bytes) {
  const Json doc = Json::parse(bytes, nullptr, false);
  if (doc.is_discarded()) return SpecError{"", "not valid JSON"};
  try {
    only_fields(doc, "", {"format", "claims"});
    if (!doc.contains("format") || (doc["format"] != kClaimsFormat && doc["format"] != kClaimsFormatV1))
      fail("format", "expected \"" + std::string(kClaimsFormat) + "\" (or \"" + std::string(kClaimsFormatV1) + "\")");
    const bool v2 = doc["format"] == kClaimsFormat;
    if (!doc.contains("claims") || !doc["claims"].is_array() || doc["claims"].empty())
      fail("claims", "expected a non-empty array of claims");
    std::vector<Claim> out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < doc["claims"].size(); ++i) {
      const std::string path = "claims[" + std::to_string(i) + "]";
      out.push_back(read_claim(doc["claims"][i], path, v2));
      if (!ids.insert(out.back().id).second) fail(path + ".id", "duplicate id \"" + out.back().id + "\"");
    }
    return out;
  } catch (const Bad& bad) {
    return bad.error;
  }
}

}  // namespace refsim::campaign
