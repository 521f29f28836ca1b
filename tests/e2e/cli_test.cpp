// End-to-end tests: the real `vitae` binary, run as a user would run it
// (no shell), each test in a fresh temporary directory. Exit codes and the
// `file:line:col: severity: message` lines are the interface under test.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

// --- running a command -------------------------------------------------------

struct RunResult {
    int exit_code = -1;  ///< the exit status, or 128 + signal number, as a shell reports it
    std::string out;
    std::string err;
};

[[noreturn]] void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

/// Both ends of a pipe, closed when no longer needed. Close-on-exec, so the
/// child inherits only the ends dup2'ed onto its standard streams: a stray
/// copy of the stdin write end would keep the child from ever seeing EOF.
class Pipe {
public:
    Pipe() {
        int ends[2];
        if (::pipe2(ends, O_CLOEXEC) != 0) throw_errno("pipe2");
        read_end_ = ends[0];
        write_end_ = ends[1];
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    ~Pipe() {
        close_read_end();
        close_write_end();
    }

    [[nodiscard]] int read_end() const { return read_end_; }
    [[nodiscard]] int write_end() const { return write_end_; }
    void close_read_end() { close_descriptor(read_end_); }
    void close_write_end() { close_descriptor(write_end_); }

private:
    static void close_descriptor(int& descriptor) {
        if (descriptor >= 0) ::close(descriptor);
        descriptor = -1;
    }

    int read_end_ = -1;
    int write_end_ = -1;
};

/// While alive, a write to a pipe the child has closed fails with EPIPE
/// instead of killing the test binary (the child may exit without reading
/// its input, for example on a usage error).
class SigpipeIgnored {
public:
    SigpipeIgnored() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        ::sigaction(SIGPIPE, &ignore, &previous_);
    }
    SigpipeIgnored(const SigpipeIgnored&) = delete;
    SigpipeIgnored& operator=(const SigpipeIgnored&) = delete;
    ~SigpipeIgnored() { ::sigaction(SIGPIPE, &previous_, nullptr); }

private:
    struct sigaction previous_ {};
};

/// Owns posix_spawn's attribute objects so they are destroyed on every path.
struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attributes{};

    SpawnSetup() {
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawnattr_init(&attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
    ~SpawnSetup() {
        ::posix_spawnattr_destroy(&attributes);
        ::posix_spawn_file_actions_destroy(&actions);
    }
};

int wait_for_exit(pid_t child) {
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) throw_errno("waitpid");
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

/// Reads what is available on the read end of `pipe` into `sink`; closes
/// that end at end of file or on an error.
void drain(Pipe& pipe, std::string& sink) {
    char buffer[4096];
    const ssize_t count = ::read(pipe.read_end(), buffer, sizeof buffer);
    if (count > 0) {
        sink.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0 || errno != EINTR) {
        pipe.close_read_end();
    }
}

/// Runs `arguments` (the first is the program's path) in `working_directory`
/// without a shell, feeding `stdin_text` to its standard input (nothing
/// when absent), and returns its exit code and what it wrote to stdout and
/// stderr, kept apart.
RunResult run(const std::vector<std::string>& arguments, const fs::path& working_directory,
              const std::optional<std::string>& stdin_text = std::nullopt) {
    // A hung child must fail the test, not hang the suite.
    constexpr auto time_limit = std::chrono::seconds{60};

    const SigpipeIgnored sigpipe_ignored;
    Pipe input;
    Pipe output;
    Pipe errors;
    // Pipes fill up: writing the child's input must never block while the
    // child waits for us to read its output.
    if (::fcntl(input.write_end(), F_SETFL, O_NONBLOCK) != 0) throw_errno("fcntl");

    SpawnSetup setup;
    ::posix_spawn_file_actions_adddup2(&setup.actions, input.read_end(), STDIN_FILENO);
    ::posix_spawn_file_actions_adddup2(&setup.actions, output.write_end(), STDOUT_FILENO);
    ::posix_spawn_file_actions_adddup2(&setup.actions, errors.write_end(), STDERR_FILENO);
    ::posix_spawn_file_actions_addchdir_np(&setup.actions, working_directory.c_str());
    // An ignored SIGPIPE is inherited across exec; the child gets the default.
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    ::posix_spawnattr_setsigdefault(&setup.attributes, &default_signals);
    ::posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);

    pid_t child = 0;
    if (const int error =
            ::posix_spawn(&child, argv[0], &setup.actions, &setup.attributes, argv.data(), environ)) {
        throw std::system_error(error, std::generic_category(), "posix_spawn " + arguments.front());
    }
    input.close_read_end();
    output.close_write_end();
    errors.close_write_end();

    RunResult result;
    std::string_view unsent = stdin_text ? std::string_view{*stdin_text} : std::string_view{};
    if (unsent.empty()) input.close_write_end();

    const auto deadline = std::chrono::steady_clock::now() + time_limit;
    while (output.read_end() >= 0 || errors.read_end() >= 0 || input.write_end() >= 0) {
        pollfd watched[] = {
            {output.read_end(), POLLIN, 0}, {errors.read_end(), POLLIN, 0}, {input.write_end(), POLLOUT, 0}};
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        const int ready =
            ::poll(watched, std::size(watched), static_cast<int>(std::max<long>(0, remaining.count())));
        if (ready < 0) {
            if (errno == EINTR) continue;
            throw_errno("poll");
        }
        if (ready == 0) {
            ::kill(child, SIGKILL);
            wait_for_exit(child);
            throw std::runtime_error("'" + arguments.front() + "' did not finish within the time limit");
        }
        if (watched[0].revents != 0) drain(output, result.out);
        if (watched[1].revents != 0) drain(errors, result.err);
        if (watched[2].revents != 0) {
            const ssize_t count = ::write(input.write_end(), unsent.data(), unsent.size());
            if (count > 0) unsent.remove_prefix(static_cast<std::size_t>(count));
            // EPIPE: the child stopped reading, which is its right.
            const bool failed = count < 0 && errno != EINTR && errno != EAGAIN;
            if (unsent.empty() || failed) input.close_write_end();
        }
    }
    result.exit_code = wait_for_exit(child);
    return result;
}

