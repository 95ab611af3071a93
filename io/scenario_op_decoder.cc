// Scenario JSON, pass 2 (io/scenario_decoder.h): the operations. One row per operation says which
// fields it allows and which it requires; a repeat's body is read the same way, one level deeper.
#include <utility>

#include "io/op_list.h"
#include "io/scenario_decoder.h"
#include "model/op_support.h"

namespace refsim::scenario_decoding {

namespace {

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

}  // namespace

bool Decoder::ops(const Json& j, const std::string& path, int depth, std::vector<Op>& out) {
  return read_op_list(
      j, path, depth, out,
      [&](const Json& e, const std::string& at, int d, Op& op) { return this->op(e, at, d, op); },
      [&](const std::string& at, std::string message) { return fail(at, std::move(message)); });
}

bool Decoder::op(const Json& j, const std::string& path, int depth, Op& out) {
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

bool Decoder::ref(const Json& j, const std::string& path, std::size_t& out) {
  std::string name;
  if (!string(j, path, name)) return false;
  if (name.empty()) return fail(path, "a stack reference name may not be empty");
  auto [it, fresh] = ref_ids_.emplace(name, refs_->size());
  if (fresh) refs_->push_back(name);
  out = it->second;
  return true;
}

}  // namespace refsim::scenario_decoding
