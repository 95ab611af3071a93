// Output and input files: write_atomically never replaces what is not a regular file (a FIFO, a character
// device, a descriptor named through /proc), follows symlinks to replace their target, and replaces regular
// files whole; read_file reads whole files and refuses folders. Everything happens in a temporary
// directory of the test's own; the character device is made there with mknod (root only).
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>  // std::async: a writer for read_file's FIFO case
#include <iostream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "io/atomic_write.h"
#include "io/read_file.h"

namespace refsim {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) { return read_file(path).bytes; }

bool names_a_fifo(const fs::path& p) { return fs::symlink_status(p).type() == fs::file_type::fifo; }

class OutputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "refsim-output-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// The read end of the FIFO at `path`, opened before anything writes to it (non-blocking, so opening
  /// does not wait for a writer, and a writer's open does not wait for this reader). The FIFO's buffer
  /// (64 KiB on Linux) holds what the writer sends; collect() reads it after the writer is done.
  int open_reader(const fs::path& path) { return ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC); }

  /// Everything in the FIFO behind `fd` now, then closes it. Empty if nothing was ever written to it,
  /// e.g. because the FIFO was replaced by a regular file.
  static std::string collect(int fd) {
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
  }

  /// A character device made here, with /dev/null's numbers (1, 3): writes to it go nowhere. Empty when
  /// this process may not make devices (not root, or a container without CAP_MKNOD).
  std::optional<fs::path> null_device() { return device("null", 3); }

  /// A character device made here, with /dev/full's numbers (1, 7): every write to it fails with
  /// ENOSPC, which shows that the bytes went to the device (a file put in its place takes them).
  std::optional<fs::path> full_device() { return device("full", 7); }

  std::optional<fs::path> device(const std::string& name, unsigned minor) {
    const fs::path path = dir_ / name;
    if (::mknod(path.c_str(), S_IFCHR | 0666, makedev(1, minor)) != 0) return std::nullopt;
    return path;
  }

  fs::path dir_;
};

TEST_F(OutputFile, aNewFileIsCreatedWhole) {
  const fs::path out = dir_ / "report.json";
  ASSERT_EQ(write_atomically(out, "{}\n"), std::nullopt);
  EXPECT_EQ(slurp(out), "{}\n");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out)));
}

TEST_F(OutputFile, aRegularFileIsReplacedByANewInode) {
  const fs::path out = dir_ / "report.json";
  std::ofstream(out) << "old\n";
  struct stat before {};
  ASSERT_EQ(::stat(out.c_str(), &before), 0);
  ASSERT_EQ(write_atomically(out, "new\n"), std::nullopt);
  struct stat after {};
  ASSERT_EQ(::stat(out.c_str(), &after), 0);
  EXPECT_EQ(slurp(out), "new\n");
  EXPECT_NE(before.st_ino, after.st_ino) << "a regular file is replaced by rename, not rewritten in place";
}

TEST_F(OutputFile, aSymlinkIsFollowedAndKeptWhileItsTargetIsReplaced) {
  fs::create_directory(dir_ / "elsewhere");
  const fs::path target = dir_ / "elsewhere" / "real.json";
  std::ofstream(target) << "old\n";
  const fs::path link = dir_ / "link.json";
  fs::create_symlink("elsewhere/real.json", link);  // relative to the link's own folder
  ASSERT_EQ(write_atomically(link, "through the link\n"), std::nullopt);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), fs::path("elsewhere/real.json"));
  EXPECT_EQ(slurp(target), "through the link\n");
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(OutputFile, aChainOfSymlinksAndADanglingOneReachTheirFinalTarget) {
  const fs::path target = dir_ / "final.json";
  fs::create_symlink(target, dir_ / "second");
  fs::create_symlink(dir_ / "second", dir_ / "first");
  ASSERT_EQ(write_atomically(dir_ / "first", "chain\n"), std::nullopt);
  EXPECT_TRUE(fs::is_symlink(dir_ / "first"));
  EXPECT_TRUE(fs::is_symlink(dir_ / "second"));
  EXPECT_EQ(slurp(target), "chain\n");
}

TEST_F(OutputFile, aSymlinkLoopIsAnErrorNotAHang) {
  fs::create_symlink(dir_ / "b", dir_ / "a");
  fs::create_symlink(dir_ / "a", dir_ / "b");
  EXPECT_NE(write_atomically(dir_ / "a", "x"), std::nullopt);
  EXPECT_TRUE(fs::is_symlink(dir_ / "a"));
}

TEST_F(OutputFile, aFifoStaysAFifoAndItsReaderGetsTheBytes) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const int reader = open_reader(fifo);
  ASSERT_GE(reader, 0);
  ASSERT_EQ(write_atomically(fifo, "to the reader\n"), std::nullopt);
  EXPECT_EQ(collect(reader), "to the reader\n");
  EXPECT_TRUE(names_a_fifo(fifo));
}