RunResult run_vitae(const std::vector<std::string>& arguments, const fs::path& working_directory,
                    const std::optional<std::string>& stdin_text = std::nullopt) {
    std::vector<std::string> command{VITAE_EXECUTABLE};
    command.insert(command.end(), arguments.begin(), arguments.end());
    return run(command, working_directory, stdin_text);
}

// --- files ---------------------------------------------------------------------

/// A fresh directory under the system's temporary directory, removed with
/// everything in it when the test ends.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        std::string pattern = (fs::temp_directory_path() / "vitae-e2e-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw_errno("mkdtemp " + pattern);
        path_ = pattern;
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }

    [[nodiscard]] const fs::path& path() const { return path_; }
    [[nodiscard]] fs::path operator/(const fs::path& relative) const { return path_ / relative; }

private:
    fs::path path_;
};

void write_file(const fs::path& path, std::string_view contents) {
    std::ofstream file{path, std::ios::binary};
    file << contents;
    REQUIRE(file.good());
}

std::string read_file(const fs::path& path) {
    std::ifstream file{path, std::ios::binary};
    REQUIRE(file.good());
    return {std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

/// Files the atomic writer leaves behind if it fails to clean up
/// (`<output>.tmp-XXXXXX`), anywhere under `directory`.
std::vector<std::string> leftover_temporary_files(const fs::path& directory) {
    std::vector<std::string> leftovers;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator{directory}) {
        if (entry.path().filename().string().find(".tmp-") != std::string::npos) {
            leftovers.push_back(entry.path().string());
        }
    }
    return leftovers;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

fs::path example(std::string_view name) {
    return fs::path{VITAE_SOURCE_DIR} / "examples" / name;
}

/// Where `needle` (which must occur in `text`) starts, plus `offset` code
/// points, as the diagnostics count: 1-based line, column in code points.
struct TextPosition {
    std::size_t line = 0;
    std::size_t column = 0;
};
TextPosition position_of(std::string_view text, std::string_view needle, std::size_t offset = 0) {
    const std::size_t found = text.find(needle);
    REQUIRE(found != std::string_view::npos);
    TextPosition position{1, 1};
    for (std::size_t i = 0; i < found; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
            ++position.column;
        }
    }
    position.column += offset;
    return position;
}

std::string diagnostic_prefix(std::string_view file, TextPosition position, std::string_view severity) {
    return std::string{file} + ':' + std::to_string(position.line) + ':' + std::to_string(position.column) +
           ": " + std::string{severity} + ": ";
}

// --- CVs -------------------------------------------------------------------------

constexpr std::string_view good_cv = R"(# A small CV with non-ASCII text and every common field kind.
[person]
name = "Ada Lovelace-Núñez"
email = "ada@example.org"

[[section]]
title = "Experience"

[[section.entry]]
title = "Analytical Engine Project"
subtitle = "*Programmer*, notes on the engine"
location = "London"
start = "1842-09"
end = "1843-08"
highlights = ["Wrote the first published **algorithm** for a machine."]
)";

