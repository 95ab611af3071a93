// Conformance of the free-threaded model with the real inline refcount code: the oracle
// (ft_oracle.c) is compiled against each header set that has the Py_GIL_DISABLED branches (3.13 and
// later: pyenv's, and REFSIM_HEADER_SETS, e.g. a source tree configured with --disable-gil),
// 64-bit and -m32 (run under qemu-i386-static when present), release and Py_REF_DEBUG, and every
// boundary case's fields, runtime call and Py_REFCNT are compared.
#include <algorithm>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "freethreaded_config.h"
#include "io/read_file.h"
#include "model/freethreaded/biased_refcount.h"
#include "model/freethreaded/brc.h"
#include "tests/conformance/header_sets.h"

namespace refsim::ft {
namespace {
namespace fs = std::filesystem;

constexpr Tid kCaller = 0x1000, kOtherThread = 0x1040;

std::string read_text(const fs::path& p) {
  return read_file(p).bytes;
}

/// A header set with the free-threaded branches, and the model version its patchlevel.h names.
struct FtHeaders {
  conformance::HeaderSet set;  ///< its pyconfig.h: free-threaded or not (then -DPy_GIL_DISABLED), width
  FtVersion version;
};

std::vector<FtHeaders> free_threaded_header_sets() {
  std::vector<FtHeaders> sets;
  for (const std::string& dir : kFtPythonIncludeDirs) {
    const std::string headers = read_text(fs::path(dir) / "object.h") + read_text(fs::path(dir) / "refcount.h");
    if (headers.find("ob_ref_local") == std::string::npos) continue;
    const auto set = conformance::read_header_set(dir);
    if (set && set->minor >= 13 && set->minor <= 15)
      sets.push_back({*set, set->minor == 13 ? FtVersion::v313t : set->minor == 14 ? FtVersion::v314t : FtVersion::v315t});
  }
  return sets;
}

/// A scratch directory of this test's own, removed at the end.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string templ = (fs::temp_directory_path() / "refsim-ft-XXXXXX").string();
    dir = ::mkdtemp(templ.data()) ? fs::path(templ) : fs::path();
  }
  ~Scratch() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

/// For -m32: a copy of the set whose pyconfig.h (its own, or a source tree's one level up) has the
/// compiler's type sizes appended (the set's own hard-codes 64-bit sizes); empty when the copy fails.
std::string retarget_32(const std::string& dir, const fs::path& scratch) {
  const fs::path copy = scratch / "include32";
  std::error_code ec;
  fs::create_directories(scratch, ec);
  fs::copy(dir, copy, fs::copy_options::recursive, ec);
  if (!ec && !fs::exists(copy / "pyconfig.h")) fs::copy_file(conformance::pyconfig_of(dir), copy / "pyconfig.h", ec);
  if (ec) return "";
  std::ofstream config(copy / "pyconfig.h", std::ios::app);
  for (const auto& [name, value] :
       {std::pair{"SIZEOF_VOID_P", "__SIZEOF_POINTER__"}, {"SIZEOF_SIZE_T", "__SIZEOF_SIZE_T__"},
        {"SIZEOF_UINTPTR_T", "__SIZEOF_POINTER__"}, {"SIZEOF_LONG", "__SIZEOF_LONG__"},
        {"SIZEOF_TIME_T", "__SIZEOF_LONG__"}, {"SIZEOF_PTHREAD_T", "__SIZEOF_LONG__"},
        {"SIZEOF_LONG_DOUBLE", "__SIZEOF_LONG_DOUBLE__"}, {"ALIGNOF_SIZE_T", "__SIZEOF_SIZE_T__"},
        {"ALIGNOF_LONG", "__SIZEOF_LONG__"}})
    config << "\n#undef " << name << "\n#define " << name << " " << value << "\n";
  return copy.string();
}

std::string run(const std::string& command) {
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    if (::pclose(pipe) != 0) output += "\n(exit status non-zero)";
  }
  return output;
}