TEST_F(OutputFile, aSymlinkToAFifoWritesIntoTheFifo) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  fs::create_symlink(fifo, dir_ / "link");
  const int reader = open_reader(fifo);
  ASSERT_GE(reader, 0);
  ASSERT_EQ(write_atomically(dir_ / "link", "via link\n"), std::nullopt);
  EXPECT_EQ(collect(reader), "via link\n");
  EXPECT_TRUE(names_a_fifo(fifo));
  EXPECT_TRUE(fs::is_symlink(dir_ / "link"));
}

TEST_F(OutputFile, aCharacterDeviceIsWrittenAndStaysADevice) {
  const auto device = null_device();
  if (!device) GTEST_SKIP() << "mknod is not permitted here (needs root): " << std::strerror(errno);
  ASSERT_EQ(write_atomically(*device, "discarded\n"), std::nullopt);
  EXPECT_EQ(fs::symlink_status(*device).type(), fs::file_type::character);
  const auto full = full_device();
  ASSERT_TRUE(full);
  EXPECT_EQ(write_atomically(*full, "refused\n"), std::string(std::strerror(ENOSPC))) << "the write reached the device";
  EXPECT_EQ(fs::symlink_status(*full).type(), fs::file_type::character);
}

TEST_F(OutputFile, aDescriptorNamedThroughProcIsWrittenNotReplaced) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  const fs::path fd_path = dir_ / "pipe-fd";  // a link here to the descriptor's name under /proc
  fs::create_symlink("/proc/self/fd/" + std::to_string(ends[1]), fd_path);
  ASSERT_EQ(write_atomically(fd_path, "down the pipe\n"), std::nullopt);
  ::close(ends[1]);
  std::string got(64, '\0');
  const ssize_t n = ::read(ends[0], got.data(), got.size());
  ::close(ends[0]);
  ASSERT_GT(n, 0);
  got.resize(static_cast<std::size_t>(n));
  EXPECT_EQ(got, "down the pipe\n");
}

TEST_F(OutputFile, thisProcesssOwnDescriptorIsWrittenAtItsOffsetAndWithItsAppendFlag) {
  // As `refsim run --report` naming this process's standard output, run `>> log` and `> log`:
  // what is in the file stays, the report follows it, and the file is the same inode. The paths
  // written are links in this test's folder to the descriptor's names under /proc (the system's
  // standard-output link is one such): whatever a write through them replaces is the log here.
  for (const int flags : {O_APPEND, 0}) {
    const fs::path log = dir_ / ("log" + std::to_string(flags));
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, "PRIOR\n", 6), 6);
    struct stat before {};
    ASSERT_EQ(::fstat(fd, &before), 0);
    const fs::path process = dir_ / ("process-fd" + std::to_string(flags)), thread = dir_ / ("thread-fd" + std::to_string(flags));
    fs::create_symlink("/proc/self/fd/" + std::to_string(fd), process);
    fs::create_symlink("/proc/thread-self/fd/" + std::to_string(fd), thread);
    EXPECT_EQ(write_atomically(process, "report\n"), std::nullopt);
    EXPECT_EQ(write_atomically(thread, "again\n"), std::nullopt);
    ::close(fd);
    EXPECT_EQ(slurp(log), "PRIOR\nreport\nagain\n") << "flags " << flags;
    struct stat after {};
    ASSERT_EQ(::stat(log.c_str(), &after), 0);
    EXPECT_EQ(before.st_ino, after.st_ino);
    EXPECT_TRUE(fs::is_symlink(process) && fs::is_symlink(thread));
  }
  fs::create_symlink("/proc/self/fd/987654", dir_ / "closed-fd");
  EXPECT_NE(write_atomically(dir_ / "closed-fd", "x"), std::nullopt) << "a descriptor that is not open";
}