/// Several problems, one of each sort, written so that their positions are
/// easy to find again: the test computes them from this text.
constexpr std::string_view broken_cv = R"([person]
name = "Ada Lovelace"
emial = "ada@example.org"
links = [{ label = "Zürich café", url = "https://example.org", iccon = "github" }]

[[section]]
title = "Experience"
priority = "high"

[[section.entry]]
title = "Analytical Engine"
start = "1843-02-30"
)";

}  // namespace

// --- command line ------------------------------------------------------------------

TEST_CASE("vitae --version prints the version", "[e2e]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"--version"}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "vitae 0.1.0\n");
    CHECK(result.err.empty());
}

TEST_CASE("vitae --help names the subcommands and the exit codes", "[e2e]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"--help"}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "check"));
    CHECK(contains(result.out, "build"));
    std::string exit_code_line;
    for (const std::string& line : lines_of(result.out)) {
        if (contains(line, "Exit codes")) exit_code_line = line;
    }
    INFO(result.out);
    REQUIRE_FALSE(exit_code_line.empty());
    for (const std::string_view code : {"0 success", "1 errors", "2 usage", "4 output"}) {
        CHECK(contains(exit_code_line, code));
    }
}

TEST_CASE("usage errors exit with 2 and say why on stderr", "[e2e]") {
    const TemporaryDirectory directory;

    SECTION("no arguments") {
        const RunResult result = run_vitae({}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
    }
    SECTION("an unknown subcommand") {
        const RunResult result = run_vitae({"frobnicate", "cv.toml"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
        CHECK(result.out.empty());
    }
    SECTION("an unknown option to build") {
        const RunResult result = run_vitae({"build", "cv.toml", "--colour"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "--colour"));
        CHECK(result.out.empty());
    }
    SECTION("an unknown format far from any known one gets no suggestion") {
        const RunResult result = run_vitae({"build", "cv.toml", "--format", "nosuch"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "unknown format 'nosuch'"));
        CHECK_FALSE(contains(result.err, "did you mean"));
    }
    SECTION("a misspelt format gets a suggestion") {
        const RunResult result = run_vitae({"build", "cv.toml", "--format", "txt"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "did you mean 'text'?"));
    }
    SECTION("an output name whose extension names no format") {
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "out.weird"}, directory.path());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "cannot tell the format"));
        CHECK_FALSE(fs::exists(directory / "out.weird"));
    }
}

// --- check -------------------------------------------------------------------------

TEST_CASE("vitae check accepts the examples silently", "[e2e]") {
    const TemporaryDirectory directory;
    const auto name = GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml");
    INFO(name);
    const RunResult result = run_vitae({"check", example(name).string()}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    CHECK(result.err.empty());
}

TEST_CASE("vitae check on a missing file reports it", "[e2e]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae({"check", "missing.toml"}, directory.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(contains(result.err, "missing.toml: error: cannot read the file"));
}

TEST_CASE("vitae check reports every problem of a CV in one run, in file order", "[e2e]") {
    const TemporaryDirectory directory;
    write_file(directory / "broken.toml", broken_cv);

    struct Expected {
        std::string prefix;
        std::string_view words;  ///< part of the message that names the problem
    };
    const std::vector<Expected> expected = {
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "emial"), "error"), "unknown key 'emial'"},
        // After "ü" and "é": columns count code points, not bytes.
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "iccon"), "error"), "unknown key 'iccon'"},
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "\"high\""), "error"), "expected integer"},
        // At the day, the part that cannot be: after the quote and "1843-02-".
        {diagnostic_prefix("broken.toml", position_of(broken_cv, "\"1843-02-30\"", 9), "error"),
         "February 1843 has 28 days"},
    };

    const RunResult result = run_vitae({"check", "broken.toml"}, directory.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    const std::vector<std::string> lines = lines_of(result.err);
    INFO("stderr:\n" << result.err);
    REQUIRE(lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("expected line " << i + 1 << " to start with '" << expected[i].prefix << "' and mention '"
                              << expected[i].words << "'");
        CHECK(lines[i].starts_with(expected[i].prefix));
        CHECK(contains(lines[i], expected[i].words));
    }
}