struct Case {
  char op;
  Word local, shared;
  bool owned;
  Word value;
};

std::vector<Case> cases(const FtBuild& b) {
  std::vector<Case> all;
  const std::vector<Word> locals = {0, 1, 2, 3, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFF};
  std::vector<Word> shareds;
  for (std::int64_t s : {0, 1, 2, 3, 4, 5, 7, 8, -1, -2, -3, -4, -5}) shareds.push_back(b.wrap(static_cast<Word>(s)));
  shareds.push_back(b.wrap(static_cast<Word>(b.ref_deferred()) << 2));
  std::vector<Word> values = {0, 1, 5, b.wrap(~Word{0}), 0xFFFFFFFF, b.wrap(Word{1} << 32), b.wrap(Word(b.ssize_max()))};
  for (Word l : locals)
    for (Word s : shareds)
      for (bool owned : {false, true}) {
        for (char op : {'I', 'D', 'R'}) all.push_back({op, l, s, owned, 0});
        for (Word v : values) all.push_back({'S', l, s, owned, v});
      }
  return all;
}

char tid_letter(Tid t) { return t == kCaller ? 'o' : t == kUnownedTid ? 'u' : 'x'; }

/// The model's answer in the oracle's line format; slow paths are checked by what they start from.
std::string expected_line(const FtBuild& b, const Case& c) {
  FtObject o{c.owned ? kCaller : kOtherThread, c.local, c.shared, false, 0};
  std::int64_t reported = 0;
  char call = '-';
  FtObject at_call = o;
  if (c.op == 'I') incref(b, o, kCaller);
  if (c.op == 'R') reported = refcnt(b, o);
  if (c.op == 'S' && set_refcnt(b, o, kCaller, b.signed_of(c.value)) & kAssertFailed) call = 'A';
  if (c.op == 'D') {
    // Which path the model took, told from its result: the oracle's stubs stop at the runtime call.
    FtObject shared_path = o, merge_path = o;
    const std::uint32_t via_shared = dec_ref_shared(b, shared_path);
    merge_path.local = 0;
    const std::uint32_t via_merge = merge_zero_local(b, merge_path);
    const std::uint32_t events = decref(b, o, kCaller);
    const bool both_stop = events == kNegativeRefcount && via_shared == kNegativeRefcount;  // no change either way
    if (o.local == c.local && o == shared_path && events == via_shared && !(both_stop && c.owned)) call = 'S';
    else if (events == kNegativeRefcount && o == at_call) call = 'N';
    else if (c.local == 1 && o == merge_path && events == via_merge) call = 'M', at_call.local = 0;
    if (call != '-') o = at_call;  // the stubs leave the fields as they were at the call
  }
  char line[128];
  std::snprintf(line, sizeof line, "%llx %llx %c %c %lld", static_cast<unsigned long long>(o.local),
                static_cast<unsigned long long>(o.shared), tid_letter(o.tid), call, static_cast<long long>(reported));
  return line;
}

