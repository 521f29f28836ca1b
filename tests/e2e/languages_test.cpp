// End-to-end tests of CVs in several languages: `vitae build --lang`,
// `vitae check --lang`, `vitae new --lang`, and LaTeX in every locale pack's
// language, checked with pdftotext and pikepdf.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/process.hpp"
#include "vitae/load/locale_loader.hpp"

namespace fs = std::filesystem;
using vitae::e2e::contains;
using vitae::e2e::example;
using vitae::e2e::page_count;
using vitae::e2e::read_file;
using vitae::e2e::run;
using vitae::e2e::run_vitae;
using vitae::e2e::RunResult;
using vitae::e2e::TemporaryDirectory;
using vitae::e2e::write_file;

namespace {

const std::vector<std::string> built_in_styles{"default", "onepage", "academic",
                                               "classic", "sidebar", "justified"};

std::string pdf_text(const fs::path& pdf) {
    return run({"/usr/bin/pdftotext", "-raw", pdf.string(), "-"}, pdf.parent_path()).out;
}

std::string pdf_language(const fs::path& pdf) {
    return run({"/usr/bin/python3", "-c", "import sys, pikepdf; print(pikepdf.open(sys.argv[1]).Root.Lang)",
                pdf.string()},
               pdf.parent_path())
        .out;
}

/// Text without what pdftotext places by its own guess in right-to-left
/// text: the embedding marks it adds, spaces and punctuation (it puts
/// "2021 –" together as one left-to-right stretch, a comma after an
/// English word with it). Its letters and digits are what must come out
/// in the order they are read.
std::string letters_and_digits(std::string text) {
    for (const std::string_view dropped :
         {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u060C", "\u2010", "\u2013"}) {
        for (std::size_t at = text.find(dropped); at != std::string::npos; at = text.find(dropped, at))
            text.erase(at, dropped.size());
    }
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || (c > 0 && std::ispunct(c) != 0); });
    return text;
}

/// pdftotext's reading order (not -raw, the content's order), as
/// letters_and_digits.
std::string reading_order_text(const fs::path& pdf) {
    return letters_and_digits(run({"/usr/bin/pdftotext", pdf.string(), "-"}, pdf.parent_path()).out);
}

/// The left edge (pt) of the first word `word` that pdftotext finds on page 1.
double left_of(const fs::path& pdf, std::string_view word) {
    const std::string boxes =
        run({"/usr/bin/pdftotext", "-bbox", "-f", "1", "-l", "1", pdf.string(), "-"}, pdf.parent_path()).out;
    const std::string closing = fmt::format(">{}</word>", word);
    const std::size_t at = boxes.find(closing);
    REQUIRE(at != std::string::npos);
    const std::size_t x = boxes.rfind("xMin=\"", at);
    REQUIRE(x != std::string::npos);
    return std::stod(boxes.substr(x + 6));
}

/// The right-to-left test CVs: an entry's title and a year of its dates
/// (mirrored: the year on the left), and phrases as pdftotext reads them.
struct RightToLeftCv {
    fs::path file;
    std::string title;
    std::string year;
    std::vector<std::string> phrases;
    bool arabic_script = false;
};

const std::vector<RightToLeftCv>& right_to_left_cvs() {
    static const std::vector<RightToLeftCv> cvs{
        {example("noa-levi-he.toml"),
         "Wix",
         "2021",
         {"נועה לוי", "מרץ 2021 – היום", "על גבי Apache Kafka ו־Spark", "+972 52-123-4567",
          "תואר ראשון במדעי המחשב (בהצטיינות)", "ובלמידת מכונה (NLP). אוהבת", "noa.levi@example.co.il"}},
        {fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "layla-haddad-ar.toml",
         "Aramex",
         "٢٠٢٠",
         {"ليلى حداد", "منصة تحليلات تعالج 3 ملايين", "قُدت فريقاً", "الانتقال إلى Kubernetes",
          "+961 3 123 456", "الإنجليزية (بطلاقة)", "(خاصة PostgreSQL)"},
         true},
        {fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "sara-mohammadi-fa.toml",
         "Digikala",
         "۲۰۱۹",
         {"سارا محمدی", "مهندس نرم‌افزار", "مهندس ارشد در دیجی‌کالا",
          "با Elasticsearch برای ۱۰ میلیون کاربر", "مارس ۲۰۱۹ تا تاکنون"},
         true},
    };
    return cvs;
}

