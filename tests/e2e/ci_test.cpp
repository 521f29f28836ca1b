// End-to-end tests of vitae in CI and build systems: several styles,
// formats and CVs in one call, in parallel; diagnostics for machines;
// depfiles that make and ninja can use; watch mode; the ready-to-copy
// workflow and Makefile; reproducible bytes.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <thread>

#include "e2e/process.hpp"

using namespace vitae::e2e;
namespace fs = std::filesystem;

namespace {

const std::string small_cv = R"([person]
name = "Ada Lovelace"
email = "ada@example.org"
[[section]]
title = "Work"
[[section.entry]]
title = "Analytical Engine"
start = "1842-01"
end = "1843-09"
highlights = ["Wrote the first program."]
)";

/// A CV whose only problem is a warning (an end date before its start).
const std::string warning_cv = R"([person]
name = "Ada Lovelace"
[[section]]
title = "Work"
[[section.entry]]
title = "Analytical Engine"
start = "1843-09"
end = "1842-01"
)";

const std::string broken_cv = "[person]\nname = \"X\"\n[[section]]\ntitel = \"A\"\n";

std::set<std::string> files_in(const fs::path& directory) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory))
        names.insert(entry.path().filename().string());
    return names;
}

std::size_t count_of(const std::string& text, std::string_view part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++count;
    return count;
}

std::string tool(const fs::path& directory, std::vector<std::string> arguments, int expected_exit = 0) {
    const RunResult result = run(arguments, directory);
    INFO(arguments.front() << " said: " << result.err);
    REQUIRE(result.exit_code == expected_exit);
    return result.out;
}

}  // namespace

TEST_CASE("vitae build makes one file per style and format, named predictably, from one reading of the CV",
          "[e2e][ci]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", warning_cv);
    const RunResult result = run_vitae({"build", "cv.toml", "--style", "onepage", "--style", "academic",
                                        "--format", "pdf,latex", "-o", "out/"},
                                       directory.path());
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(files_in(directory / "out") ==
          std::set<std::string>{"cv-academic.pdf", "cv-academic.tex", "cv-onepage.pdf", "cv-onepage.tex"});
    // Loaded and validated once: the CV's warning is said once, not per style.
    CHECK(count_of(result.err, "end date is before the start date") == 1);
    CHECK(tool(directory.path(), {"/usr/bin/pdfinfo", "out/cv-onepage.pdf"}).find("Pages:           1") !=
          std::string::npos);
    CHECK(read_file(directory / "out" / "cv-academic.tex")
              .starts_with("% !TEX program = xelatex\n% A CV written by vitae"));
    // The CV as loaded is released after the last style's selection only.
    for (const char* tex : {"cv-onepage.tex", "cv-academic.tex"}) {
        CHECK(read_file(directory / "out" / tex).find("Ada Lovelace") != std::string::npos);
    }

    SECTION("one style and format into a directory keeps the CV's name") {
        REQUIRE(run_vitae({"build", "cv.toml", "-o", "single/"}, directory.path()).exit_code == 0);
        CHECK(files_in(directory / "single") == std::set<std::string>{"cv.pdf"});
    }
    SECTION("several files cannot go to standard output") {
        const RunResult to_stdout =
            run_vitae({"build", "cv.toml", "--format", "pdf,text", "-o", "-"}, directory.path());
        CHECK(to_stdout.exit_code == 2);
        CHECK(to_stdout.out.empty());
    }
    SECTION("two CVs of one name into one directory is a usage error") {
        fs::create_directories(directory / "a");
        fs::create_directories(directory / "b");
        write_file(directory / "a" / "cv.toml", small_cv);
        write_file(directory / "b" / "cv.toml", small_cv);
        const RunResult clash =
            run_vitae({"build", "a/cv.toml", "b/cv.toml", "-o", "both/"}, directory.path());
        CHECK(clash.exit_code == 2);
        CHECK(contains(clash.err, "two outputs would be both/cv.pdf"));
    }
    SECTION("a CV with an error leaves no folder behind, and a folder that was there stays") {
        write_file(directory / "bad.toml", broken_cv);
        CHECK(run_vitae({"build", "bad.toml", "-o", "new/deeper/"}, directory.path()).exit_code == 1);
        CHECK_FALSE(fs::exists(directory / "new"));
        CHECK(run_vitae({"build", "bad.toml", "-o", "out/deeper/"}, directory.path()).exit_code == 1);
        CHECK(fs::exists(directory / "out"));
        CHECK_FALSE(fs::exists(directory / "out" / "deeper"));
    }
}

