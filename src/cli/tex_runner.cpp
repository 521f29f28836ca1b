#include "tex_runner.hpp"
#include "vitae/input.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace vitae::cli {

namespace {

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

struct Finished {
    bool ran = false;    ///< the program could be started
    int status = -1;     ///< its exit status
    std::string output;  ///< its standard output, when asked for
};

/// Runs `arguments` in `directory` with `environment` added, standard input
/// and error closed to /dev/null; standard output kept if `keep_output`.
Finished run(const std::vector<std::string>& arguments, const std::filesystem::path& directory,
             const std::map<std::string, std::string>& environment, bool keep_output) {
    Finished finished;
    int pipe_ends[2] = {-1, -1};
    if (keep_output && ::pipe(pipe_ends) != 0) return finished;
    const pid_t child = ::fork();
    if (child < 0) return finished;
    if (child == 0) {
        const int null_device = ::open("/dev/null", O_RDWR);
        ::dup2(null_device, STDIN_FILENO);
        ::dup2(keep_output ? pipe_ends[1] : null_device, STDOUT_FILENO);
        ::dup2(null_device, STDERR_FILENO);
        if (keep_output) {
            ::close(pipe_ends[0]);
            ::close(pipe_ends[1]);
        }
        if (::chdir(directory.c_str()) != 0) ::_exit(127);
        for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> argv;
        for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    if (keep_output) {
        ::close(pipe_ends[1]);
        char buffer[4096];
        for (ssize_t count; (count = ::read(pipe_ends[0], buffer, sizeof buffer)) != 0;) {
            if (count < 0 && errno == EINTR) continue;
            if (count < 0) break;
            finished.output.append(buffer, static_cast<std::size_t>(count));
        }
        ::close(pipe_ends[0]);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    finished.ran = WIFEXITED(status) && WEXITSTATUS(status) != 127;
    finished.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return finished;
}

/// The packages among `files` that kpsewhich cannot find, by Debian package.
std::string missing_packages(render::TexEngine engine, const std::filesystem::path& directory) {
    std::vector<std::string> arguments{"kpsewhich"};
    for (const render::TexFile& file : render::required_tex_files(engine)) arguments.emplace_back(file.name);
    const Finished found = run(arguments, directory, {}, true);
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
    std::string problem;
    for (const auto& [package, names] : missing) {
        if (!problem.empty()) problem += "; ";
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i > 0) problem += ", ";
            problem += names[i];
        }
        problem += " (Debian package ";
        problem += package;
        problem += ")";
    }
    return problem;
}

/// The log's first error, with its input line: "! Undefined control sequence. (line 12)".
std::string first_error(const std::filesystem::path& log) {
    std::ifstream in{log};
    std::string error;
    for (std::string line; std::getline(in, line);) {
        if (error.empty() && line.starts_with("!")) {
            error = line;
        } else if (!error.empty() && line.starts_with("l.")) {
            const std::size_t space = line.find(' ');
            error += " (line ";
            error += line.substr(2, space == std::string::npos ? std::string::npos : space - 2);
            error += ")";
            break;
        }
    }
    return error.empty() ? "no error in the log" : error;
}

}  // namespace

TexRun run_tex(const render::LatexSource& source, std::optional<long long> source_date_epoch) {
    const std::string engine{render::engine_name(source.engine)};
    if (!find_in_path(engine)) {
        return {std::nullopt, engine + " is not installed: install the Debian package " +
                                  std::string{engine_package(source.engine)}};
    }
    const TemporaryDirectory directory;
    if (directory.path().empty()) return {std::nullopt, "cannot create a temporary directory for " + engine};
    if (find_in_path("kpsewhich")) {
        const std::string missing = missing_packages(source.engine, directory.path());
        if (!missing.empty())
            return {std::nullopt, "TeX files " + engine + " needs are not installed: " + missing};
    }
    {
        std::ofstream tex{directory.path() / "cv.tex", std::ios::binary};
        tex << source.text;
        if (!tex) return {std::nullopt, "cannot write the .tex for " + engine};
    }
    std::map<std::string, std::string> environment;
    if (source_date_epoch) {
        environment["SOURCE_DATE_EPOCH"] = std::to_string(*source_date_epoch);
        environment["FORCE_SOURCE_DATE"] = "1";
    }
    const std::vector<std::string> arguments{engine, "-interaction=nonstopmode", "-halt-on-error", "cv.tex"};
    for (int pass = 0; pass < 2; ++pass) {
        const Finished finished = run(arguments, directory.path(), environment, false);
        if (!finished.ran) return {std::nullopt, "cannot run " + engine};
        if (finished.status != 0) {
            return {std::nullopt, engine + " failed: " + first_error(directory.path() / "cv.log")};
        }
    }
    FileText pdf = read_file((directory.path() / "cv.pdf").string());
    if (!pdf.error.empty() || pdf.text.empty()) return {std::nullopt, engine + " wrote no PDF"};
    return {std::move(pdf.text), {}};
}

}  // namespace vitae::cli