TEST_CASE("vitae check - reads the CV from standard input", "[e2e]") {
    const TemporaryDirectory directory;

    SECTION("a good CV") {
        const RunResult result = run_vitae({"check", "-"}, directory.path(), std::string{good_cv});
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
    }
    SECTION("a broken CV: diagnostics name <stdin>") {
        const RunResult result = run_vitae({"check", "-"}, directory.path(), std::string{broken_cv});
        CHECK(result.exit_code == 1);
        const std::vector<std::string> lines = lines_of(result.err);
        INFO("stderr:\n" << result.err);
        REQUIRE(lines.size() == 4);
        CHECK(lines.front().starts_with(
            diagnostic_prefix("<stdin>", position_of(broken_cv, "emial"), "error")));
        for (const std::string& line : lines) CHECK(line.starts_with("<stdin>:"));
    }
    SECTION("a CV larger than a pipe holds at once") {
        std::string large_cv{good_cv};
        for (int line = 0; line < 20000; ++line) large_cv += "# a comment to make the input large\n";
        const RunResult result = run_vitae({"check", "-"}, directory.path(), large_cv);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
    }
    SECTION("input the program never reads does not disturb the run") {
        const RunResult result = run_vitae({"--version"}, directory.path(), std::string(1 << 20, '#'));
        CHECK(result.exit_code == 0);
        CHECK(result.out == "vitae 0.1.0\n");
    }
}

// --- build ---------------------------------------------------------------------------