/// A CV whose headline has no German text.
constexpr std::string_view partly_translated = R"(lang = "en"
[person]
name = "Ada Muster"
headline = { en = "Engineer" }
[[section]]
title = { en = "Experience", de = "Berufserfahrung" }
[[section.entry]]
title = "Acme"
start = "2019-05"
end = "present"
)";

}  // namespace

TEST_CASE("vitae build --lang en,de writes one PDF per language, each in its words", "[e2e][languages]") {
    const TemporaryDirectory directory;
    const fs::path out = directory / "out";
    const RunResult built = run_vitae(
        {"build", example("lena-hoffmann.toml").string(), "--lang", "en,de", "-o", out.string() + "/"},
        directory.path());
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(built.err.empty());
    const fs::path english = out / "lena-hoffmann-en.pdf";
    const fs::path german = out / "lena-hoffmann-de.pdf";
    REQUIRE(fs::exists(english));
    REQUIRE(fs::exists(german));
    const std::string english_text = pdf_text(english);
    const std::string german_text = pdf_text(german);
    CHECK(contains(english_text, "Jan. 2022 – Present"));
    CHECK(contains(english_text, "Oct. 2022 – Sep. 2026 (expected)"));
    CHECK(contains(english_text, "* equal contribution"));
    CHECK(contains(german_text, "Jan. 2022 – heute"));
    CHECK(contains(german_text, "Mai 2019 – Dez. 2021"));
    CHECK(contains(german_text, "Okt. 2022 – Sept. 2026 (voraussichtlich)"));
    CHECK(contains(german_text, "* gleicher Beitrag"));
    CHECK(contains(german_text, "BERUFSERFAHRUNG"));
    CHECK_FALSE(contains(german_text, "Experience"));
    CHECK(pdf_language(english) == "en\n");
    CHECK(pdf_language(german) == "de\n");
}

TEST_CASE("several styles and languages name each file by CV and style and language", "[e2e][languages]") {
    const TemporaryDirectory directory;
    const RunResult built =
        run_vitae({"build", example("lena-hoffmann.toml").string(), "--lang", "de,en", "--style", "classic",
                   "--style", "sidebar", "-f", "text,md", "-o", "out/"},
                  directory.path());
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory / "out"))
        names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"lena-hoffmann-classic-de.md", "lena-hoffmann-classic-de.txt",
                                            "lena-hoffmann-classic-en.md", "lena-hoffmann-classic-en.txt",
                                            "lena-hoffmann-sidebar-de.md", "lena-hoffmann-sidebar-de.txt",
                                            "lena-hoffmann-sidebar-en.md", "lena-hoffmann-sidebar-en.txt"});
    // Text and Markdown speak the language too.
    CHECK(contains(read_file(directory / "out" / "lena-hoffmann-classic-de.txt"), "Mai 2019 – Dez. 2021"));
    CHECK(contains(read_file(directory / "out" / "lena-hoffmann-sidebar-de.md"), "Jan. 2022 – heute"));
}

TEST_CASE("an unknown --lang is a usage error with the nearest language, and nothing is written",
          "[e2e][languages]") {
    const TemporaryDirectory directory;
    const RunResult built =
        run_vitae({"build", example("lena-hoffmann.toml").string(), "--lang", "en,dee", "-o", "out/"},
                  directory.path());
    CHECK(built.exit_code == 2);
    CHECK(contains(built.err, "--lang: no locale pack for the language 'dee'; did you mean 'de'?"));
    CHECK_FALSE(fs::exists(directory / "out"));
}