TEST_CASE(
    "vitae build -j builds many CVs: a failing one stops none, and messages and bytes do not depend on -j",
    "[e2e][ci]") {
    const TemporaryDirectory directory;
    write_file(directory / "a.toml", small_cv);
    write_file(directory / "bad.toml", broken_cv);
    write_file(directory / "c.toml", warning_cv);
    write_file(directory / "d.toml", small_cv);
    const std::vector<std::string> inputs{"a.toml", "bad.toml", "c.toml", "d.toml"};
    std::vector<std::string> first_args{"build"};
    first_args.insert(first_args.end(), inputs.begin(), inputs.end());

    std::string serial_err;
    std::map<std::string, std::string> serial_bytes;
    for (const std::string jobs : {"1", "4"}) {
        std::vector<std::string> arguments = first_args;
        arguments.insert(arguments.end(), {"-j", jobs, "-o", "out" + jobs + "/"});
        const RunResult result =
            run_vitae(arguments, directory.path(), std::nullopt, {{"SOURCE_DATE_EPOCH", "0"}});
        INFO("-j " << jobs << ": " << result.err);
        CHECK(result.exit_code == 1);
        CHECK(files_in(directory / ("out" + jobs)) == std::set<std::string>{"a.pdf", "c.pdf", "d.pdf"});
        // In the order of the command line: bad.toml's errors before c.toml's warning.
        const std::size_t bad_at = result.err.find("bad.toml:4:1: error: unknown key 'titel'");
        const std::size_t c_at = result.err.find("c.toml:8:7: warning: end date is before the start date");
        CHECK(bad_at != std::string::npos);
        CHECK(c_at != std::string::npos);
        CHECK(bad_at < c_at);
        if (jobs == "1") {
            serial_err = result.err;
            for (const std::string name : {"a.pdf", "c.pdf", "d.pdf"})
                serial_bytes[name] = read_file(directory / "out1" / name);
        } else {
            CHECK(result.err == serial_err);
            for (const auto& [name, bytes] : serial_bytes)
                CHECK(read_file(directory / "out4" / name) == bytes);
        }
    }

    SECTION("the exit code is the highest of all CVs'") {
        // A style that cannot fit the long CV: 3 beats bad.toml's 1.
        write_file(directory / "tight.toml",
                   "extends = \"default\"\n[fit]\nmax_pages = 1\ndrop_items = false\n");
        std::string long_cv = small_cv;
        for (int i = 0; i < 60; ++i) {
            long_cv += "[[section.entry]]\ntitle = \"Entry " + std::to_string(i) +
                       "\"\nhighlights = [\"One line\", \"Two lines\", \"Three lines\"]\n";
        }
        write_file(directory / "long.toml", long_cv);
        const RunResult result = run_vitae(
            {"build", "a.toml", "bad.toml", "long.toml", "-j", "2", "--style", "tight.toml", "-o", "tight/"},
            directory.path());
        CHECK(result.exit_code == 3);
        CHECK(fs::exists(directory / "tight" / "a.pdf"));
        CHECK_FALSE(fs::exists(directory / "tight" / "long.pdf"));
    }
}