TEST_CASE("vitae build writes the text where it is told", "[e2e]") {
    const TemporaryDirectory directory;
    write_file(directory / "ada.toml", good_cv);

    SECTION("-o names the output file") {
        const RunResult result = run_vitae({"build", "ada.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
        REQUIRE(fs::exists(directory / "out.txt"));
        const std::string text = read_file(directory / "out.txt");
        CHECK(contains(text, "Ada Lovelace-Núñez"));
        CHECK(contains(text, "Analytical Engine Project"));
    }
    SECTION("-o - writes to standard output, the same bytes as to a file") {
        const RunResult to_stdout =
            run_vitae({"build", "ada.toml", "--format", "text", "-o", "-"}, directory.path());
        CHECK(to_stdout.exit_code == 0);
        CHECK(to_stdout.err.empty());
        CHECK(contains(to_stdout.out, "Ada Lovelace-Núñez"));
        REQUIRE(run_vitae({"build", "ada.toml", "-o", "out.txt"}, directory.path()).exit_code == 0);
        CHECK(to_stdout.out == read_file(directory / "out.txt"));
    }
    SECTION("without -o, the output goes next to the CV, named after it") {
        fs::create_directory(directory / "cvs");
        fs::rename(directory / "ada.toml", directory / "cvs" / "ada.toml");
        const RunResult result = run_vitae({"build", "cvs/ada.toml"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.out.empty());
        REQUIRE(fs::exists(directory / "cvs" / "ada.pdf"));
        CHECK(read_file(directory / "cvs" / "ada.pdf").starts_with("%PDF-"));
        CHECK_FALSE(fs::exists(directory / "ada.pdf"));
    }
    SECTION("--format text lets the output have any name") {
        const RunResult result =
            run_vitae({"build", "ada.toml", "--format", "text", "-o", "anything.dat"}, directory.path());
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        REQUIRE(fs::exists(directory / "anything.dat"));
        CHECK(contains(read_file(directory / "anything.dat"), "Ada Lovelace-Núñez"));
    }
    SECTION("build - reads standard input and writes standard output") {
        const RunResult result =
            run_vitae({"build", "-", "--format", "text"}, directory.path(), std::string{good_cv});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Ada Lovelace-Núñez"));
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build writes nothing when the CV has errors", "[e2e]") {
    const TemporaryDirectory directory;

    SECTION("no output appears") {
        write_file(directory / "broken.toml", broken_cv);
        const RunResult result = run_vitae({"build", "broken.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 1);
        CHECK(result.out.empty());
        CHECK(contains(result.err, "broken.toml:"));
        CHECK_FALSE(fs::exists(directory / "out.txt"));
    }
    SECTION("the output of an earlier, good build is removed") {
        // A stale output must not pass for a build of the broken input
        // (make would take it as up to date).
        write_file(directory / "cv.toml", good_cv);
        REQUIRE(run_vitae({"build", "cv.toml", "-o", "out.txt"}, directory.path()).exit_code == 0);
        REQUIRE(fs::exists(directory / "out.txt"));
        write_file(directory / "cv.toml", broken_cv);
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 1);
        CHECK_FALSE(fs::exists(directory / "out.txt"));
    }
    SECTION("the default output of an earlier, good build is removed") {
        write_file(directory / "cv.toml", good_cv);
        REQUIRE(run_vitae({"build", "cv.toml"}, directory.path()).exit_code == 0);
        REQUIRE(fs::exists(directory / "cv.pdf"));
        write_file(directory / "cv.toml", broken_cv);
        CHECK(run_vitae({"build", "cv.toml"}, directory.path()).exit_code == 1);
        CHECK_FALSE(fs::exists(directory / "cv.pdf"));
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("a failed build leaves a directory named as its output alone", "[e2e]") {
    // Only a stale *file* is removed; a directory is not an earlier output.
    const TemporaryDirectory directory;
    write_file(directory / "broken.toml", broken_cv);

    SECTION("an empty directory") {
        fs::create_directory(directory / "out.txt");
        const RunResult result = run_vitae({"build", "broken.toml", "-o", "out.txt"}, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 1);
        CHECK(fs::is_directory(directory / "out.txt"));
    }
    SECTION("a directory with files in it") {
        fs::create_directory(directory / "out.txt");
        write_file(directory / "out.txt" / "keep.me", "precious");
        const RunResult result = run_vitae({"build", "broken.toml", "-o", "out.txt"}, directory.path());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 1);
        CHECK(fs::exists(directory / "out.txt" / "keep.me"));
    }
}

TEST_CASE("vitae build exits with 4 when the output cannot be written", "[e2e]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", good_cv);

    SECTION("the output is a directory") {
        fs::create_directory(directory / "out.txt");
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "out.txt"}, directory.path());
        CHECK(result.exit_code == 4);
        CHECK(contains(result.err, "out.txt"));
        CHECK(result.out.empty());
        CHECK(fs::is_directory(directory / "out.txt"));
        CHECK(fs::is_empty(directory / "out.txt"));
    }
    SECTION("the output's directory does not exist") {
        const RunResult result =
            run_vitae({"build", "cv.toml", "-o", "/nonexistent-dir/x.txt"}, directory.path());
        CHECK(result.exit_code == 4);
        CHECK(contains(result.err, "/nonexistent-dir/x.txt"));
        CHECK_FALSE(fs::exists("/nonexistent-dir"));
    }
    SECTION("the output's directory is a file") {
        const RunResult result = run_vitae({"build", "cv.toml", "-o", "cv.toml/x.txt"}, directory.path());
        CHECK(result.exit_code == 4);
        CHECK(contains(result.err, "cv.toml/x.txt"));
        CHECK(read_file(directory / "cv.toml") == good_cv);
    }
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build prints warnings and still writes the output", "[e2e]") {
    const TemporaryDirectory directory;
    constexpr std::string_view backwards_cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Experience"

[[section.entry]]
title = "Analytical Engine"
start = "1843-09"
end = "1842-01"
)";
    write_file(directory / "backwards.toml", backwards_cv);

    const RunResult result = run_vitae({"build", "backwards.toml", "-o", "out.txt"}, directory.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.empty());
    const std::vector<std::string> lines = lines_of(result.err);
    INFO("stderr:\n" << result.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines.front() ==
          diagnostic_prefix("backwards.toml", position_of(backwards_cv, "\"1842-01\""), "warning") +
              "end date is before the start date");
    REQUIRE(fs::exists(directory / "out.txt"));
    CHECK(contains(read_file(directory / "out.txt"), "Analytical Engine"));
    CHECK(leftover_temporary_files(directory.path()).empty());
}

TEST_CASE("vitae build is reproducible: two builds give the same bytes", "[e2e]") {
    const TemporaryDirectory directory;
    const std::string cv = example("jose-nunez.toml").string();
    REQUIRE(run_vitae({"build", cv, "-o", "first.txt"}, directory.path()).exit_code == 0);
    REQUIRE(run_vitae({"build", cv, "-o", "second.txt"}, directory.path()).exit_code == 0);
    const std::string first = read_file(directory / "first.txt");
    CHECK_FALSE(first.empty());
    CHECK(first == read_file(directory / "second.txt"));
}