TEST_CASE(
    "a missing translation is one warning at its column and --werror makes it an error that writes nothing",
    "[e2e][languages]") {
    const TemporaryDirectory directory;
    const fs::path cv = directory / "cv.toml";
    write_file(cv, std::string{partly_translated});
    const std::string warning =
        "cv.toml:4:12: warning: no 'de' text for 'headline'; the 'en' text is used (add de = \"…\")\n";

    const RunResult built = run_vitae({"build", "cv.toml", "--lang", "de", "-o", "cv.pdf"}, directory.path());
    CHECK(built.exit_code == 0);
    CHECK(built.err == warning);
    CHECK(contains(pdf_text(directory / "cv.pdf"), "Mai 2019 – heute"));
    fs::remove(directory / "cv.pdf");

    const RunResult strict =
        run_vitae({"build", "cv.toml", "--lang", "en,de", "--werror", "-o", "out/"}, directory.path());
    CHECK(strict.exit_code == 1);
    CHECK(contains(strict.err, "cv.toml:4:12: error: no 'de' text for 'headline'"));
    // The English build had no problem, but a failed build writes nothing of its language's.
    CHECK_FALSE(fs::exists(directory / "out" / "cv-de.pdf"));

    const RunResult checked = run_vitae({"check", "cv.toml", "--lang", "de"}, directory.path());
    CHECK(checked.exit_code == 0);
    CHECK(checked.err == warning);
    CHECK(run_vitae({"check", "cv.toml", "--lang", "de", "--werror"}, directory.path()).exit_code == 1);
    // In its own language, the CV is complete.
    const RunResult own = run_vitae({"check", "cv.toml"}, directory.path());
    CHECK(own.exit_code == 0);
    CHECK(own.err.empty());
}

TEST_CASE("vitae new --lang writes a CV in the language that builds", "[e2e][languages]") {
    const TemporaryDirectory directory;
    REQUIRE(run_vitae({"new", "--lang", "fr", "cv.toml"}, directory.path()).exit_code == 0);
    const std::string starter = read_file(directory / "cv.toml");
    CHECK(contains(starter, "lang = \"fr\""));
    CHECK(contains(starter, "title = \"Formation\""));
    const RunResult built = run_vitae({"build", "cv.toml", "-o", "cv.pdf"}, directory.path());
    INFO(built.err);
    CHECK(built.exit_code == 0);
    CHECK(contains(pdf_text(directory / "cv.pdf"), "aujourd’hui"));
    CHECK(run_vitae({"new", "--lang", "xx", "other.toml"}, directory.path()).exit_code == 2);
}

TEST_CASE("the bilingual and the Spanish examples build without a warning in every style and language",
          "[e2e][languages]") {
    const TemporaryDirectory directory;
    for (const std::string& style : built_in_styles) {
        for (const std::string_view language : {"en", "de"}) {
            const RunResult built = run_vitae({"build", example("lena-hoffmann.toml").string(), "--style",
                                               style, "--lang", std::string{language}, "-q", "-o", "cv.pdf"},
                                              directory.path());
            INFO(style << " " << language << ": " << built.err);
            CHECK(built.exit_code == 0);
            CHECK(built.err.empty());
        }
        const RunResult spanish = run_vitae(
            {"build", example("lucia-fernandez.toml").string(), "--style", style, "-q", "-o", "es.pdf"},
            directory.path());
        INFO(style << ": " << spanish.err);
        CHECK(spanish.exit_code == 0);
        CHECK(spanish.err.empty());
        CHECK(contains(pdf_text(directory / "es.pdf"), "sept 2021 – actualidad"));
    }
}

namespace {

/// A small CV in a locale pack's language: a section under the pack's
/// title, an entry to the present, a paper of equal contributors.
std::string cv_in_language(const std::string& tag, const vitae::style::Locale& locale) {
    return "lang = \"" + tag + "\"\n[person]\nname = \"Ada Muster\"\n[[section]]\ntitle = \"" +
           locale.section_title("experience") +
           "\"\n[[section.entry]]\ntitle = \"Acme\"\nstart = \"2019-05\"\nend = \"present\"\n"
           "[[section]]\ntitle = \"P\"\nkind = \"publications\"\n[[section.entry]]\n"
           "title = \"T\"\nauthors = [\"Ada Muster\", \"B. C\"]\n"
           "equal_contribution = [\"Ada Muster\", \"B. C\"]\nyear = 2020\n";
}

/// The Thai and Hindi test CVs, with a phrase as pdftotext reads it.
struct ScriptCv {
    std::string file;
    std::string phrase;
};
// Thai's long summary fits its column only if broken between words
// (--werror: a line running out of its column is a warning).
const std::vector<ScriptCv> thai_and_hindi_cvs{{"somchai-jaidee-th.toml", "ธนาคารกสิกรไทย"},
                                               {"priya-sharma-hi.toml", "प्रिया शर्मा"}};

}  // namespace

