// header_conformance: a fuzz target that can fail on a model bug. It decodes a sequence of
// operations on one object, runs each single operation through the real inline code of a CPython
// header set compiled into the target (real_ops.c) and through the model, and aborts on the first
// difference in the word, the immortality test, a dealloc request or the debug check.
//
// Input: byte 0 picks the header set (modulo their number); byte 1 picks the start word: < 0x80
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

[[noreturn]] void differ(const hc_header& h, const char* what, int op, Word before, unsigned long long real,
                         unsigned long long model) {
  std::fprintf(stderr,
               "header_conformance: headers %s (%s, %d-bit): %s differs after op %d on 0x%llx: real 0x%llx, "
               "model 0x%llx\n",
               h.version, h.debug ? "Py_REF_DEBUG" : "release", h.bits, what, op,
               static_cast<unsigned long long>(before), real, model);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (hc_header_count == 0 || size < 2) return 0;
  Reader in{data, size};
  const hc_header& h = *hc_headers[in.byte() % hc_header_count];
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
    for (std::uint64_t i = 0; i < count; ++i, --budget) {
      if (h.immortal(word) >= 0 && (h.immortal(word) == 1) != rt.immortal(word))
        differ(h, "_Py_IsImmortal", op, word, static_cast<unsigned>(h.immortal(word)), rt.immortal(word));
      hc_step real{};
      h.step(op, word, static_cast<long long>(field), &real);
      const StepResult m = op == HC_INCREF   ? incref(code, w, word)
                           : op == HC_DECREF ? decref(code, w, word)
                                             : set_refcnt(code, w, word, field);
      if (w.wrap(real.word) != m.word) differ(h, "the word", op, word, real.word, m.word);
      if ((real.dealloc != 0) != m.dealloc) differ(h, "the dealloc request", op, word, real.dealloc, m.dealloc);
      if ((real.negative != 0) != m.negative) differ(h, "the debug check", op, word, real.negative, m.negative);
      word = m.word;
    }
  }
  return 0;
}