TEST_F(OutputFile, aReplacedFileKeepsItsModeAndANewOneTakesTheUmask) {
  const fs::path out = dir_ / "private.json";
  std::ofstream(out) << "old\n";
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_EQ(write_atomically(out, "new\n"), std::nullopt);
  EXPECT_EQ(fs::status(out).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  const mode_t old_mask = ::umask(022);
  ASSERT_EQ(write_atomically(dir_ / "fresh.json", "new\n"), std::nullopt);
  ::umask(old_mask);
  EXPECT_EQ(fs::status(dir_ / "fresh.json").permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

TEST_F(OutputFile, aFolderIsRefusedAndLeftAlone) {
  fs::create_directory(dir_ / "folder");
  EXPECT_NE(write_atomically(dir_ / "folder", "x"), std::nullopt);
  EXPECT_TRUE(fs::is_directory(dir_ / "folder"));
}

TEST_F(OutputFile, readFileReadsWholeFilesAndFifosAndRefusesFolders) {
  std::string big(200000, 'x');
  std::ofstream(dir_ / "big") << big;
  EXPECT_EQ(read_file(dir_ / "big").bytes, big);
  EXPECT_TRUE(read_file(dir_ / "big").ok());

  const FileRead folder = read_file(dir_);
  EXPECT_FALSE(folder.ok());
  EXPECT_EQ(folder.error, std::strerror(EISDIR));
  EXPECT_FALSE(read_file(dir_ / "missing").ok());

  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto writer = std::async(std::launch::async, [fifo] { std::ofstream(fifo) << "streamed\n"; });
  EXPECT_EQ(read_file(fifo).bytes, "streamed\n");
  writer.get();
}

// --- the refsim command end to end ----------------------------------------------------------------

struct CommandResult {
  int status = -1;
  std::string err;
};

CommandResult refsim_run(const fs::path& dir, const std::string& report) {
  const std::string scenario = REFSIM_SOURCE_DIR "/corpus/scenarios/none-drain-3.14-32.json";
  const std::string command = std::string("'") + REFSIM_BINARY + "' run --report '" + report + "' '" + scenario +
                              "' >'" + (dir / "stdout").string() + "' 2>'" + (dir / "stderr").string() + "'";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(dir / "stderr")};
}

TEST_F(OutputFile, refsimRunDeliversItsReportToAFifoThroughASymlinkAndToADevice) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const int reader = open_reader(fifo);
  ASSERT_GE(reader, 0);
  const CommandResult to_fifo = refsim_run(dir_, fifo.string());
  EXPECT_EQ(to_fifo.status, 0) << to_fifo.err;
  const std::string report = collect(reader);
  EXPECT_NE(report.find("\"none-drain-3.14-32\""), std::string::npos) << report;
  EXPECT_TRUE(names_a_fifo(fifo));

  const fs::path target = dir_ / "target.json";
  fs::create_symlink("target.json", dir_ / "link.json");
  const CommandResult through_link = refsim_run(dir_, (dir_ / "link.json").string());
  EXPECT_EQ(through_link.status, 0) << through_link.err;
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.json"));
  EXPECT_EQ(slurp(target), report) << "the same report, delivered through the link";

  if (const auto device = null_device()) {
    const CommandResult to_device = refsim_run(dir_, device->string());
    EXPECT_EQ(to_device.status, 0) << to_device.err;
    EXPECT_EQ(fs::symlink_status(*device).type(), fs::file_type::character);
    const auto full = full_device();
    ASSERT_TRUE(full);
    const CommandResult to_full = refsim_run(dir_, full->string());
    EXPECT_EQ(to_full.status, 2) << "the report reached the device, which refused it";
    EXPECT_EQ(to_full.err.rfind("refsim: ", 0), 0u) << to_full.err;
    EXPECT_NE(to_full.err.find(std::strerror(ENOSPC)), std::string::npos) << to_full.err;
    EXPECT_EQ(fs::symlink_status(*full).type(), fs::file_type::character);
  } else {
    std::cout << "[ skipped  ] the character-device case: mknod is not permitted here (needs root)\n";
  }
}

TEST_F(OutputFile, refsimRunsReportToItsStandardOutputFollowsWhatTheFileAlreadyHeld) {
  const std::string scenario = REFSIM_SOURCE_DIR "/corpus/scenarios/none-drain-3.14-32.json";
  const fs::path log = dir_ / "log";
  std::ofstream(log) << "PRIOR\n";
  // The JSON report through a link to refsim's standard output (what /dev/stdout is), and the text
  // on standard output after it, both whole.
  const fs::path stdout_link = dir_ / "stdout";
  fs::create_symlink("/proc/self/fd/1", stdout_link);
  const std::string command = std::string("'") + REFSIM_BINARY + "' run --format text --report '" + stdout_link.string() +
                              "' '" + scenario + "' >>'" + log.string() + "' 2>'" + (dir_ / "stderr").string() + "'";
  const int raw = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << slurp(dir_ / "stderr");
  const std::string got = slurp(log);
  ASSERT_EQ(got.rfind("PRIOR\n{\n  \"format\": \"refsim-report/2\"", 0), 0u) << got;
  const std::size_t json_end = got.find("\n}\n");
  ASSERT_NE(json_end, std::string::npos) << got;
  EXPECT_EQ(got.find("scenario  "), json_end + 3) << got;
  EXPECT_NE(got.find("summary   1 scenario run", json_end), std::string::npos) << got;
  EXPECT_EQ(got.back(), '\n');
}

}  // namespace
}  // namespace refsim