TEST_CASE("the LaTeX of a CV in every locale pack's language compiles and writes the language's words",
          "[e2e][languages][latex][tex-matrix]") {
    for (const std::string& tag : vitae::locale_tags()) {
        DYNAMIC_SECTION(tag) {
            const std::optional<vitae::style::Locale> locale = vitae::load_locale(tag);
            REQUIRE(locale);
            const TemporaryDirectory directory;
            write_file(directory / "cv.toml", cv_in_language(tag, *locale));
            const RunResult built =
                run_vitae({"build", "cv.toml", "--style", "academic", "--via", "latex", "-o", "cv.pdf"},
                          directory.path(), std::nullopt, {{"SOURCE_DATE_EPOCH", "1700000000"}});
            INFO(built.err);
            REQUIRE(built.exit_code == 0);
            const std::string tex = read_file(
                (run_vitae({"build", "cv.toml", "--style", "academic", "-o", "cv.tex"}, directory.path()),
                 directory / "cv.tex"));
            CHECK(contains(tex, "\\babelprovide[import, main"));
            CHECK(contains(tex, "]{" + locale->babel + "}\n"));
            // Page numbers in the language's digits, as its dates.
            CHECK(contains(tex, "maparabic") == (locale->digits[0] != "0"));
            // Right-to-left words are read back with poppler's own order of
            // their punctuation: checked letter by letter in the test of the
            // right-to-left CVs via LaTeX.
            if (!locale->right_to_left) {
                const std::string text = pdf_text(directory / "cv.pdf");
                CHECK(contains(text, locale->present));
                CHECK(contains(text, locale->equal_contribution));
            }
        }
    }
}

TEST_CASE("the Chinese and Japanese examples build without a warning in every style, kinsoku kept",
          "[e2e][languages]") {
    const TemporaryDirectory directory;
    const std::vector<std::pair<std::string, std::string>> examples = {
        {"zangwei-zheng-zh.toml", "2024年3月 – 至今"}, {"hanako-yamada-ja.toml", "2019年〜2023年"}};
    for (const auto& [name, words] : examples) {
        for (const std::string& style : built_in_styles) {
            // No line too wide for its column: that would be a warning.
            const RunResult built = run_vitae(
                {"build", example(name).string(), "--style", style, "-q", "--werror", "-o", "cv.pdf"},
                directory.path());
            INFO(name << " " << style << ": " << built.err);
            CHECK(built.exit_code == 0);
            CHECK(built.err.empty());
            const std::string text = pdf_text(directory / "cv.pdf");
            CHECK(contains(text, words));
            std::istringstream lines{text};
            for (std::string line; std::getline(lines, line);) {
                INFO(line);
                for (const std::string_view closing : {"、", "。", "）", "」"})
                    CHECK_FALSE(line.starts_with(closing));
                for (const std::string_view opening : {"（", "「"}) CHECK_FALSE(line.ends_with(opening));
            }
        }
    }
}

TEST_CASE("a justified German CV is hyphenated, and its broken words read whole",
          "[e2e][languages][hyphenation]") {
    const TemporaryDirectory directory;
    write_file(
        directory / "justified.toml",
        "name = \"justified\"\nextends = \"default\"\n[line_breaking]\njustify = true\nhyphenate = true\n");
    const RunResult built = run_vitae({"build", example("lena-hoffmann.toml").string(), "--lang", "de",
                                       "--style", "justified.toml", "--werror", "-q", "-o", "cv.pdf"},
                                      directory.path());
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(built.err.empty());
    // A line ends inside a word, at a hyphen the text does not have ...
    const RunResult trace = run_vitae({"build", example("lena-hoffmann.toml").string(), "--lang", "de",
                                       "--style", "justified.toml", "-q", "-f", "debug", "-o", "-"},
                                      directory.path());
    CHECK(contains(trace.out, "Daten-\" <"));
    // ... and poppler reads the word whole, through the /ActualText.
    const std::string text = pdf_text(directory / "cv.pdf");
    CHECK(contains(text, "Datenpipelines"));
    CHECK_FALSE(contains(text, "Daten-"));
}

TEST_CASE(
    "right-to-left CVs in Hebrew and Arabic and Persian build without a warning in every style: mirrored "
    "and read in logical order",
    "[e2e][languages][bidi]") {
    const TemporaryDirectory directory;
    for (const RightToLeftCv& cv : right_to_left_cvs()) {
        for (const std::string& style : built_in_styles) {
            const RunResult built =
                run_vitae({"build", cv.file.string(), "--style", style, "-q", "--werror", "-o", "cv.pdf"},
                          directory.path());
            INFO(cv.file.filename().string() << " " << style << ": " << built.err);
            REQUIRE(built.exit_code == 0);
            CHECK(built.err.empty());
            const std::string text = reading_order_text(directory / "cv.pdf");
            for (const std::string& phrase : cv.phrases) {
                INFO(phrase << "\n" << text);
                CHECK(contains(text, letters_and_digits(phrase)));
            }
            // Mirrored: the dates left of the entry's title.
            CHECK(left_of(directory / "cv.pdf", cv.year) < left_of(directory / "cv.pdf", cv.title));
        }
    }
}

