#pragma once
// Helpers shared by the end-to-end tests: running a program without a
// shell (the `vitae` binary, or a tool that inspects its output) and
// scratch directories that clean up after themselves.

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
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
#include <utility>
#include <vector>

extern char** environ;

namespace vitae::e2e {

// --- running a command -------------------------------------------------------

struct RunResult {
    int exit_code = -1;  ///< the exit status, or 128 + signal number, as a shell reports it
    std::string out;
    std::string err;
};

/// Changes to the environment the child inherits: a name with a value sets
/// it, a name without one removes it.
using EnvironmentChanges = std::vector<std::pair<std::string, std::optional<std::string>>>;

[[noreturn]] inline void throw_errno(const std::string& what) {
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

/// While alive, no file this process (or a child it starts) writes may
/// grow past `bytes`: a write beyond fails with EFBIG (SIGXFSZ ignored). A
/// write that fails midway, even for root.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &previous_limit_);
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        ::sigaction(SIGXFSZ, &ignore, &previous_action_);
        rlimit limited = previous_limit_;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &previous_limit_);
        ::sigaction(SIGXFSZ, &previous_action_, nullptr);
    }

private:
    rlimit previous_limit_{};
    struct sigaction previous_action_ {};
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

inline int wait_for_exit(pid_t child) {
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
inline void drain(Pipe& pipe, std::string& sink) {
    char buffer[4096];
    const ssize_t count = ::read(pipe.read_end(), buffer, sizeof buffer);
    if (count > 0) {
        sink.append(buffer, static_cast<std::size_t>(count));
    } else if (count == 0 || errno != EINTR) {
        pipe.close_read_end();
    }
}

inline const std::filesystem::path& cache_home_for_tests();

/// This process's environment with `changes` applied, as "NAME=value"
/// strings. Unless the changes say otherwise, XDG_CACHE_HOME is this test
/// process's own folder: vitae's font cache (and any other program's
/// cache) never goes to the user's ~/.cache.
inline std::vector<std::string> changed_environment(EnvironmentChanges changes) {
    const auto sets = [&changes](std::string_view name) {
        return std::any_of(changes.begin(), changes.end(),
                           [&](const auto& change) { return change.first == name; });
    };
    if (!sets("XDG_CACHE_HOME")) changes.emplace_back("XDG_CACHE_HOME", cache_home_for_tests().string());
    std::vector<std::string> result;
    for (char** variable = environ; *variable != nullptr; ++variable) {
        const std::string_view entry{*variable};
        if (!sets(entry.substr(0, entry.find('=')))) result.emplace_back(entry);
    }
    for (const auto& [name, value] : changes) {
        if (value) result.push_back(name + '=' + *value);
    }
    return result;
}

/// An environment as posix_spawn takes it, alive as long as this is.
class SpawnEnvironment {
public:
    explicit SpawnEnvironment(const EnvironmentChanges& changes) : strings_(changed_environment(changes)) {
        for (std::string& variable : strings_) pointers_.push_back(variable.data());
        pointers_.push_back(nullptr);
    }
    [[nodiscard]] char* const* get() const { return pointers_.data(); }

private:
    std::vector<std::string> strings_;
    std::vector<char*> pointers_;
};

/// Runs `arguments` (the first is the program's path) in `working_directory`
/// without a shell, feeding `stdin_text` to its standard input (nothing
/// when absent), in this process's environment with `environment` applied,
/// and returns its exit code and what it wrote to stdout and stderr, kept
/// apart.
inline RunResult run(const std::vector<std::string>& arguments,
                     const std::filesystem::path& working_directory,
                     const std::optional<std::string>& stdin_text = std::nullopt,
                     const EnvironmentChanges& environment = {}) {
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

    const SpawnEnvironment envp{environment};

    pid_t child = 0;
    if (const int error =
            ::posix_spawn(&child, argv[0], &setup.actions, &setup.attributes, argv.data(), envp.get())) {
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

inline RunResult run_vitae(const std::vector<std::string>& arguments,
                           const std::filesystem::path& working_directory,
                           const std::optional<std::string>& stdin_text = std::nullopt,
                           const EnvironmentChanges& environment = {}) {
    std::vector<std::string> command{VITAE_EXECUTABLE};
    command.insert(command.end(), arguments.begin(), arguments.end());
    return run(command, working_directory, stdin_text, environment);
}

/// Runs a copy of vitae made in `folder`/bin, with `arguments`, in
/// `folder`: a vitae without its modules (vitae-phone.so,
/// vitae-pdf-reader.so) beside it, nor an installation's lib folder, nor
/// the tests' VITAE_MODULE_DIR.
inline RunResult run_vitae_without_modules(const std::filesystem::path& folder,
                                           const std::vector<std::string>& arguments) {
    const std::filesystem::path lone = folder / "bin" / "vitae";
    std::filesystem::create_directories(lone.parent_path());
    std::filesystem::copy_file(VITAE_EXECUTABLE, lone, std::filesystem::copy_options::overwrite_existing);
    std::vector<std::string> command{lone.string()};
    command.insert(command.end(), arguments.begin(), arguments.end());
    return run(command, folder, std::nullopt, {{"VITAE_MODULE_DIR", std::nullopt}});
}

// --- files ---------------------------------------------------------------------

/// A fresh directory under the system's temporary directory, removed with
/// everything in it when the test ends.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "vitae-e2e-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw_errno("mkdtemp " + pattern);
        path_ = pattern;
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& relative) const {
        return path_ / relative;
    }

private:
    std::filesystem::path path_;
};

/// XDG_CACHE_HOME of every program a test runs: one folder per test
/// process (ctest runs each test case in its own), removed when it ends.
inline const std::filesystem::path& cache_home_for_tests() {
    static const TemporaryDirectory cache;
    return cache.path();
}

/// The test binary's own font lookups (unit tests load system fonts) cache
/// there too: set before any test runs.
inline const bool cache_home_set_for_tests =
    ::setenv("XDG_CACHE_HOME", cache_home_for_tests().c_str(), 1) == 0;

inline void write_file(const std::filesystem::path& path, std::string_view contents) {
    std::ofstream file{path, std::ios::binary};
    file << contents;
    REQUIRE(file.good());
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream file{path, std::ios::binary};
    REQUIRE(file.good());
    return {std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

/// The number of pages pdfinfo reads in a PDF.
inline int page_count(const std::filesystem::path& pdf) {
    const RunResult info = run({"/usr/bin/pdfinfo", pdf.string()}, pdf.parent_path());
    REQUIRE(info.exit_code == 0);
    const std::size_t at = info.out.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(info.out.substr(at + 6));
}

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

inline std::filesystem::path example(std::string_view name) {
    return std::filesystem::path{VITAE_SOURCE_DIR} / "examples" / name;
}

/// A fontconfig configuration without a single font directory, for a run of
/// the binary that sees no fonts at all (a bare container).
inline EnvironmentChanges without_fonts(const TemporaryDirectory& directory) {
    const std::filesystem::path config = directory / "fonts.conf";
    write_file(config,
               R"(<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>)" +
                   (directory / "cache").string() + "</cachedir></fontconfig>");
    return {{"FONTCONFIG_FILE", config.string()}, {"FONTCONFIG_PATH", std::nullopt}};
}

}  // namespace vitae::e2e