TEST_CASE("diagnostics for machines: JSON lines, GitHub annotations, --werror, --quiet", "[e2e][ci]") {
    const TemporaryDirectory directory;
    write_file(directory / "bad.toml", broken_cv);
    write_file(directory / "warn.toml", warning_cv);

    SECTION("--diagnostics json") {
        const RunResult result = run_vitae({"check", "bad.toml", "--diagnostics", "json"}, directory.path());
        CHECK(result.exit_code == 1);
        const std::vector<std::string> lines = lines_of(result.err);
        CHECK(std::find(lines.begin(), lines.end(),
                        R"({"file":"bad.toml","line":4,"column":1,"severity":"error","message":)"
                        R"("unknown key 'titel' in section","hint":"did you mean 'title'?"})") !=
              lines.end());
        for (const std::string& line : lines) {
            CHECK(line.starts_with("{\"file\":"));
            CHECK(line.ends_with("}"));
        }
    }
    SECTION("GitHub Actions annotations") {
        const RunResult result = run_vitae({"build", "bad.toml", "-o", "bad.pdf"}, directory.path(),
                                           std::nullopt, {{"GITHUB_ACTIONS", "true"}});
        CHECK(result.exit_code == 1);
        CHECK(contains(
            result.out,
            "::error file=bad.toml,line=4,col=1::unknown key 'titel' in section (did you mean 'title'?)\n"));
        // The human lines stay on standard error.
        CHECK(contains(result.err,
                       "bad.toml:4:1: error: unknown key 'titel' in section (did you mean 'title'?)"));
        const RunResult outside = run_vitae({"check", "bad.toml"}, directory.path(), std::nullopt,
                                            {{"GITHUB_ACTIONS", std::nullopt}});
        CHECK(outside.out.empty());
    }
    SECTION("--werror") {
        const RunResult lenient = run_vitae({"build", "warn.toml", "-o", "warn.pdf"}, directory.path());
        CHECK(lenient.exit_code == 0);
        CHECK(fs::exists(directory / "warn.pdf"));
        const RunResult strict =
            run_vitae({"build", "warn.toml", "-o", "warn.pdf", "--werror"}, directory.path());
        CHECK(strict.exit_code == 1);
        CHECK(contains(strict.err, "warn.toml:8:7: error: end date is before the start date"));
        CHECK_FALSE(fs::exists(directory / "warn.pdf"));
        CHECK(run_vitae({"check", "warn.toml", "--werror"}, directory.path()).exit_code == 1);
    }
    SECTION("--quiet prints problems only") {
        const std::string seed = example("zangwei-zheng.toml").string();
        const RunResult noisy =
            run_vitae({"build", seed, "--style", "onepage", "-o", "a.pdf"}, directory.path());
        CHECK(contains(noisy.err, "note: fit: 1 page"));
        const RunResult quiet =
            run_vitae({"build", seed, "--style", "onepage", "-o", "b.pdf", "-q"}, directory.path());
        CHECK(quiet.exit_code == 0);
        CHECK_FALSE(contains(quiet.err, "note:"));
        const RunResult quiet_warning =
            run_vitae({"build", "warn.toml", "-o", "c.pdf", "--quiet"}, directory.path());
        CHECK(contains(quiet_warning.err, "warning: end date is before the start date"));
    }
}