TEST_CASE("Thai and Hindi CVs build without a warning in every style", "[e2e][languages]") {
    const TemporaryDirectory directory;
    for (const ScriptCv& cv : thai_and_hindi_cvs) {
        const fs::path file = fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / cv.file;
        for (const std::string& style : built_in_styles) {
            const RunResult direct =
                run_vitae({"build", file.string(), "--style", style, "-q", "--werror", "-o", "direct.pdf"},
                          directory.path());
            INFO(cv.file << " " << style << ": " << direct.err);
            REQUIRE(direct.exit_code == 0);
            CHECK(direct.err.empty());
            // Read whole: a vowel sign drawn before its consonant ("प्रि")
            // leaves no gap a reader takes for a space.
            CHECK(contains(pdf_text(directory / "direct.pdf"), cv.phrase));
        }
    }
}

TEST_CASE("Thai and Hindi CVs via LaTeX have the direct PDF's pages and words, in every style",
          "[e2e][languages][latex][tex-matrix]") {
    const TemporaryDirectory directory;
    for (const ScriptCv& cv : thai_and_hindi_cvs) {
        const fs::path file = fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / cv.file;
        for (const std::string& style : built_in_styles) {
            const RunResult direct = run_vitae(
                {"build", file.string(), "--style", style, "-q", "-o", "direct.pdf"}, directory.path());
            const RunResult via =
                run_vitae({"build", file.string(), "--style", style, "-q", "--via", "latex", "-o", "via.pdf"},
                          directory.path());
            INFO(cv.file << " " << style << ": " << via.err);
            REQUIRE(direct.exit_code == 0);
            REQUIRE(via.exit_code == 0);
            CHECK(page_count(directory / "via.pdf") == page_count(directory / "direct.pdf"));
            CHECK(contains(pdf_text(directory / "via.pdf"), cv.phrase));
        }
    }
}

TEST_CASE("a left-to-right text in a right-to-left CV's .tex nests its own right-to-left words",
          "[e2e][languages][bidi]") {
    // The title reads left to right (its first letter is Latin); its
    // Persian word is a right-to-left segment inside that one, as in the
    // engine, not back in the CV's own (which set "Snapp! (" after it).
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml",
               "lang = \"fa\"\n[person]\nname = \"سارا\"\n[[section]]\ntitle = \"سوابق\"\n"
               "[[section.entry]]\ntitle = \"Snapp! (اسنپ)\"\nstart = \"2019-03\"\nend = \"present\"\n");
    REQUIRE(run_vitae({"build", "cv.toml", "-q", "-o", "cv.tex"}, directory.path()).exit_code == 0);
    const std::string tex = read_file(directory / "cv.tex");
    const std::size_t title = tex.find("\\beginL{}Snapp! (");
    REQUIRE(title != std::string::npos);
    const std::size_t persian = tex.find("اسنپ", title);
    const std::size_t closing = tex.find(")", persian);
    REQUIRE(closing != std::string::npos);
    const std::string_view inside = std::string_view{tex}.substr(title, closing - title);
    INFO(inside);
    CHECK(contains(std::string{inside}, "\\beginR{}"));
    CHECK_FALSE(contains(std::string{inside}, "\\endL{}"));
}

