// libFuzzer target ft_engine: decodes a free-threaded scenario (fuzz/ft_codec.h) and aborts on a
// finding of fuzz/ft_check.h (the fast engine differs from the stepwise reference, or the
// owner/other ledger breaks), so that libFuzzer keeps the input. Findings are bugs in refsim.
#include <cstdio>
#include <cstdlib>

#include "fuzz/ft_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto findings = refsim::fuzz::check_ft({data, size});
  for (const std::string& f : findings) std::fprintf(stderr, "ft_engine finding: %s\n", f.c_str());
  if (!findings.empty()) std::abort();
  return 0;
}
