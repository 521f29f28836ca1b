#include "tex_runner.hpp"
#include "vitae/base/input.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "vitae/base/diag.hpp"
#include "vitae/base/file_descriptor.hpp"
#include "vitae/base/numbers.hpp"

extern char** environ;

namespace vitae::cli {

namespace {

/// The longest line of the engine's log before it breaks one (TeX Live's
/// default, 79, would cut an error message, such as a file's path, in two).
constexpr int log_line_length = 1000;

/// The Debian package of each engine.
std::string_view engine_package(render::TexEngine engine) {
    return engine == render::TexEngine::xelatex ? "texlive-xetex" : "texlive-latex-base";
}

/// The directory, removed with everything in it when this object goes.
class TemporaryDirectory {
public:
    TemporaryDirectory() {
        std::error_code error;
        std::string pattern = (std::filesystem::temp_directory_path(error) / "vitae-tex-XXXXXX").string();
        if (!error && ::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory() {
        std::error_code ignored;
        if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::optional<std::filesystem::path> find_in_path(std::string_view program) {
    const char* path = std::getenv("PATH");
    std::stringstream directories{path == nullptr ? "/usr/bin:/bin" : path};
    for (std::string directory; std::getline(directories, directory, ':');) {
        // An empty entry is the working directory, as for the shell.
        std::filesystem::path candidate =
            directory.empty() ? std::filesystem::path{"."} : std::filesystem::path{directory};
        candidate /= program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

/// The environment a TeX engine runs in: vitae's own, with `settings`
/// replacing what is there, and `removed` taken out.
class Environment {
public:
    Environment(const std::map<std::string, std::string>& settings, const std::set<std::string>& removed) {
        for (char** variable = environ; *variable != nullptr; ++variable) {
            const std::string_view entry{*variable};
            const std::string name{entry.substr(0, entry.find('='))};
            if (!settings.contains(name) && !removed.contains(name)) entries_.emplace_back(entry);
        }
        for (const auto& [name, value] : settings) entries_.push_back(fmt::format("{}={}", name, value));
        for (std::string& entry : entries_) pointers_.push_back(entry.data());
        pointers_.push_back(nullptr);
    }
    [[nodiscard]] char* const* get() const { return pointers_.data(); }

private:
    std::vector<std::string> entries_;
    std::vector<char*> pointers_;
};

struct Finished {
    bool ran = false;        ///< the program could be started
    bool timed_out = false;  ///< it was killed at the time limit
    int status = -1;         ///< its exit status
    std::string output;      ///< its standard output and error, the first max_tex_terminal_bytes
};

/// Runs `program` with `arguments` in `directory` and `environment`, in a
/// process group of its own, standard input from /dev/null, standard
/// output and error kept. At `time_limit`, the whole group is killed.
Finished run(const std::filesystem::path& program, const std::vector<std::string>& arguments,
             const std::filesystem::path& directory, const Environment& environment,
             std::chrono::milliseconds time_limit) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + time_limit;
    Finished finished;
    // Everything the child needs is made before fork: only async-signal-safe
    // calls after it (vitae may be building other CVs on other threads).
    std::vector<char*> argv;
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    int pipe_ends[2] = {-1, -1};
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) return finished;
    FileDescriptor read_end{pipe_ends[0]};
    FileDescriptor write_end{pipe_ends[1]};
    FileDescriptor null_device{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
    if (null_device.get() < 0) return finished;
    const pid_t child = ::fork();
    if (child < 0) return finished;
    if (child == 0) {
        ::setpgid(0, 0);
        ::dup2(null_device.get(), STDIN_FILENO);
        ::dup2(write_end.get(), STDOUT_FILENO);
        ::dup2(write_end.get(), STDERR_FILENO);
        if (::chdir(directory.c_str()) != 0) ::_exit(127);
        ::execve(program.c_str(), argv.data(), environment.get());
        ::_exit(127);
    }
    // Both sides set the group, so that it exists whichever runs first.
    ::setpgid(child, child);
    write_end.reset();
    const auto remaining = [&] {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        return std::max<long long>(0, left.count());
    };
    // The output until the pipe closes, then the exit, until the deadline.
    bool open = true;
    int status = 0;
    bool exited = false;
    while (!exited && remaining() > 0) {
        if (open) {
            pollfd readable{read_end.get(), POLLIN, 0};
            const int ready = ::poll(&readable, 1, static_cast<int>(remaining()));
            if (ready < 0 && errno != EINTR) open = false;
            if (ready <= 0) continue;
            char buffer[4096];
            const ssize_t count = ::read(read_end.get(), buffer, sizeof buffer);
            if (count < 0 && errno == EINTR) continue;
            if (count <= 0) {
                open = false;
                continue;
            }
            const std::size_t room = limits::max_tex_terminal_bytes - finished.output.size();
            finished.output.append(buffer, std::min(room, static_cast<std::size_t>(count)));
            continue;
        }
        const pid_t waited = ::waitpid(child, &status, WNOHANG);
        if (waited == child) {
            exited = true;
        } else if (waited < 0 && errno != EINTR) {
            break;
        } else {
            // The pipe has closed: the program is ending.
            constexpr auto exit_poll = std::chrono::milliseconds{5};
            std::this_thread::sleep_for(exit_poll);
        }
    }
    if (!exited) {
        finished.timed_out = true;
        ::kill(-child, SIGKILL);
        while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
        return finished;
    }
    finished.ran = WIFEXITED(status) && WEXITSTATUS(status) != 127;
    finished.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return finished;
}

/// The packages among `files` that kpsewhich cannot find, by Debian package.
std::string missing_packages(const std::filesystem::path& kpsewhich, render::TexEngine engine,
                             const std::filesystem::path& directory, const Environment& environment,
                             std::chrono::milliseconds time_limit) {
    std::vector<std::string> arguments{"kpsewhich"};
    for (const render::TexFile& file : render::required_tex_files(engine)) arguments.emplace_back(file.name);
    const Finished found = run(kpsewhich, arguments, directory, environment, time_limit);
    std::set<std::string> found_names;
    std::stringstream lines{found.output};
    for (std::string line; std::getline(lines, line);) {
        found_names.insert(std::filesystem::path{line}.filename().string());
    }
    std::map<std::string, std::vector<std::string>> missing;  // by Debian package
    for (const render::TexFile& file : render::required_tex_files(engine)) {
        if (!found_names.contains(std::string{file.name})) {
            missing[std::string{file.debian_package}].emplace_back(file.name);
        }
    }
    std::vector<std::string> problems;
    for (const auto& [package, names] : missing)
        problems.push_back(fmt::format("{} (Debian package {})", fmt::join(names, ", "), package));
    return fmt::format("{}", fmt::join(problems, "; "));
}

/// The error a line of TeX's output reports, or nothing: a line that
/// starts with `!`, or has one right after a file's closing `)` (the
/// terminal mixes TeX's output and its error stream on one line).
std::optional<std::string_view> error_on(std::string_view line) {
    if (line.starts_with("!")) return line;
    const std::size_t after_file = line.find(")!");
    if (after_file != std::string_view::npos) return line.substr(after_file + 1);
    return std::nullopt;
}

/// The first error in `text`, with the input line that follows it, if any.
std::string first_error_in(const std::string& text) {
    std::stringstream lines{text};
    std::string error;
    for (std::string line; std::getline(lines, line);) {
        if (error.empty()) {
            if (const auto found = error_on(line)) error = *found;
        } else if (line.starts_with("l.")) {
            const std::size_t space = line.find(' ');
            fmt::format_to(std::back_inserter(error), " (line {})",
                           line.substr(2, space == std::string::npos ? std::string::npos : space - 2));
            break;
        }
    }
    return error;
}

/// VITAE_TEX_TIME_LIMIT's time limit, the default without it, or nothing
/// when it is not a whole number of seconds in range.
std::optional<std::chrono::milliseconds> time_limit_from_environment() {
    const char* value = std::getenv("VITAE_TEX_TIME_LIMIT");
    if (value == nullptr) return std::chrono::seconds{limits::tex_time_limit_seconds};
    const std::string_view text{value};
    int seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc{} || end != text.data() + text.size() || seconds < 1 ||
        seconds > limits::max_tex_time_limit_seconds) {
        return std::nullopt;
    }
    return std::chrono::seconds{seconds};
}

}  // namespace

std::string first_tex_error(const std::string& log, const std::string& terminal) {
    std::string error = first_error_in(log);
    if (error.empty()) error = first_error_in(terminal);
    return vitae::printable(error);
}

TexRun run_tex(const render::LatexSource& source, std::optional<long long> source_date_epoch) {
    const auto time_limit = time_limit_from_environment();
    if (!time_limit) {
        return {std::nullopt,
                fmt::format("VITAE_TEX_TIME_LIMIT must be a whole number of seconds from 1 to {}",
                            limits::max_tex_time_limit_seconds)};
    }
    return run_tex(source, source_date_epoch, TexRunOptions{*time_limit});
}

TexRun run_tex(const render::LatexSource& source, std::optional<long long> source_date_epoch,
               const TexRunOptions& options) {
    const std::string engine{render::engine_name(source.engine)};
    const std::optional<std::filesystem::path> engine_path = find_in_path(engine);
    if (!engine_path) {
        return {std::nullopt, fmt::format("{} is not installed: install the Debian package {}", engine,
                                          engine_package(source.engine))};
    }
    const TemporaryDirectory directory;
    if (directory.path().empty())
        return {std::nullopt, fmt::format("cannot create a temporary directory for {}", engine)};
    // TeX Live reads its settings from the environment before texmf.cnf:
    // no file outside the folder and TeX's tree read or written (absolute
    // paths, `..`, dot files), no shell.
    std::map<std::string, std::string> settings{{"openin_any", "p"},
                                                {"openout_any", "p"},
                                                {"shell_escape", "f"},
                                                // The log's lines unbroken: an error quoted whole.
                                                {"max_print_line", fmt::format("{}", log_line_length)}};
    if (source_date_epoch) {
        settings["SOURCE_DATE_EPOCH"] = fmt::format("{}", *source_date_epoch);
        settings["FORCE_SOURCE_DATE"] = "1";
    }
    // TEXMFOUTPUT would open its folder to absolute paths.
    const Environment environment{settings, {"TEXMFOUTPUT"}};
    if (const auto kpsewhich = find_in_path("kpsewhich")) {
        const std::string missing =
            missing_packages(*kpsewhich, source.engine, directory.path(), environment, options.time_limit);
        if (!missing.empty())
            return {std::nullopt, fmt::format("TeX files {} needs are not installed: {}", engine, missing)};
    }
    {
        std::ofstream tex{directory.path() / "cv.tex", std::ios::binary};
        tex << source.text;
        if (!tex) return {std::nullopt, fmt::format("cannot write the .tex for {}", engine)};
        // The pictures it reads, beside it (their names are the writer's own, bare).
        for (const render::TexAttachment& attachment : source.attachments) {
            std::ofstream file{directory.path() / attachment.name, std::ios::binary};
            file << attachment.bytes;
            if (!file) return {std::nullopt, fmt::format("cannot write {} for {}", attachment.name, engine)};
        }
    }
    const std::vector<std::string> arguments{
        engine,  "-no-shell-escape", "-no-parse-first-line", "-interaction=nonstopmode", "-halt-on-error",
        "cv.tex"};
    for (int pass = 0; pass < 2; ++pass) {
        const Finished finished =
            run(*engine_path, arguments, directory.path(), environment, options.time_limit);
        if (finished.timed_out) {
            const auto seconds = std::chrono::duration<double>(options.time_limit).count();
            return {std::nullopt,
                    fmt::format("{} did not finish within {} s and was stopped (a loop in the .tex?)", engine,
                                compact_decimal(seconds, 3))};
        }
        if (!finished.ran) return {std::nullopt, fmt::format("cannot run {}", engine)};
        if (finished.status != 0) {
            const FileText log = read_file((directory.path() / "cv.log").string());
            std::string error = first_tex_error(log.text, finished.output);
            return {std::nullopt,
                    fmt::format("{} failed: {}", engine, error.empty() ? "no error in the log" : error)};
        }
    }
    FileText pdf = read_file((directory.path() / "cv.pdf").string());
    if (!pdf.error.empty() || pdf.text.empty()) return {std::nullopt, fmt::format("{} wrote no PDF", engine)};
    return {std::move(pdf.text), {}};
}

}  // namespace vitae::cli