TEST_CASE("pdfminer and MuPDF read right-to-left text in logical order: it is drawn in the order it is read",
          "[e2e][languages][bidi]") {
    const TemporaryDirectory directory;
    // Phrases each reader used to give mirrored ("העונ יול"), letter by
    // letter, in Hebrew and Arabic (joined letters drawn from outlines).
    const std::vector<std::pair<fs::path, std::vector<std::string>>> cvs{
        {example("noa-levi-he.toml"), {"נועה לוי", "מהנדסת תוכנה בכירה", "ניסיון תעסוקתי", "כישורים"}},
        {fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "layla-haddad-ar.toml",
         {"ليلى حداد", "مهندسة بيانات", "الخبرة المهنية"}},
    };
    const std::string read_with_pdfminer =
        "import sys\nfrom pdfminer.high_level import extract_text\nprint(extract_text(sys.argv[1]))";
    const std::string read_with_mupdf =
        "import sys, fitz\nprint(''.join(page.get_text() for page in fitz.open(sys.argv[1])))";
    for (const auto& [file, phrases] : cvs) {
        for (const std::string style : {"default", "academic"}) {
            REQUIRE(
                run_vitae({"build", file.string(), "--style", style, "-q", "-o", "cv.pdf"}, directory.path())
                    .exit_code == 0);
            for (const std::string& script : {read_with_pdfminer, read_with_mupdf}) {
                const RunResult read = run(
                    {"/usr/bin/python3", "-c", script, (directory / "cv.pdf").string()}, directory.path());
                REQUIRE(read.exit_code == 0);
                // Words apart, however many spaces a reader puts between them.
                std::string text;
                for (const char c : read.out) {
                    const bool space = c == ' ' || c == '\n';
                    if (!space || (!text.empty() && text.back() != ' ')) text += space ? ' ' : c;
                }
                for (const std::string& phrase : phrases) {
                    INFO(file.filename().string() << " " << style << " " << phrase << "\n" << text);
                    CHECK(contains(text, phrase));
                }
            }
        }
    }
}

TEST_CASE("right-to-left CVs via LaTeX are mirrored as the direct PDF: same pages and the dates left",
          "[e2e][languages][bidi][latex][tex-matrix]") {
    const TemporaryDirectory directory;
    for (const RightToLeftCv& cv : right_to_left_cvs()) {
        for (const std::string& style : built_in_styles) {
            const RunResult direct = run_vitae(
                {"build", cv.file.string(), "--style", style, "-q", "-o", "direct.pdf"}, directory.path());
            const RunResult via = run_vitae(
                {"build", cv.file.string(), "--style", style, "-q", "--via", "latex", "-o", "via.pdf"},
                directory.path());
            INFO(cv.file.filename().string() << " " << style << ": " << via.err);
            REQUIRE(direct.exit_code == 0);
            REQUIRE(via.exit_code == 0);
            CHECK(page_count(directory / "via.pdf") == page_count(directory / "direct.pdf"));
            CHECK(left_of(directory / "via.pdf", cv.year) < left_of(directory / "via.pdf", cv.title));
            // xdvipdfmx names Arabic's joined letters by their presentation
            // forms, which the direct PDF does not use (docs/languages.md).
            if (cv.arabic_script) continue;
            const std::string text = reading_order_text(directory / "via.pdf");
            for (const std::string& phrase : cv.phrases) {
                INFO(phrase << "\n" << text);
                CHECK(contains(text, letters_and_digits(phrase)));
            }
        }
    }
}

TEST_CASE("every locale pack's language and the right-to-left, Thai, Hindi and long CVs write their .tex",
          "[e2e][languages][latex]") {
    // The [tex-matrix] tests typeset these .tex files; a sanitizer build leaves
    // them out (tests/CMakeLists.txt) and runs its vitae on the same CVs here.
    const TemporaryDirectory directory;
    const auto writes_tex = [&](const std::vector<std::string>& arguments) {
        std::vector<std::string> build{"build", "-q", "-o", "cv.tex"};
        build.insert(build.end(), arguments.begin(), arguments.end());
        const RunResult written = run_vitae(build, directory.path());
        INFO(arguments.front() << " " << arguments.back() << ": " << written.err);
        REQUIRE(written.exit_code == 0);
        CHECK(read_file(directory / "cv.tex").ends_with("\\end{document}\n"));
    };
    for (const std::string& tag : vitae::locale_tags()) {
        const std::optional<vitae::style::Locale> locale = vitae::load_locale(tag);
        REQUIRE(locale);
        write_file(directory / fmt::format("{}.toml", tag), cv_in_language(tag, *locale));
        writes_tex({fmt::format("{}.toml", tag), "--style", "academic"});
    }
    std::vector<fs::path> files{fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "long-es.toml"};
    for (const RightToLeftCv& cv : right_to_left_cvs()) files.push_back(cv.file);
    for (const ScriptCv& cv : thai_and_hindi_cvs)
        files.push_back(fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / cv.file);
    for (const fs::path& file : files) {
        for (const std::string& style : built_in_styles) writes_tex({file.string(), "--style", style});
    }
}