TEST_CASE(
    "vitae build --depfile lists the CV, the style files of the extends chain and the fonts, and make uses "
    "it",
    "[e2e][ci]") {
    const TemporaryDirectory directory;
    write_file(directory / "my cv.toml", small_cv);
    fs::create_directories(directory / "styles");
    write_file(directory / "styles" / "base.toml", "extends = \"onepage\"\n[text]\nsize = \"10.5pt\"\n");
    write_file(directory / "styles" / "mine.toml", "extends = \"base.toml\"\n");
    fs::create_directories(directory / "out");
    const RunResult result = run_vitae(
        {"build", "my cv.toml", "--style", "styles/mine.toml", "-o", "out/cv.pdf", "--depfile", "out/cv.d"},
        directory.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::string depfile = read_file(directory / "out" / "cv.d");
    CHECK(depfile.starts_with(
        "out/cv.pdf: \\\n  my\\ cv.toml \\\n  styles/mine.toml \\\n  styles/base.toml \\\n"));
    std::size_t fonts = 0;
    for (const std::string& line : lines_of(depfile)) {
        const std::string path =
            line.substr(line.find_first_not_of(' '), line.find(" \\") - line.find_first_not_of(' '));
        if (path.starts_with("/")) {
            ++fonts;
            CHECK(fs::exists(path));
            CHECK((path.ends_with(".ttf") || path.ends_with(".otf")));
        }
    }
    CHECK(fonts >= 2);  // Lato in two weights at least, and the icon font

    // A Makefile that includes the depfile rebuilds exactly when a source changes.
    const std::string vitae = VITAE_EXECUTABLE;
    write_file(directory / "Makefile",
               "out/cv.pdf:\n\t" + vitae +
                   " build 'my cv.toml' --style styles/mine.toml -o $@ --depfile out/cv.d\n" +
                   "-include out/cv.d\n");
    const auto up_to_date = [&] {
        return run({"/usr/bin/make", "-q", "out/cv.pdf"}, directory.path()).exit_code == 0;
    };
    CHECK(up_to_date());
    // Times set ahead, each later than the last, so that one test run
    // needs no sleeping to tell old from new.
    int seconds_ahead = 0;
    const auto touch = [&](const fs::path& path) {
        seconds_ahead += 10;
        fs::last_write_time(path, fs::file_time_type::clock::now() + std::chrono::seconds(seconds_ahead));
    };
    for (const std::string changed : {"my cv.toml", "styles/base.toml"}) {
        INFO(changed);
        touch(directory / changed);
        CHECK_FALSE(up_to_date());
        REQUIRE(run({"/usr/bin/make", "out/cv.pdf"}, directory.path()).exit_code == 0);
        touch(directory / "out" / "cv.pdf");
        CHECK(up_to_date());
    }
}

TEST_CASE("the example workflow and Makefile do what they say", "[e2e][ci]") {
    const fs::path ci = fs::path{VITAE_SOURCE_DIR} / "examples" / "ci";
    const TemporaryDirectory directory;

    SECTION("the GitHub Actions workflow") {
        // Parsed by a real YAML parser, then checked for what it promises.
        const std::string script = R"(import sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
on = w.get("on", w.get(True))
assert "push" in on and on["release"]["types"] == ["published"], on
steps = w["jobs"]["build"]["steps"]
assert w["jobs"]["build"]["container"] == "debian:12"
runs = "\n".join(s.get("run", "") for s in steps)
assert "scripts/build" in runs, "vitae built with its own script"
assert "--style onepage --style academic" in runs, "both variants"
assert "vitae check cv.toml --werror" in runs
uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
assert uploads and uploads[0]["with"]["path"] == "out/*.pdf", uploads
releases = [s for s in steps if s.get("uses", "").startswith("softprops/action-gh-release@")]
assert releases and releases[0]["if"] == "github.event_name == 'release'", releases
print("ok")
)";
        write_file(directory / "check.py", script);
        CHECK(tool(directory.path(),
                   {"/usr/bin/python3", "check.py", (ci / "github-workflow.yml").string()}) == "ok\n");
    }
    SECTION("the Makefile, dry-run, then run") {
        write_file(directory / "cv.toml", small_cv);
        const std::vector<std::string> make{"/usr/bin/make", "-f", (ci / "Makefile").string(),
                                            std::string{"VITAE="} + VITAE_EXECUTABLE};
        std::vector<std::string> dry = make;
        dry.push_back("-n");
        const std::string planned = tool(directory.path(), dry);
        CHECK(contains(planned,
                       "build cv.toml --style onepage -o out/cv-onepage.pdf --depfile out/cv-onepage.pdf.d"));
        CHECK(contains(
            planned,
            "build cv.toml --style academic -o out/cv-academic.pdf --depfile out/cv-academic.pdf.d"));
        CHECK_FALSE(fs::exists(directory / "out"));
        tool(directory.path(), make);
        CHECK(files_in(directory / "out") == std::set<std::string>{"cv-academic.pdf", "cv-academic.pdf.d",
                                                                   "cv-onepage.pdf", "cv-onepage.pdf.d"});
        std::vector<std::string> query = make;
        query.push_back("-q");
        CHECK(run(query, directory.path()).exit_code == 0);
        fs::last_write_time(directory / "cv.toml",
                            fs::file_time_type::clock::now() + std::chrono::seconds(5));
        CHECK(run(query, directory.path()).exit_code == 1);
    }
}