TEST(FreeThreadedConformance, modelEqualsTheRealInlineCodeOfEveryFreeThreadedHeaderSet) {
  const auto sets = free_threaded_header_sets();
  // Each released free-threaded version without a header set says so (the draft has no release).
  for (const FtVersion version : {FtVersion::v313t, FtVersion::v314t, FtVersion::v315t})
    if (std::none_of(sets.begin(), sets.end(), [&](const FtHeaders& set) { return set.version == version; }))
      std::printf("freethreaded conformance: %s skipped: no header set with its Py_GIL_DISABLED branches (an installed "
                  "python%s's headers, or a source tree in REFSIM_HEADER_SETS; docs/TESTING-HEADERS.md)\n",
                  row(version).name, row(version).name);
  if (sets.empty()) GTEST_SKIP() << "no installed CPython header set has the Py_GIL_DISABLED branches (3.13+)";
  Scratch scratch;
  ASSERT_FALSE(scratch.dir.empty()) << "cannot create a temporary directory";
  for (std::size_t index = 0; index < sets.size(); ++index) {
    const FtHeaders& set = sets[index];
    const fs::path work = scratch.dir / std::to_string(index);  // two sets may be the same version
    std::error_code ec;
    fs::create_directories(work, ec);
    for (unsigned bits : {64u, 32u}) {
      for (bool debug : {false, true}) {
        const FtBuild b{set.version, bits, debug};
        const std::string dir = set.set.dir;
        const std::string name = std::string(b.info().name) + "-" + std::to_string(bits) + (debug ? "-debug" : "");
        if (set.set.configured_bits == 32 && bits == 64) {
          std::printf("freethreaded conformance: %s skipped, %s was configured for 32 bits (SIZEOF_VOID_P 4)\n",
                      name.c_str(), dir.c_str());
          continue;
        }
        // -I the pyconfig.h directory too: a source tree's is one level above its Include/.
        std::string include = dir, pyconfig_dir = fs::path(conformance::pyconfig_of(dir)).parent_path().string();
        if (bits == 32 && set.set.configured_bits != 32) include = pyconfig_dir = retarget_32(dir, work / name);
        if (include.empty()) {
          std::printf("freethreaded conformance: %s skipped, cannot copy %s into %s\n", name.c_str(),
                      dir.c_str(), scratch.dir.c_str());
          continue;
        }
        const fs::path binary = work / ("oracle-" + name);
        // A debug build keeps its assert()s, as a Py_DEBUG interpreter's code does (ft_oracle.c):
        // 3.14's Py_SET_REFCNT asserts refcnt >= 0. A release build has -DNDEBUG in its CFLAGS.
        const std::string compile = std::string(kFtCCompiler) + " -O2 -fwrapv -w -DPy_GIL_DISABLED" +
                                    (bits == 32 ? " -m32" : "") + (debug ? " -DPy_REF_DEBUG" : " -DNDEBUG") + " -I'" + include +
                                    "' -I'" + pyconfig_dir + "' '" + kFtOracleSource + "' -o '" + binary.string() + "' 2>&1";
        const std::string log = run(compile);
        if (!fs::exists(binary)) {
          std::printf("freethreaded conformance: %s skipped, the oracle does not compile: %s\n%s\n", name.c_str(),
                      compile.c_str(), log.substr(0, 400).c_str());
          EXPECT_EQ(bits, 32u) << "the 64-bit oracle must compile: " << compile << "\n" << log;
          continue;
        }
        const bool qemu = bits == 32 && fs::exists("/usr/bin/qemu-i386-static");
        std::string command = (qemu ? "/usr/bin/qemu-i386-static '" : "'") + binary.string() + "'";
        const std::vector<Case> all = cases(b);
        for (const Case& c : all) {
          char arg[96];
          std::snprintf(arg, sizeof arg, " %c,%llx,%llx,%d,%llx", c.op, static_cast<unsigned long long>(c.local),
                        static_cast<unsigned long long>(c.shared), c.owned ? 1 : 0, static_cast<unsigned long long>(c.value));
          command += arg;
        }
        std::istringstream lines(run(command));
        std::size_t compared = 0;
        for (const Case& c : all) {
          std::string got;
          ASSERT_TRUE(std::getline(lines, got)) << name << ": the oracle stopped early; reproduce: " << compile;
          EXPECT_EQ(got, expected_line(b, c)) << name << " op " << c.op << " local 0x" << std::hex << c.local
                                              << " shared 0x" << c.shared << " owned " << c.owned << " value 0x" << c.value;
          ++compared;
        }
        std::printf("freethreaded conformance: %s (%s, %s%s): %zu cases compared\n", name.c_str(), dir.c_str(),
                    set.set.free_threaded ? "pyconfig.h from --disable-gil" : "-DPy_GIL_DISABLED on a default pyconfig.h",
                    qemu ? ", under qemu-i386-static" : "", compared);
      }
    }
  }
}

}  // namespace
}  // namespace refsim::ft
