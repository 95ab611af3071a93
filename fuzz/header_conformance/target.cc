// header_conformance: a fuzz target that can fail on a model bug. It decodes a sequence of
// operations on one object, runs each single operation through the real inline code of a CPython
// header set and through the model, and aborts on the first difference in the word, the
// immortality test, a dealloc request or the debug check. The 64-bit builds of the header sets are
// compiled into the target (real_ops.c); the 32-bit builds run in -m32 server processes started
// with the target (remote.h), which answer each run of operations with the hash of its trace.
//
// Input: byte 0 picks the header variant (modulo their number: the compiled-in ones, then the
// 32-bit servers); byte 1 picks the start word: < 0x80
// indexes the words next to the model's boundaries for that runtime (byte 2), else 8 bytes follow
// (little-endian, cut to the width). Then operations of 3 bytes: the code (0 incref, 1 decref,
// 2 Py_SET_REFCNT; modulo 3) and a 16-bit little-endian field: count - 1 for incref/decref (so
// counts up to 2^16), the value for Py_SET_REFCNT. At most 2^20 single operations per input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/header_conformance/real_ops.h"
#include "fuzz/header_conformance/remote.h"
#include "model/runtime.h"
#include "tests/conformance/header_model.h"

namespace {

using namespace refsim;

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;
  bool done() const { return at >= size; }
  std::uint8_t byte() { return at < size ? data[at++] : 0; }
};

/// Words next to every boundary of the runtime (and its width's ends).
std::vector<Word> boundary_words(const Runtime& rt) {
  std::vector<Word> out;
  const Width w = rt.width();
  for (const Cut& cut : rt.cuts())
    for (int d = -2; d <= 2; ++d) out.push_back(w.wrap(cut.value + static_cast<Word>(d)));
  out.push_back(w.mask());
  return out;
}

/// What the messages name of a header variant.
struct Variant {
  const char* version;
  int major, minor, debug, bits;
};

[[noreturn]] void differ(const Variant& h, const char* what, int op, Word before, unsigned long long real,
                         unsigned long long model) {
  std::fprintf(stderr,
               "header_conformance: headers %s (%s, %d-bit): %s differs after op %d on 0x%llx: real 0x%llx, "
               "model 0x%llx\n",
               h.version, h.debug ? "Py_REF_DEBUG" : "release", h.bits, what, op,
               static_cast<unsigned long long>(before), real, model);
  std::abort();
}

/// The model's record of one step (as real_server.c writes the real one), and the word after it.
hc::Record model_step(const Variant& h, const Runtime& rt, const Code& code, int op, unsigned field, Word word) {
  const Width w = rt.width();
  const StepResult m = op == HC_INCREF   ? incref(code, w, word)
                       : op == HC_DECREF ? decref(code, w, word)
                                         : set_refcnt(code, w, word, field);
  return {h.minor >= 12 ? (rt.immortal(word) ? 1ull : 0ull) : ~0ull, m.word, m.dealloc ? 1ull : 0ull,
          m.negative ? 1ull : 0ull};
}

/// Aborts on the first field where the real step and the model's differ.
void check_step(const Variant& h, int op, Word before, const hc::Record& real, const hc::Record& m) {
  if (real.immortal != m.immortal) differ(h, "_Py_IsImmortal", op, before, real.immortal, m.immortal);
  if (real.word != m.word) differ(h, "the word", op, before, real.word, m.word);
  if (real.dealloc != m.dealloc) differ(h, "the dealloc request", op, before, real.dealloc, m.dealloc);
  if (real.negative != m.negative) differ(h, "the debug check", op, before, real.negative, m.negative);
}

/// One run of `count` operations on a 32-bit server: the hashes of both traces first; when they
/// differ, the server's records step by step against the model's. The model's last word.
Word run_remote(const hc::RemoteHeader& r, const Variant& h, const Runtime& rt, const Code& code, int op,
                unsigned field, std::uint64_t count, Word word) {
  const Word start = word;
  unsigned long long hash = HC_TRACE_HASH_START;
  for (std::uint64_t i = 0; i < count; ++i) {
    const hc::Record m = model_step(h, rt, code, op, field, word);
    const unsigned long long fields[4] = {m.immortal, m.word, m.dealloc, m.negative};
    hash = hc_trace_hash(hash, fields);
    word = m.word;
  }
  if (hc::run(r, op, static_cast<long long>(field), count, start).hash == hash) return word;
  word = start;
  for (const hc::Record& real : hc::trace(r, op, static_cast<long long>(field), count, start)) {
    const hc::Record m = model_step(h, rt, code, op, field, word);
    check_step(h, op, word, real, m);
    word = m.word;
  }
  differ(h, "the trace hash (records equal: a server bug)", op, start, 0, hash);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hc::remote_headers();  // compiles and starts the 32-bit servers once, before the first input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& remote = hc::remote_headers();
  const std::size_t variants = static_cast<std::size_t>(hc_header_count) + remote.size();
  if (variants == 0 || size < 2) return 0;
  Reader in{data, size};
  const std::size_t pick = in.byte() % variants;
  const hc::RemoteHeader* r = pick < static_cast<std::size_t>(hc_header_count) ? nullptr : &remote[pick - hc_header_count];
  const Variant h = r ? Variant{r->version.c_str(), r->major, r->minor, r->debug, r->bits}
                      : Variant{hc_headers[pick]->version, hc_headers[pick]->major, hc_headers[pick]->minor,
                                hc_headers[pick]->debug, hc_headers[pick]->bits};
  const auto model = conformance::header_model(h.version, h.major, h.minor, static_cast<unsigned>(h.bits), h.debug);
  if (!model) return 0;
  const Runtime rt(conformance::runtime_spec(*model));
  const Code& code = rt.code(model->origin);
  const Width w = model->width;

  Word word = 0;
  if (const std::uint8_t how = in.byte(); how < 0x80) {
    static thread_local std::vector<Word> table;
    table = boundary_words(rt);
    word = table[in.byte() % table.size()];
  } else {
    for (int i = 0; i < 8; ++i) word |= Word{in.byte()} << (8 * i);
    word = w.wrap(word);
  }

  std::uint64_t budget = std::uint64_t{1} << 20;
  while (!in.done() && budget > 0) {
    const int op = in.byte() % 3;
    const unsigned field = in.byte() | (unsigned{in.byte()} << 8);
    const std::uint64_t count = op == HC_SET ? 1 : std::min<std::uint64_t>(field + 1u, budget);
    if (r) {
      word = run_remote(*r, h, rt, code, op, field, count, word);
      budget -= count;
      continue;
    }
    const hc_header& local = *hc_headers[pick];
    for (std::uint64_t i = 0; i < count; ++i, --budget) {
      const long long immortal = local.immortal(word);  // -1: no _Py_IsImmortal before 3.12
      hc_step step{};
      local.step(op, word, static_cast<long long>(field), &step);
      const hc::Record real{static_cast<unsigned long long>(immortal), w.wrap(step.word),
                            static_cast<unsigned long long>(step.dealloc != 0),
                            static_cast<unsigned long long>(step.negative != 0)};
      const hc::Record m = model_step(h, rt, code, op, field, word);
      check_step(h, op, word, real, m);
      word = m.word;
    }
  }
  return 0;
}