TEST_CASE("outputs are the same bytes whatever the working directory and -j", "[e2e][ci]") {
    const TemporaryDirectory directory;
    fs::create_directories(directory / "deep" / "er");
    write_file(directory / "cv.toml", small_cv);
    const EnvironmentChanges epoch{{"SOURCE_DATE_EPOCH", "1700000000"}};
    REQUIRE(
        run_vitae({"build", "cv.toml", "-o", "here.pdf"}, directory.path(), std::nullopt, epoch).exit_code ==
        0);
    REQUIRE(run_vitae({"build", "../../cv.toml", "-o", "there.pdf", "-j", "3"}, directory / "deep" / "er",
                      std::nullopt, epoch)
                .exit_code == 0);
    REQUIRE(run_vitae({"build", (directory / "cv.toml").string(), "-o", (directory / "abs.pdf").string()},
                      "/", std::nullopt, epoch)
                .exit_code == 0);
    const std::string here = read_file(directory / "here.pdf");
    CHECK(read_file(directory / "deep" / "er" / "there.pdf") == here);
    CHECK(read_file(directory / "abs.pdf") == here);
}

namespace {

/// A child whose standard error is read as it comes, for watch mode.
class Watcher {
public:
    Watcher(const std::vector<std::string>& arguments, const fs::path& directory) {
        int ends[2];
        REQUIRE(::pipe2(ends, O_CLOEXEC) == 0);
        read_end_ = ends[0];
        posix_spawn_file_actions_t actions;
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawn_file_actions_adddup2(&actions, ends[1], STDERR_FILENO);
        ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        ::posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
        std::vector<char*> argv;
        for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        const SpawnEnvironment environment{{}};
        const int error = ::posix_spawn(&child_, argv[0], &actions, nullptr, argv.data(), environment.get());
        ::posix_spawn_file_actions_destroy(&actions);
        ::close(ends[1]);
        REQUIRE(error == 0);
    }
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;
    ~Watcher() {
        ::kill(child_, SIGTERM);
        int status = 0;
        ::waitpid(child_, &status, 0);
        ::close(read_end_);
    }

    /// Waits until standard error has said `text` `times` times in all; false after 20 s.
    bool said(std::string_view text, std::size_t times = 1) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (count_of(err_, text) < times) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd readable{read_end_, POLLIN, 0};
            if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) continue;
            char buffer[4096];
            const ssize_t count = ::read(read_end_, buffer, sizeof buffer);
            if (count <= 0) return false;
            err_.append(buffer, static_cast<std::size_t>(count));
        }
        return true;
    }

    [[nodiscard]] const std::string& err() const { return err_; }

private:
    pid_t child_ = -1;
    int read_end_ = -1;
    std::string err_;
};

}  // namespace

TEST_CASE("vitae build --watch builds again on every save, and survives a broken one", "[e2e][ci]") {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", small_cv);
    Watcher watcher{{VITAE_EXECUTABLE, "build", "cv.toml", "-o", "out/", "--watch"}, directory.path()};
    INFO("vitae said:\n" << watcher.err());
    REQUIRE(watcher.said("vitae: built 1 file in "));
    const auto pdf_text = [&] { return tool(directory.path(), {"/usr/bin/pdftotext", "out/cv.pdf", "-"}); };
    CHECK(contains(pdf_text(), "Analytical Engine"));

    // An editor's save: a new file renamed over the old one.
    std::string changed = small_cv;
    changed.replace(changed.find("Analytical Engine"), 17, "Difference Engine");
    write_file(directory / ".cv.toml.swp", changed);
    fs::rename(directory / ".cv.toml.swp", directory / "cv.toml");
    REQUIRE(watcher.said("vitae: built 1 file in ", 2));
    CHECK(contains(pdf_text(), "Difference Engine"));

    // A broken intermediate save: diagnostics, and vitae waits on.
    write_file(directory / "cv.toml", changed + "[[section\n");
    REQUIRE(watcher.said("vitae: build failed"));
    CHECK(contains(watcher.err(), "cv.toml:"));
    write_file(directory / "cv.toml", changed);
    REQUIRE(watcher.said("vitae: built 1 file in ", 3));
    CHECK(contains(pdf_text(), "Difference Engine"));
}

TEST_CASE("vitae build --watch hears a CV whose folder was removed and made again", "[e2e][ci]") {
    const TemporaryDirectory directory;
    fs::create_directory(directory / "cvs");
    write_file(directory / "cvs" / "cv.toml", small_cv);
    Watcher watcher{{VITAE_EXECUTABLE, "build", "cvs/cv.toml", "-f", "text", "-o", "cv.txt", "--watch"},
                    directory.path()};
    INFO("vitae said:\n" << watcher.err());
    REQUIRE(watcher.said("vitae: built 1 file in "));
    fs::remove_all(directory / "cvs");
    REQUIRE(watcher.said("vitae: build failed"));
    // As a checkout or a sync tool does it: the folder comes back whole.
    std::string changed = small_cv;
    changed.replace(changed.find("Analytical Engine"), 17, "Difference Engine");
    fs::create_directory(directory / "cvs.new");
    write_file(directory / "cvs.new" / "cv.toml", changed);
    fs::rename(directory / "cvs.new", directory / "cvs");
    REQUIRE(watcher.said("vitae: built 1 file in ", 2));
    CHECK(contains(read_file(directory / "cv.txt"), "Difference Engine"));
    // And it still hears the next save in the new folder.
    write_file(directory / "cvs" / "cv.toml", small_cv);
    REQUIRE(watcher.said("vitae: built 1 file in ", 3));
    CHECK(contains(read_file(directory / "cv.txt"), "Analytical Engine"));
}

TEST_CASE("a CV's BibTeX file is in its depfile, and its owner is bold in the BibTeX author lists",
          "[e2e][ci]") {
    const TemporaryDirectory directory;
    fs::create_directories(directory / "refs");
    write_file(directory / "refs" / "papers.bib",
               "@article{a, title = {On Engines}, author = {Lovelace, Ada and Babbage, Charles}, "
               "journal = {Notes}, year = 1843}\n");
    write_file(directory / "cv.toml",
               "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Papers\"\n"
               "kind = \"publications\"\nbibliography = \"refs/papers.bib\"\n");
    const RunResult result =
        run_vitae({"build", "cv.toml", "-o", "cv.trace", "--depfile", "cv.d"}, directory.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(read_file(directory / "cv.d").starts_with("cv.trace: \\\n  cv.toml \\\n  refs/papers.bib \\\n"));
    const std::string trace = read_file(directory / "cv.trace");
    CHECK(contains(trace, "Bold 10.00 #222222] \"Ada Lovelace\""));
    CHECK(contains(trace, "Regular 10.00 #222222] \", Charles Babbage \""));
}

TEST_CASE("every example, built-in style and the starter CV are valid by the JSON Schemas editors use",
          "[e2e][schema]") {
    const TemporaryDirectory directory;
    // A real validator (python3-jsonschema), on the TOML as an editor reads it.
    write_file(directory / "validate.py", R"(import json, sys, tomllib, jsonschema
schema = json.load(open(sys.argv[1]))
for path in sys.argv[2:]:
    data = json.loads(json.dumps(tomllib.load(open(path, "rb")), default=str))
    jsonschema.validate(data, schema)
broken = {"person": {"name": "x"}, "section": [{"title": "a", "entry": [{"title": "t", "titel": "u"}]}]}
try:
    jsonschema.validate(broken, schema) if "cv" in sys.argv[1] else None
    assert "cv" not in sys.argv[1], "a wrong key passed"
except jsonschema.ValidationError:
    pass
print("ok")
)");
    const fs::path root = VITAE_SOURCE_DIR;
    REQUIRE(run_vitae({"new", (directory / "starter.toml").string()}, directory.path()).exit_code == 0);
    std::vector<std::string> cv_check{"/usr/bin/python3", "validate.py",
                                      (root / "schemas" / "cv.schema.json").string(),
                                      (directory / "starter.toml").string()};
    // The letters are checked by the CV's schema, which holds [letter].
    for (const fs::path& folder : {root / "examples", root / "examples" / "letters"}) {
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (entry.path().extension() == ".toml") cv_check.push_back(entry.path().string());
        }
    }
    CHECK(tool(directory.path(), cv_check) == "ok\n");
    std::vector<std::string> style_check{"/usr/bin/python3", "validate.py",
                                         (root / "schemas" / "style.schema.json").string()};
    for (const fs::path& folder : {root / "styles", root / "examples" / "styles"}) {
        for (const auto& entry : fs::directory_iterator(folder)) style_check.push_back(entry.path().string());
    }
    CHECK(tool(directory.path(), style_check) == "ok\n");
    // The examples and the starter point editors at the schema.
    CHECK(read_file(root / "examples" / "zangwei-zheng.toml")
              .starts_with("#:schema ../schemas/cv.schema.json\n"));
    CHECK(read_file(directory / "starter.toml")
              .starts_with("#:schema " + (root / "schemas" / "cv.schema.json").string()));
}

TEST_CASE("vitae new writes a starter CV that builds cleanly in every built-in style", "[e2e][new]") {
    const TemporaryDirectory directory;
    const RunResult written = run_vitae({"new"}, directory.path());
    CHECK(written.exit_code == 0);
    REQUIRE(fs::exists(directory / "cv.toml"));
    CHECK(run_vitae({"check", "cv.toml", "--werror"}, directory.path()).exit_code == 0);
    for (const std::string style : {"default", "onepage", "academic", "classic", "sidebar"}) {
        INFO(style);
        const RunResult built = run_vitae(
            {"build", "cv.toml", "--style", style, "-o", style + ".pdf", "--werror"}, directory.path());
        CHECK(built.exit_code == 0);
        CHECK_FALSE(contains(built.err, "warning"));
        CHECK_FALSE(contains(built.err, "error"));
    }
    // Never over an existing file, unless asked.
    write_file(directory / "cv.toml", "mine");
    CHECK(run_vitae({"new"}, directory.path()).exit_code == 4);
    CHECK(read_file(directory / "cv.toml") == "mine");
    CHECK(run_vitae({"new", "--force"}, directory.path()).exit_code == 0);
    CHECK(read_file(directory / "cv.toml").starts_with("#:schema "));
    CHECK(run_vitae({"new", "-"}, directory.path()).out.starts_with("#:schema "));
}

TEST_CASE("vitae import writes a JSON Resume as TOML, and vitae build takes a JSON Resume as it is",
          "[e2e][json-resume]") {
    const TemporaryDirectory directory;
    std::string json = read_file(fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "resume.json");
    json.replace(json.find("2010-13-01"), 10, "2010-12-01");
    write_file(directory / "resume.json", json);
    const RunResult imported = run_vitae({"import", "resume.json"}, directory.path());
    INFO(imported.err);
    CHECK(imported.exit_code == 0);
    CHECK(contains(imported.err, "warning: 'basics.image' is a URL, and vitae shows a photo from a file"));
    REQUIRE(fs::exists(directory / "resume.toml"));
    CHECK(run_vitae({"check", "resume.toml", "--werror"}, directory.path()).exit_code == 0);

    const RunResult built = run_vitae({"build", "resume.json", "-o", "resume.txt"}, directory.path());
    CHECK(built.exit_code == 0);
    const std::string text = read_file(directory / "resume.txt");
    CHECK(contains(text, "Richard Hendricks"));
    CHECK(contains(text, "Pied Piper"));
    CHECK(contains(text, "Score: 4.0"));

    write_file(directory / "bad.json",
               read_file(fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "resume.json"));
    const RunResult bad = run_vitae({"import", "bad.json"}, directory.path());
    CHECK(bad.exit_code == 1);
    CHECK(contains(bad.err, "bad.json: error: work[2].startDate: invalid date '2010-13-01'"));
    CHECK_FALSE(fs::exists(directory / "bad.toml"));
}
