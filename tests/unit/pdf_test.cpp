// The PDF backend: documents built by hand, written with write_pdf and read
// back with the tools a user would trust (qpdf, and poppler's pdftotext,
// pdfinfo and pdffonts).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vitae/base/utf8.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/render/base14_fonts.hpp"
#include "vitae/render/pdf.hpp"
#include "vitae/style/sheet.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using vitae::Diagnostics;
using vitae::layout::FaceId;
using vitae::layout::PagedDocument;
using vitae::layout::TextRun;

constexpr const char* dejavu_sans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr FaceId dejavu = 0;
constexpr double body_size = 10;
constexpr double heading_size = 14;
constexpr double a4_width = 595.276;
constexpr double a4_height = 841.89;
constexpr double left_margin = 72;
constexpr double kerning = -1.2;  // pt, between "A" and "V"

// --- files and tools -----------------------------------------------------------

std::string read_file(const fs::path& path) {
    std::ifstream file{path, std::ios::binary};
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

void write_file(const fs::path& path, const std::string& contents) {
    std::ofstream file{path, std::ios::binary};
    file << contents;
}

/// A fresh directory for one test, removed afterwards.
struct ScratchDirectory {
    fs::path path;
    ScratchDirectory() {
        static int count = 0;
        path = fs::temp_directory_path() /
               ("vitae-pdf-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    ~ScratchDirectory() { fs::remove_all(path); }
};

/// Points TMPDIR (where write_pdf puts its font files) somewhere else
/// while alive.
class TemporaryDirectoryOverride {
public:
    explicit TemporaryDirectoryOverride(const fs::path& directory) {
        if (const char* old = std::getenv("TMPDIR")) old_ = old;
        ::setenv("TMPDIR", directory.c_str(), 1);
    }
    TemporaryDirectoryOverride(const TemporaryDirectoryOverride&) = delete;
    TemporaryDirectoryOverride& operator=(const TemporaryDirectoryOverride&) = delete;
    ~TemporaryDirectoryOverride() {
        if (old_) {
            ::setenv("TMPDIR", old_->c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
    }

private:
    std::optional<std::string> old_;
};

struct ToolResult {
    int exit_code = -1;
    std::string out;
    std::string err;  ///< where poppler writes its warnings
};

/// Runs a tool without a shell, its output going to files in `scratch`.
ToolResult run_tool(const std::vector<std::string>& arguments, const fs::path& scratch) {
    constexpr mode_t owner_only = 0600;
    const std::string out_path = (scratch / "tool-output.txt").string();
    const std::string err_path = (scratch / "tool-errors.txt").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     owner_only);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     owner_only);
    std::vector<char*> argv;
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    pid_t child = 0;
    const int spawned = ::posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    INFO("starting " << arguments[0]);
    REQUIRE(spawned == 0);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    ToolResult result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out_path), read_file(err_path)};
    fs::remove(out_path);
    fs::remove(err_path);
    return result;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

bool matches(const std::string& text, const char* pattern) {
    return std::regex_search(text, std::regex{pattern});
}

/// A PDF text string as qpdf writes one the PDF holds as UTF-16BE with a
/// byte order mark: in hexadecimal.
std::string pdf_hex_string(std::string_view utf8_text) {
    constexpr const char* digits = "0123456789abcdef";
    std::string out = "<feff";
    for (std::size_t offset = 0; offset < utf8_text.size();) {
        const char32_t code_point = vitae::utf8::next(utf8_text, offset);
        for (const int shift : {12, 8, 4, 0}) out += digits[(code_point >> shift) & 0xF];
    }
    return out + ">";
}

/// A string shown with an Identity-H (Type0) font: one 16-bit code per
/// character, the code being the character.
std::string shown_string(std::string_view utf8_text) {
    constexpr std::size_t byte_order_mark_digits = 4;
    std::string shown = pdf_hex_string(utf8_text);
    shown.erase(1, byte_order_mark_digits);
    return shown;
}

/// The Windows-1252 byte of each character these tests show in a simple
/// (WinAnsiEncoding) font.
unsigned char windows_1252_byte(char32_t code_point) {
    static const std::map<char32_t, unsigned char> non_ascii = {{U'é', 0xE9}, {U'ï', 0xEF}, {U'–', 0x96}};
    if (code_point < 0x80) return static_cast<unsigned char>(code_point);
    return non_ascii.at(code_point);
}

/// A string shown with a WinAnsiEncoding font, as qpdf writes one that is
/// mostly not ASCII: its Windows-1252 bytes in hexadecimal.
std::string windows_1252_hex_string(std::string_view utf8_text) {
    constexpr const char* digits = "0123456789abcdef";
    std::string out = "<";
    for (std::size_t offset = 0; offset < utf8_text.size();) {
        const unsigned char byte = windows_1252_byte(vitae::utf8::next(utf8_text, offset));
        out += digits[byte >> 4];
        out += digits[byte & 0xF];
    }
    return out + ">";
}

/// The /Widths of the one simple font in a QDF file, by character code.
std::map<unsigned, int> simple_font_widths(const std::string& qdf) {
    std::smatch first;
    std::smatch widths;
    REQUIRE(std::regex_search(qdf, first, std::regex{R"(/FirstChar (\d+))"}));
    REQUIRE(std::regex_search(qdf, widths, std::regex{R"(/Widths \[([^\]]*)\])"}));
    std::map<unsigned, int> by_code;
    std::istringstream numbers{widths[1].str()};
    unsigned code = static_cast<unsigned>(std::stoul(first[1].str()));
    for (int width = 0; numbers >> width; ++code) by_code[code] = width;
    return by_code;
}

// --- fonts -------------------------------------------------------------------

/// DejaVu Sans advance widths in thousandths of an em, as libharu writes
/// them into the PDF (truncated from the font's 2048 units per em): runs
/// laid out with them need no repositioning unless kerned.
int dejavu_width(char32_t code_point) {
    static const std::map<char32_t, int> widths = {
        {U' ', 317}, {U'A', 684}, {U'C', 698}, {U'E', 631}, {U'R', 694},  {U'S', 634}, {U'T', 610},
        {U'V', 684}, {U'a', 612}, {U'c', 549}, {U'd', 634}, {U'e', 615},  {U'f', 352}, {U'g', 634},
        {U'i', 277}, {U'n', 633}, {U'o', 611}, {U'p', 634}, {U'r', 411},  {U't', 392}, {U'u', 633},
        {U'v', 591}, {U'x', 591}, {U'é', 615}, {U'ï', 277}, {U'–', 500},  {U',', 317}, {U'G', 774},
        {U'K', 655}, {U'k', 579}, {U's', 520}, {U'w', 817}, {U'ó', 611},  {U'Ł', 562}, {U'ń', 633},
        {U'ź', 524}, {U'→', 837}, {U'(', 390}, {U')', 390}, {U'\\', 336}, {U'=', 837}, {U'2', 636},
        {U'b', 634}};
    constexpr int unknown_width = 600;
    const auto found = widths.find(code_point);
    return found == widths.end() ? unknown_width : found->second;
}

/// A font provider serving the real DejaVu Sans file for every face; the
/// "subset" is the whole file. Faces can be made to fail.
class TestFonts final : public vitae::layout::FontProvider, public vitae::layout::FontData {
public:
    TestFonts() { add_face("/fonts/DejaVuSans.ttf"); }

    /// Another face; its path only tells write_pdf which faces share a file.
    FaceId add_face(std::string path) {
        vitae::layout::FaceInfo info;
        info.family = "DejaVu Sans";
        info.style = "Book";
        info.path = std::move(path);
        faces_.push_back(info);
        return static_cast<FaceId>(faces_.size() - 1);
    }

    [[nodiscard]] std::optional<FaceId> find_face(const vitae::layout::FontRequest&) override {
        return dejavu;
    }
    [[nodiscard]] const vitae::layout::FaceInfo& face(FaceId face) const override { return faces_.at(face); }
    [[nodiscard]] bool has_glyph(FaceId, char32_t) const override { return true; }
    [[nodiscard]] std::optional<std::uint32_t> glyph_for(FaceId, char32_t code_point) const override {
        return code_point;
    }
    [[nodiscard]] std::vector<vitae::layout::ShapedGlyph> shape(FaceId, std::string_view) const override {
        return {};
    }

    [[nodiscard]] std::optional<std::string> subset(FaceId face,
                                                    const std::vector<char32_t>& code_points) const override {
        subset_requests.emplace_back(face, code_points);
        if (not_a_font.count(face) > 0) return "these bytes are not a TrueType font";
        if (cannot_subset.count(face) > 0) return std::nullopt;
        return read_file(dejavu_sans);
    }

    /// A square from (0, 0) to (0.5, 0.5) em.
    bool draw_glyph(FaceId, std::uint32_t, vitae::layout::OutlineSink& sink) const override {
        constexpr double side = 0.5;
        sink.move_to(0, 0);
        sink.line_to(side, 0);
        sink.line_to(side, side);
        sink.line_to(0, side);
        sink.close();
        return !outlines_fail;
    }

    std::set<FaceId> not_a_font;
    std::set<FaceId> cannot_subset;
    bool outlines_fail = false;
    mutable std::vector<std::pair<FaceId, std::vector<char32_t>>> subset_requests;

private:
    std::vector<vitae::layout::FaceInfo> faces_;
};

// --- documents -----------------------------------------------------------------

/// A run laid out with the widths the PDF font states; `kerned_before`
/// moves the glyph at that index (and all after it) by `kerning`.
TextRun text_run(std::string_view text, double x, double y, FaceId face = dejavu, double size = body_size,
                 std::optional<std::size_t> kerned_before = std::nullopt) {
    constexpr double units_per_em = 1000;
    TextRun run;
    run.origin = {x, y};
    run.face = face;
    run.size = size;
    double pen = 0;
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t begin = offset;
        const char32_t code_point = vitae::utf8::next(text, offset);
        if (kerned_before && run.glyphs.size() == *kerned_before) pen += kerning;
        const double advance = dejavu_width(code_point) * size / units_per_em;
        run.glyphs.push_back(code_point, text.substr(begin, offset - begin), pen, advance);
        pen += advance;
    }
    run.width = pen;
    return run;
}

PagedDocument sample_cv() {
    PagedDocument document;
    document.page_width = a4_width;
    document.page_height = a4_height;

    vitae::layout::Page first;
    first.items.emplace_back(text_run("Education", left_margin, 80, dejavu, heading_size));
    first.items.emplace_back(text_run("Café – naïve", left_margin, 110));
    first.items.emplace_back(text_run("AVATAR", left_margin, 130, dejavu, body_size, 1));
    vitae::layout::OutlineGlyph icon;
    icon.origin = {left_margin, 160};
    icon.face = dejavu;
    icon.glyph = 1;
    icon.size = body_size;
    icon.color = {0.8, 0.1, 0.1};
    icon.text = "\u2605";
    icon.advance = body_size / 2;
    first.items.emplace_back(icon);
    vitae::layout::Line rule;
    rule.from = {left_margin, 170};
    rule.to = {a4_width - left_margin, 170};
    rule.thickness = 0.5;
    rule.color = {0.3, 0.3, 0.3};
    first.items.emplace_back(rule);
    first.items.emplace_back(text_run("Contact", left_margin, 190));
    first.links.push_back({{left_margin, 180, 40, 12}, "https://example.org", {}});
    document.pages.push_back(first);

    vitae::layout::Page second;
    second.items.emplace_back(text_run("Expérience", left_margin, 80, dejavu, heading_size));
    second.items.emplace_back(text_run("Second page text", left_margin, 110));
    document.pages.push_back(second);

    document.bookmarks = {{"Education", 0, 66}, {"Expérience", 1, 66}};
    document.metadata.title = "Curriculum Vitae – José Núñez";
    document.metadata.author = "José Núñez";
    document.metadata.subject = "Résumé";
    document.metadata.keywords = "cv, résumé";
    document.metadata.creator = "vitae tests";
    return document;
}

std::string all_messages(const Diagnostics& diagnostics) {
    std::string text;
    for (const vitae::Diagnostic& diagnostic : diagnostics.items()) text += vitae::format(diagnostic) + "\n";
    return text;
}

/// The emb, sub and uni columns of every font pdffonts lists.
std::vector<std::string> font_flags(const std::string& pdffonts_output) {
    constexpr std::size_t header_lines = 2;
    constexpr std::size_t trailing_columns = 5;  // emb sub uni object generation
    std::vector<std::string> flags;
    std::istringstream lines{pdffonts_output};
    std::string line;
    for (std::size_t number = 0; std::getline(lines, line); ++number) {
        if (number < header_lines) continue;
        std::istringstream words{line};
        std::vector<std::string> columns{std::istream_iterator<std::string>{words}, {}};
        if (columns.size() < trailing_columns) continue;
        const std::size_t emb = columns.size() - trailing_columns;
        flags.push_back(columns[emb] + " " + columns[emb + 1] + " " + columns[emb + 2]);
    }
    return flags;
}

/// (title, 1-based page) of each bookmark, from `qpdf --json`.
std::vector<std::pair<std::string, std::string>> outline_entries(const std::string& json) {
    const std::string page_key = "\"destpageposfrom1\": ";
    const std::string title_key = "\"title\": \"";
    std::vector<std::pair<std::string, std::string>> entries;
    for (std::size_t at = json.find(page_key); at != std::string::npos; at = json.find(page_key, at)) {
        at += page_key.size();
        const std::string page = json.substr(at, json.find_first_of(",\n", at) - at);
        const std::size_t title = json.find(title_key, at) + title_key.size();
        entries.emplace_back(json.substr(title, json.find('"', title) - title), page);
    }
    return entries;
}

struct WrittenPdf {
    std::optional<std::string> bytes;
    Diagnostics diagnostics;
};

WrittenPdf write(const PagedDocument& document, const TestFonts& fonts,
                 vitae::render::PdfOptions options = {}) {
    WrittenPdf written;
    written.bytes = vitae::render::write_pdf(document, fonts, fonts, options, written.diagnostics);
    return written;
}

}  // namespace

TEST_CASE("a two-page CV comes out as a valid PDF that poppler and qpdf read back", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    const WrittenPdf written = write(sample_cv(), fonts);
    INFO(all_messages(written.diagnostics));
    REQUIRE(written.bytes);
    CHECK(written.diagnostics.empty());
    const std::string pdf = (scratch.path / "cv.pdf").string();
    write_file(pdf, *written.bytes);

    SECTION("qpdf finds nothing wrong") {
        const ToolResult check = run_tool({"qpdf", "--check", pdf}, scratch.path);
        INFO(check.out << check.err);
        CHECK(check.exit_code == 0);
        CHECK(check.err.empty());
    }
    SECTION("the text of each page is extracted") {
        const ToolResult first =
            run_tool({"pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"}, scratch.path);
        REQUIRE(first.exit_code == 0);
        CHECK(first.err.empty());  // no complaint about the fonts' ToUnicode maps
        CHECK(contains(first.out, "Education"));
        CHECK(contains(first.out, "Café – naïve"));
        CHECK(contains(first.out, "AVATAR"));
        CHECK(contains(first.out, "\u2605"));  // the glyph drawn from its outline
        CHECK(contains(first.out, "Contact"));
        CHECK_FALSE(contains(first.out, "Second page"));
        const ToolResult second =
            run_tool({"pdftotext", "-layout", "-f", "2", "-l", "2", pdf, "-"}, scratch.path);
        REQUIRE(second.exit_code == 0);
        CHECK(contains(second.out, "Expérience"));
        CHECK(contains(second.out, "Second page text"));
    }
    SECTION("pdfinfo shows the pages, their size and the metadata, accents intact") {
        const ToolResult info = run_tool({"pdfinfo", pdf}, scratch.path);
        REQUIRE(info.exit_code == 0);
        INFO(info.out);
        CHECK(info.err.empty());
        CHECK(contains(info.out, "Pages:           2\n"));
        CHECK(contains(info.out, "Page size:       595.276 x 841.89 pts (A4)"));
        CHECK(contains(info.out, "Title:           Curriculum Vitae – José Núñez\n"));
        CHECK(contains(info.out, "Author:          José Núñez\n"));
        CHECK(contains(info.out, "Subject:         Résumé\n"));
        CHECK(contains(info.out, "Keywords:        cv, résumé\n"));
        CHECK(contains(info.out, "Creator:         vitae tests\n"));
        CHECK(contains(info.out, "Producer:        vitae\n"));
        CHECK_FALSE(contains(info.out, "CreationDate"));
        CHECK_FALSE(contains(info.out, "ModDate"));
    }
    SECTION("the font is embedded, as a subset with a Unicode map") {
        const ToolResult fonts_listed = run_tool({"pdffonts", pdf}, scratch.path);
        REQUIRE(fonts_listed.exit_code == 0);
        INFO(fonts_listed.out);
        CHECK(fonts_listed.err.empty());
        CHECK(font_flags(fonts_listed.out) == std::vector<std::string>{"yes yes yes", "yes no yes"});
        CHECK(contains(fonts_listed.out, "+DejaVuSans"));
        // The glyph drawn from its outline is a Type 3 font's, with a map.
        CHECK(matches(fonts_listed.out, R"(\n\[none\] +Type 3 +Custom +yes no +yes )"));
        // Every character has a Windows-1252 byte: a simple TrueType font.
        CHECK(matches(fonts_listed.out, R"(\+DejaVuSans,Book +TrueType +WinAnsi +yes)"));
        // One subset request, with every character the text runs use.
        REQUIRE(fonts.subset_requests.size() == 1);
        const std::vector<char32_t>& requested = fonts.subset_requests.front().second;
        for (const char32_t code_point : std::u32string_view{U"Café–naïveAVTRSxpér "}) {
            CHECK(std::count(requested.begin(), requested.end(), code_point) == 1);
        }
        CHECK(std::count(requested.begin(), requested.end(), U'\u2605') == 0);  // drawn as an outline
    }
    SECTION("the link, the bookmarks and the drawing are in the file") {
        const std::string expanded = (scratch.path / "expanded.pdf").string();
        REQUIRE(
            run_tool({"qpdf", "--qdf", "--object-streams=disable", pdf, expanded}, scratch.path).exit_code ==
            0);
        const std::string qdf = read_file(expanded);
        CHECK(contains(qdf, "/URI (https://example.org)"));
        CHECK(contains(qdf, "/Border [\n    0\n    0\n    0\n  ]"));
        // A run is one TJ. One that is not kerned is one string; a kerned
        // one is split where the kerning moved a glyph, by the kerning:
        // 1.2 pt at 10 pt is 120 thousandths of an em.
        CHECK(contains(qdf, "[" + windows_1252_hex_string("Café – naïve") + "] TJ"));
        CHECK(contains(qdf, "[(A)120(VATAR)] TJ"));
        CHECK(contains(qdf, "[(Second page text)] TJ"));
        // Runs after the first of a text object move from the one before.
        CHECK(contains(qdf, "72 761.89 Td\n[(Education)] TJ\n/F1 10 Tf\n0 -30 Td\n"));
        // The outline glyph: a filled square 5 pt wide on the baseline, in
        // thousandths of an em, as the procedure of a Type 3 glyph shown in
        // the fill colour at its origin, reading as the star.
        CHECK(contains(qdf, "500 0 0 0 500 500 d1\n0 0 m\n500 0 l\n500 500 l\n0 500 l\nh\nf\n"));
        CHECK(contains(qdf, "0.8 0.1 0.1 rg\n/F2 10 Tf\n0 -30 Td\n(\") Tj\n"));  // code 0x22
        CHECK(contains(qdf, "/FontMatrix [\n    0.001\n    0\n    0\n    0.001\n    0\n    0\n  ]"));
        CHECK(contains(qdf, "/Widths [\n    600\n    500\n  ]"));
        CHECK(contains(qdf, "1 beginbfchar\n<22> <2605>\nendbfchar\n"));
        // The rule: 0.5 pt, grey, across the text width.
        CHECK(matches(qdf, R"(0\.5 w\n0\.3 0\.3 0\.3 RG\n72 671\.89\d* m\n523\.276 671\.89\d* l\nS\n)"));
        CHECK(contains(qdf, "/Title " + pdf_hex_string("Expérience")));
        // The ToUnicode map gives the character of every Windows-1252 byte,
        // as ranges.
        CHECK(contains(qdf, "/CMapName /Adobe-Identity-UCS def\n"));
        CHECK(contains(qdf, "<00> <FF>\nendcodespacerange\n"));
        CHECK(contains(qdf, "<20> <7E> <0020>\n"));  // printable ASCII
        CHECK(contains(qdf, "<96> <97> <2013>\n"));  // the en and em dashes
        CHECK(contains(qdf, "<A0> <FF> <00A0>\n"));  // Latin-1
        CHECK_FALSE(contains(qdf, "begincidrange"));
        CHECK_FALSE(contains(qdf, "/CIDToGIDMap"));
        // The widths a reader advances by are those the layout used.
        const std::map<unsigned, int> widths = simple_font_widths(qdf);
        for (const char32_t code_point : std::u32string_view{U"EducationCafé–naïveAVTRxpérSg "}) {
            INFO("U+" << std::hex << static_cast<unsigned>(code_point));
            REQUIRE(widths.contains(windows_1252_byte(code_point)));
            CHECK(widths.at(windows_1252_byte(code_point)) == dejavu_width(code_point));
        }

        const ToolResult outlines = run_tool({"qpdf", "--json", "--json-key=outlines", pdf}, scratch.path);
        REQUIRE(outlines.exit_code == 0);
        INFO(outlines.out);
        using Entry = std::pair<std::string, std::string>;
        CHECK(outline_entries(outlines.out) == std::vector<Entry>{{"Education", "1"}, {"Expérience", "2"}});
        CHECK(matches(outlines.out, R"("/FitH",\s+775\.89)"));
    }
}

TEST_CASE("a long run is repositioned before the PDF font's rounded widths move it visibly", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    // HarfBuzz's advance for "a" is 1255/2048 em; the PDF font says 0.612
    // em, so a viewer falls behind by 0.0079 pt a glyph at 10 pt: 0.47 pt
    // over 60 glyphs, which makes at least 4 stretches of at most 0.1 pt.
    constexpr std::size_t glyph_count = 60;
    constexpr double exact_advance = 1255.0 / 2048 * body_size;
    const TextRun dejavu_run = text_run(std::string(glyph_count, 'a'), left_margin, 100);
    TextRun run = dejavu_run;
    run.glyphs = {};
    for (std::size_t index = 0; index < dejavu_run.glyphs.size(); ++index) {
        run.glyphs.push_back(dejavu_run.glyphs[index].glyph, dejavu_run.glyphs.text(index),
                             static_cast<double>(index) * exact_advance, exact_advance);
    }
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(run);
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    const std::string pdf = (scratch.path / "long.pdf").string();
    const std::string expanded = (scratch.path / "expanded.pdf").string();
    write_file(pdf, *written.bytes);
    REQUIRE(run_tool({"qpdf", "--qdf", pdf, expanded}, scratch.path).exit_code == 0);
    const std::string qdf = read_file(expanded);
    // One TJ whose strings each end before the widths drift 0.1 pt (1/100
    // em at 10 pt) from the layout; the numbers between them move the pen
    // back.
    CHECK(matches(qdf, R"(\[\(a+\)(-[0-9.]+\(a+\))+\] TJ)"));
    const std::regex shown{R"(\(a+\))"};
    const auto strings =
        std::distance(std::sregex_iterator(qdf.begin(), qdf.end(), shown), std::sregex_iterator());
    CHECK(strings >= 4);
    CHECK(strings <= 8);
    CHECK(
        contains(run_tool({"pdftotext", pdf, "-"}, scratch.path).out, std::string(glyph_count, 'a') + "\n"));
}

TEST_CASE("the same document gives the same bytes, with no date unless one is given", "[pdf]") {
    ScratchDirectory scratch;
    const TemporaryDirectoryOverride temporary_directory{scratch.path};
    TestFonts fonts;
    const PagedDocument document = sample_cv();
    const WrittenPdf first = write(document, fonts);
    const WrittenPdf second = write(document, fonts);
    REQUIRE(first.bytes);
    REQUIRE(second.bytes);
    CHECK(*first.bytes == *second.bytes);
    CHECK_FALSE(contains(*first.bytes, "/CreationDate"));
    CHECK_FALSE(contains(*first.bytes, "/ModDate"));
    CHECK_FALSE(contains(*first.bytes, "/ID"));
    CHECK(fs::is_empty(scratch.path));  // the font files are gone
}

TEST_CASE("a given date is written as UTC creation and modification date", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    constexpr long long november_14_2023 = 1700000000;
    const WrittenPdf written = write(sample_cv(), fonts, {november_14_2023});
    REQUIRE(written.bytes);
    const std::string pdf = (scratch.path / "dated.pdf").string();
    write_file(pdf, *written.bytes);
    // The information dictionary is in an object stream: qpdf writes it out.
    const std::string plain = (scratch.path / "plain.pdf").string();
    REQUIRE(run_tool({"qpdf", "--object-streams=disable", pdf, plain}, scratch.path).exit_code == 0);
    const std::string bytes = read_file(plain);
    CHECK(contains(bytes, "/CreationDate (D:20231114221320Z00'00')"));
    CHECK(contains(bytes, "/ModDate (D:20231114221320Z00'00')"));
    const ToolResult info = run_tool({"pdfinfo", "-isodates", pdf}, scratch.path);
    INFO(info.out);
    CHECK(contains(info.out, "CreationDate:    2023-11-14T22:13:20Z\n"));
    CHECK(contains(info.out, "ModDate:         2023-11-14T22:13:20Z\n"));
    CHECK(write(sample_cv(), fonts, {november_14_2023}).bytes == written.bytes);
}

TEST_CASE("a date a PDF cannot hold is an error", "[pdf]") {
    TestFonts fonts;
    constexpr long long year_10000 = 253402300800;
    const WrittenPdf written = write(sample_cv(), fonts, {year_10000});
    CHECK_FALSE(written.bytes);
    CHECK(contains(all_messages(written.diagnostics), "error: the date 253402300800"));
}

TEST_CASE("a document without pages is not written", "[pdf]") {
    TestFonts fonts;
    PagedDocument empty;
    const WrittenPdf written = write(empty, fonts);
    CHECK_FALSE(written.bytes);
    CHECK(all_messages(written.diagnostics) == "error: nothing to write: the document has no pages\n");
}

TEST_CASE("font data libharu cannot read gives an error and no PDF, and leaves no file behind", "[pdf]") {
    ScratchDirectory scratch;
    const TemporaryDirectoryOverride temporary_directory{scratch.path};
    TestFonts fonts;
    fonts.not_a_font.insert(dejavu);
    const WrittenPdf written = write(sample_cv(), fonts);
    CHECK_FALSE(written.bytes);
    REQUIRE(written.diagnostics.has_errors());
    const std::string messages = all_messages(written.diagnostics);
    INFO(messages);
    CHECK(contains(messages, "error: cannot write the PDF while embedding face 0 (DejaVu Sans Book): "));
    CHECK(contains(messages, "(libharu error 0x10"));
    CHECK(fs::is_empty(scratch.path));
}

TEST_CASE("a face that cannot be subset gives an error and no PDF", "[pdf]") {
    TestFonts fonts;
    fonts.cannot_subset.insert(dejavu);
    const WrittenPdf written = write(sample_cv(), fonts);
    CHECK_FALSE(written.bytes);
    CHECK(all_messages(written.diagnostics) ==
          "error: cannot embed face 0 (DejaVu Sans Book): the font could not be subset\n");
}

TEST_CASE("faces from different files with the same font name are embedded apart", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    const FaceId other = fonts.add_face("/elsewhere/DejaVuSans.ttf");
    PagedDocument document = sample_cv();
    document.pages[1].items.emplace_back(text_run("Other face", left_margin, 130, other));
    const WrittenPdf written = write(document, fonts);
    INFO(all_messages(written.diagnostics));
    REQUIRE(written.bytes);
    CHECK(fonts.subset_requests.size() == 2);
    const std::string pdf = (scratch.path / "two-fonts.pdf").string();
    write_file(pdf, *written.bytes);
    const ToolResult listed = run_tool({"pdffonts", pdf}, scratch.path);
    INFO(listed.out);
    CHECK(font_flags(listed.out) == std::vector<std::string>{"yes yes yes", "yes no yes", "yes yes yes"});
    CHECK(contains(listed.out, "HPDFAA+DejaVuSans"));
    CHECK(contains(listed.out, "HPDFAB+DejaVuSans"));
    CHECK(contains(run_tool({"pdftotext", pdf, "-"}, scratch.path).out, "Other face"));
    CHECK(run_tool({"qpdf", "--check", pdf}, scratch.path).exit_code == 0);
}

TEST_CASE("faces of one file share one embedded subset of all their characters", "[pdf]") {
    TestFonts fonts;
    const FaceId same_file = fonts.add_face("/fonts/DejaVuSans.ttf");
    PagedDocument document = sample_cv();
    document.pages[1].items.emplace_back(text_run("zz", left_margin, 130, same_file));
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    REQUIRE(fonts.subset_requests.size() == 1);
    const std::vector<char32_t>& requested = fonts.subset_requests.front().second;
    CHECK(std::count(requested.begin(), requested.end(), U'z') == 1);
    CHECK(std::count(requested.begin(), requested.end(), U'C') == 1);
}

TEST_CASE("a face with a character outside Windows-1252 is a Type0 font whose map holds its characters",
          "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    const FaceId polish = fonts.add_face("/elsewhere/DejaVuSans.ttf");
    PagedDocument document = sample_cv();
    const std::string_view cities = "Łódź → Kraków, Gdańsk";
    document.pages[1].items.emplace_back(text_run(cities, left_margin, 130, polish));
    const WrittenPdf written = write(document, fonts);
    INFO(all_messages(written.diagnostics));
    REQUIRE(written.bytes);
    CHECK(written.diagnostics.empty());
    const std::string pdf = (scratch.path / "mixed.pdf").string();
    write_file(pdf, *written.bytes);

    const ToolResult check = run_tool({"qpdf", "--check", pdf}, scratch.path);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());

    // The face that fits Windows-1252 stays a simple font.
    const ToolResult listed = run_tool({"pdffonts", pdf}, scratch.path);
    INFO(listed.out);
    CHECK(listed.err.empty());
    CHECK(font_flags(listed.out) == std::vector<std::string>{"yes yes yes", "yes no yes", "yes yes yes"});
    // (Subset tags follow the fonts' files: "/elsewhere" comes first.)
    CHECK(matches(listed.out, R"(\nHPDFAB\+DejaVuSans,Book +TrueType +WinAnsi +yes yes yes )"));
    CHECK(matches(listed.out, R"(\nHPDFAA\+DejaVuSans,Book +CID TrueType +Identity-H +yes yes yes )"));

    const ToolResult text = run_tool({"pdftotext", "-enc", "UTF-8", pdf, "-"}, scratch.path);
    INFO(text.out);
    CHECK(text.err.empty());
    CHECK(contains(text.out, std::string{cities}));
    CHECK(contains(text.out, "Café – naïve"));
    // The UTF-8 encoder, narrowed while the font was made, writes the
    // metadata afterwards as before.
    CHECK(contains(run_tool({"pdfinfo", pdf}, scratch.path).out,
                   "Title:           Curriculum Vitae – José Núñez\n"));

    const std::string expanded = (scratch.path / "expanded.pdf").string();
    REQUIRE(run_tool({"qpdf", "--qdf", "--object-streams=disable", pdf, expanded}, scratch.path).exit_code ==
            0);
    const std::string qdf = read_file(expanded);
    CHECK(contains(qdf, "[" + shown_string(cities) + "] TJ"));
    // Its ToUnicode map lists the characters it shows, as ranges.
    CHECK(contains(qdf, "<0000> <FFFF>\nendcodespacerange\n"));
    CHECK(contains(qdf, "<0072> <0073> <0072>\n"));  // r s
    CHECK(contains(qdf, "<0141> <0141> <0141>\n"));  // Ł
    CHECK(contains(qdf, "<2192> <2192> <2192>\n"));  // →
    CHECK_FALSE(contains(qdf, "begincidrange"));

    SECTION("its CIDToGIDMap ends at the highest character and maps each one to its glyph") {
        std::smatch reference;
        REQUIRE(std::regex_search(qdf, reference, std::regex{R"(/CIDToGIDMap (\d+) 0 R)"}));
        const ToolResult map =
            run_tool({"qpdf", "--show-object=" + reference[1].str(), "--filtered-stream-data", expanded},
                     scratch.path);
        REQUIRE(map.exit_code == 0);
        constexpr std::size_t bytes_per_glyph = 2;
        CHECK(map.out.size() == bytes_per_glyph * (U'→' + 1));
        // The glyph ids HarfBuzz finds in the same file.
        vitae::layout::SystemFonts system;
        const std::optional<FaceId> face = system.find_face(vitae::layout::FontRequest{"DejaVu Sans"});
        REQUIRE(face);
        REQUIRE(system.face(*face).path == dejavu_sans);
        std::set<char32_t> shown;
        for (std::size_t offset = 0; offset < cities.size();) shown.insert(vitae::utf8::next(cities, offset));
        std::size_t mapped = 0;
        for (std::size_t code = 0; code + 1 < map.out.size(); code += bytes_per_glyph) {
            const unsigned glyph = static_cast<unsigned char>(map.out[code]) * 256U +
                                   static_cast<unsigned char>(map.out[code + 1]);
            if (glyph != 0) ++mapped;
        }
        CHECK(mapped == shown.size());  // only the characters shown
        for (const char32_t code_point : shown) {
            INFO("U+" << std::hex << static_cast<unsigned>(code_point));
            const std::size_t at = bytes_per_glyph * code_point;
            REQUIRE(at + 1 < map.out.size());
            const unsigned glyph =
                static_cast<unsigned char>(map.out[at]) * 256U + static_cast<unsigned char>(map.out[at + 1]);
            const std::optional<std::uint32_t> expected = system.glyph_for(*face, code_point);
            REQUIRE(expected);
            CHECK(glyph == *expected);
        }
    }
}

TEST_CASE("parentheses and backslashes in text are written so that readers see them", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    const FaceId other = fonts.add_face("/elsewhere/DejaVuSans.ttf");
    const std::string_view text = R"(f(x) = (a\b) \ 2))";
    PagedDocument document;
    vitae::layout::Page& page = document.pages.emplace_back();
    page.items.emplace_back(text_run(text, left_margin, 100));                             // a simple font
    page.items.emplace_back(text_run(std::string{text} + " →", left_margin, 120, other));  // a Type0 font
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    const std::string pdf = (scratch.path / "escapes.pdf").string();
    write_file(pdf, *written.bytes);
    CHECK(run_tool({"qpdf", "--check", pdf}, scratch.path).exit_code == 0);
    const ToolResult extracted = run_tool({"pdftotext", "-enc", "UTF-8", pdf, "-"}, scratch.path);
    INFO(extracted.out);
    CHECK(extracted.err.empty());
    CHECK(contains(extracted.out, std::string{text} + "\n"));
    CHECK(contains(extracted.out, std::string{text} + " →\n"));
}

TEST_CASE("a face showing a no-break space or a soft hyphen is a Type0 font", "[pdf]") {
    // A reader of a WinAnsiEncoding font would look for the space and the
    // hyphen, which the subset need not have.
    ScratchDirectory scratch;
    TestFonts fonts;
    const std::string_view text = GENERATE(as<std::string_view>{}, "50\u00A0km", "re\u00ADsume");
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(text_run(text, left_margin, 100));
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    const std::string pdf = (scratch.path / "nbsp.pdf").string();
    write_file(pdf, *written.bytes);
    const ToolResult listed = run_tool({"pdffonts", pdf}, scratch.path);
    INFO(listed.out);
    CHECK(matches(listed.out, R"(\+DejaVuSans,Book +CID TrueType +Identity-H +yes yes yes )"));
    CHECK(run_tool({"qpdf", "--check", pdf}, scratch.path).exit_code == 0);
}

TEST_CASE("what libharu cannot show as text is reported, and kept in metadata and bookmarks", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    PagedDocument document = sample_cv();
    document.pages[0].items.emplace_back(text_run("Star \U0001F31F", left_margin, 220));
    document.metadata.title = "Star \U0001F31F";
    document.bookmarks.push_back({"More \U0001F31F", 1, 100});
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    CHECK(all_messages(written.diagnostics) ==
          "warning: U+1F31F '\U0001F31F' in 'Star \U0001F31F' cannot be PDF text and shows as a space "
          "(draw it as an outline glyph)\n");
    const std::string pdf = (scratch.path / "star.pdf").string();
    write_file(pdf, *written.bytes);
    CHECK(contains(run_tool({"pdfinfo", pdf}, scratch.path).out, "Title:           Star \U0001F31F\n"));
    CHECK(contains(run_tool({"qpdf", "--json", "--json-key=outlines", pdf}, scratch.path).out,
                   "\"title\": \"More \U0001F31F\""));
}

TEST_CASE("a glyph outline that cannot be drawn and a bookmark to a missing page are warnings", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    fonts.outlines_fail = true;
    PagedDocument document = sample_cv();
    document.bookmarks.push_back({"Nowhere", 5, 0});
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    CHECK(
        all_messages(written.diagnostics) ==
        "warning: cannot draw glyph 1 of face 0 (DejaVu Sans Book) for '\u2605': it is missing from the PDF\n"
        "warning: the bookmark 'Nowhere' points to page 6 of 2; it is left out\n");
    const std::string pdf = (scratch.path / "partial.pdf").string();
    write_file(pdf, *written.bytes);
    CHECK(run_tool({"qpdf", "--check", pdf}, scratch.path).exit_code == 0);
}

// --- the base-14 fonts ----------------------------------------------------------

namespace {

using vitae::layout::FontRequest;
using vitae::render::Base14Fonts;

/// Adobe's widths of "A", in ems (Helvetica.afm and Times-Roman.afm).
constexpr double helvetica_a_width = 0.667;
constexpr double times_a_width = 0.722;
constexpr unsigned char cp1252_euro = 0x80;
constexpr unsigned char cp1252_e_acute = 0xE9;

/// The base-14 name a family is drawn with.
std::string base14_name(Base14Fonts& fonts, const std::string& family, bool bold = false,
                        bool italic = false) {
    const std::optional<FaceId> face = fonts.find_face(FontRequest{family, bold, italic, true});
    REQUIRE(face);
    return fonts.face(*face).family;
}

double advance_of(const Base14Fonts& fonts, FaceId face, std::string_view character) {
    const std::vector<vitae::layout::ShapedGlyph> glyphs = fonts.shape(face, character);
    REQUIRE(glyphs.size() == 1);
    CHECK(glyphs.front().nominal_advance == glyphs.front().advance);
    return glyphs.front().advance;
}

constexpr std::string_view western_cv = R"toml(
[person]
name = "José Núñez"
headline = "Café owner — “quotes”, 5 € and Zürich"

[[section]]
title = "Summary"
kind = "text"
text = "Crème brûlée at the *Café de Flore*, **naïve** œuvres."
)toml";

struct Base14Pdf {
    Diagnostics diagnostics;
    std::optional<std::string> bytes;
};

/// A CV laid out with the default sheet in the base-14 fonts and written.
Base14Pdf base14_pdf(std::string_view toml) {
    Base14Pdf result;
    const vitae::cv::Document cv = vitae::load_cv_text(toml, "cv.toml", result.diagnostics);
    REQUIRE_FALSE(result.diagnostics.has_errors());
    Base14Fonts fonts;
    const vitae::style::Sheet sheet;
    const PagedDocument paged = vitae::layout::layout_document(cv, sheet, fonts, result.diagnostics);
    REQUIRE_FALSE(result.diagnostics.has_errors());
    result.bytes = vitae::render::write_pdf(paged, fonts, fonts, {}, result.diagnostics);
    return result;
}

}  // namespace

TEST_CASE("the base-14 fonts measure with Adobe's metrics", "[pdf][base14]") {
    Base14Fonts fonts;
    const std::optional<FaceId> helvetica = fonts.find_face(FontRequest{"Lato", false, false, true});
    const std::optional<FaceId> times = fonts.find_face(FontRequest{"CMU Serif", false, false, true});
    REQUIRE(helvetica);
    REQUIRE(times);
    CHECK(fonts.find_face(FontRequest{"Lato", false, false, true}) == helvetica);  // the same id again

    const vitae::layout::FaceInfo& info = fonts.face(*helvetica);
    CHECK(info.family == "Helvetica");
    CHECK(info.path.empty());  // what tells write_pdf not to embed it
    CHECK(info.embeddable);
    CHECK(info.ascender > 0.7);
    CHECK(info.descender < -0.2);
    CHECK(fonts.face(*times).family == "Times-Roman");

    CHECK(advance_of(fonts, *helvetica, "A") == Approx(helvetica_a_width));
    CHECK(advance_of(fonts, *times, "A") == Approx(times_a_width));
    CHECK(advance_of(fonts, *helvetica, "é") == advance_of(fonts, *helvetica, "e"));

    SECTION("exactly the characters of Windows-1252 have glyphs, the byte being the glyph") {
        CHECK(fonts.has_glyph(*helvetica, U'€'));
        CHECK(fonts.glyph_for(*helvetica, U'€') == cp1252_euro);
        CHECK(fonts.glyph_for(*times, U'é') == cp1252_e_acute);
        CHECK(fonts.glyph_for(*helvetica, U'A') == std::uint32_t{'A'});
        for (const char32_t extra : std::u32string_view{U"‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"}) {
            CHECK(fonts.has_glyph(*helvetica, extra));
        }
        CHECK_FALSE(fonts.has_glyph(*helvetica, U'\u0142'));  // ł
        CHECK_FALSE(fonts.has_glyph(*helvetica, U'\uFFFD'));
        CHECK_FALSE(fonts.has_glyph(*helvetica, U'\u6771'));
        CHECK_FALSE(fonts.has_glyph(*helvetica, U'\U0001F31F'));
        CHECK_FALSE(fonts.has_glyph(*helvetica, U'\t'));
    }
    SECTION("shaping gives one glyph per character, a foreign one measured as '?'") {
        const std::vector<vitae::layout::ShapedGlyph> glyphs = fonts.shape(*helvetica, "é€ł");
        REQUIRE(glyphs.size() == 3);
        CHECK(glyphs[0].glyph == cp1252_e_acute);
        CHECK(glyphs[0].cluster == 0);
        CHECK(glyphs[1].glyph == cp1252_euro);
        CHECK(glyphs[1].cluster == 2);
        CHECK(glyphs[2].glyph == std::uint32_t{'?'});
        CHECK(glyphs[2].cluster == 5);
        CHECK(glyphs[2].advance == advance_of(fonts, *helvetica, "?"));
    }
    SECTION("serif families become Times, all others Helvetica, in their style") {
        for (const std::string family :
             {"Times New Roman", "CMU Serif", "Noto Serif", "EB Garamond", "Georgia", "Latin Modern Roman"}) {
            INFO(family);
            CHECK(base14_name(fonts, family) == "Times-Roman");
        }
        for (const std::string family : {"Lato", "DejaVu Sans", "Sans Serif", "Microsoft Sans Serif"}) {
            INFO(family);
            CHECK(base14_name(fonts, family) == "Helvetica");
        }
        CHECK(base14_name(fonts, "Lato", true) == "Helvetica-Bold");
        CHECK(base14_name(fonts, "Lato", false, true) == "Helvetica-Oblique");
        CHECK(base14_name(fonts, "Lato", true, true) == "Helvetica-BoldOblique");
        CHECK(base14_name(fonts, "times", true) == "Times-Bold");
        CHECK(base14_name(fonts, "Georgia", false, true) == "Times-Italic");
        CHECK(base14_name(fonts, "Georgia", true, true) == "Times-BoldItalic");
    }
    SECTION("nothing to embed or draw: no icon faces, no subsets, no outlines") {
        CHECK_FALSE(fonts.find_face(FontRequest{"FontAwesome", false, false, false}));
        CHECK_FALSE(fonts.subset(*helvetica, {U'A'}));
        struct IgnoringSink final : vitae::layout::OutlineSink {
            void move_to(double, double) override {}
            void line_to(double, double) override {}
            void cubic_to(double, double, double, double, double, double) override {}
            void close() override {}
        } sink;
        CHECK_FALSE(fonts.draw_glyph(*helvetica, 'A', sink));
    }
}

TEST_CASE("a CV laid out in the base-14 fonts is a valid PDF with their names and its text",
          "[pdf][base14]") {
    ScratchDirectory scratch;
    const Base14Pdf written = base14_pdf(western_cv);
    INFO(all_messages(written.diagnostics));
    REQUIRE(written.bytes);
    CHECK(written.diagnostics.warning_count() == 0);
    const std::string pdf = (scratch.path / "base14.pdf").string();
    write_file(pdf, *written.bytes);

    const ToolResult check = run_tool({"qpdf", "--check", pdf}, scratch.path);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);

    // Base-14 fonts are never embedded: every reader has them.
    const ToolResult listed = run_tool({"pdffonts", pdf}, scratch.path);
    INFO(listed.out);
    REQUIRE(listed.exit_code == 0);
    CHECK(matches(listed.out, R"(\nHelvetica +Type 1 +WinAnsi +no +no +no )"));
    CHECK(matches(listed.out, R"(\nHelvetica-Bold +Type 1 )"));
    CHECK(matches(listed.out, R"(\nHelvetica-Oblique +Type 1 )"));
    for (const std::string& flags : font_flags(listed.out)) CHECK(flags == "no no no");

    const ToolResult text = run_tool({"pdftotext", pdf, "-"}, scratch.path);
    INFO(text.out << text.err);
    REQUIRE(text.exit_code == 0);
    CHECK(text.err.empty());
    for (const std::string_view phrase : {"José Núñez", "Café owner — “quotes”, 5 € and Zürich",
                                          "Crème brûlée at the Café de Flore, naïve œuvres."}) {
        INFO(phrase);
        CHECK(contains(text.out, phrase));
    }
}

TEST_CASE("a character outside Windows-1252 is a layout warning and a '?' in the base-14 PDF",
          "[pdf][base14]") {
    ScratchDirectory scratch;
    const Base14Pdf written = base14_pdf("[person]\nname = \"Paweł Nowak\"\n");
    REQUIRE(written.bytes);
    // Reported once, by the layout, at its column; nothing loops on a
    // U+FFFD the fonts lack as well.
    CHECK(all_messages(written.diagnostics) ==
          "cv.toml:2:13: warning: no installed font has the character 'ł' (U+0142) (it is shown as ?)\n");
    const std::string pdf = (scratch.path / "foreign.pdf").string();
    write_file(pdf, *written.bytes);
    CHECK(contains(run_tool({"pdftotext", pdf, "-"}, scratch.path).out, "Pawe? Nowak"));
}

TEST_CASE("write_pdf shows a character a base-14 font lacks as '?', with a warning", "[pdf][base14]") {
    ScratchDirectory scratch;
    Base14Fonts fonts;
    const std::optional<FaceId> helvetica = fonts.find_face(FontRequest{"Lato", false, false, true});
    REQUIRE(helvetica);
    // Put together by hand: the layout would have replaced the ł itself.
    TextRun run;
    run.origin = {left_margin, 100};
    run.face = *helvetica;
    run.size = body_size;
    double pen = 0;
    for (const std::string_view character : {"Ł", "ó", "d", "ź"}) {
        const double advance = fonts.shape(*helvetica, character).front().advance * body_size;
        run.glyphs.push_back(0, character, pen, advance);
        pen += advance;
    }
    run.width = pen;
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(run);
    Diagnostics diagnostics;
    const std::optional<std::string> bytes =
        vitae::render::write_pdf(document, fonts, fonts, {}, diagnostics);
    REQUIRE(bytes);
    CHECK(
        all_messages(diagnostics) ==
        "warning: U+0141 'Ł' in 'Łódź' is not in the base-14 fonts' Windows-1252 characters and shows as '?' "
        "(install a TrueType font that has it)\n"
        "warning: U+017A 'ź' in 'Łódź' is not in the base-14 fonts' Windows-1252 characters and shows as '?' "
        "(install a TrueType font that has it)\n");
    const std::string pdf = (scratch.path / "lodz.pdf").string();
    write_file(pdf, *bytes);
    CHECK(contains(run_tool({"pdftotext", pdf, "-"}, scratch.path).out, "?ód?"));
    CHECK(run_tool({"qpdf", "--check", pdf}, scratch.path).exit_code == 0);
}

TEST_CASE("a face without a file that is no base-14 font is an error", "[pdf][base14]") {
    TestFonts fonts;
    const FaceId nameless = fonts.add_face("");  // "DejaVu Sans": not a PDF base-14 name
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(text_run("Text", left_margin, 100, nameless));
    const WrittenPdf written = write(document, fonts);
    CHECK_FALSE(written.bytes);
    CHECK(all_messages(written.diagnostics) ==
          "error: cannot write face 1 (DejaVu Sans Book): it has no font file and is not one of the PDF "
          "base-14 text fonts\n");
}

TEST_CASE("a tab in text is white space and no missing character", "[pdf][base14]") {
    ScratchDirectory scratch;
    const Base14Pdf written = base14_pdf(
        "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Work\"\n[[section.entry]]\ntitle = \"Job\"\n"
        "highlights = [\"one\\ttwo\"]\n");
    REQUIRE(written.bytes);
    CHECK(all_messages(written.diagnostics).empty());
    const std::string pdf = (scratch.path / "tab.pdf").string();
    write_file(pdf, *written.bytes);
    const std::string text = run_tool({"pdftotext", "-enc", "UTF-8", pdf, "-"}, scratch.path).out;
    CHECK(contains(text, "one two"));
    CHECK_FALSE(contains(text, "\uFFFD"));
    CHECK_FALSE(contains(text, "one?two"));
}

// --- PDF standards (docs/pdf-standards.md) ------------------------------------------

TEST_CASE("under a standard, a face without a file is an error naming it", "[pdf][base14][standards]") {
    TestFonts fonts;
    const FaceId without_file = fonts.add_face("");  // as the base-14 fonts are
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(text_run("Text", left_margin, 100, without_file));
    vitae::render::PdfOptions options{1700000000, {vitae::style::PdfArchive::level_b, false}};
    const WrittenPdf written = write(document, fonts, options);
    CHECK_FALSE(written.bytes);
    CHECK(all_messages(written.diagnostics) ==
          "error: a-2b needs every font embedded, but 'DejaVu Sans' has no font file to embed (install a "
          "TrueType "
          "font the style names)\n");
}

TEST_CASE("PDF/A without its sRGB profile is an error that says where the profile was looked for",
          "[pdf][standards]") {
    TestFonts fonts;
    vitae::render::PdfOptions options{
        1700000000, {vitae::style::PdfArchive::level_b, false}, "/nonexistent/sRGB.icc"};
    const WrittenPdf written = write(sample_cv(), fonts, options);
    CHECK_FALSE(written.bytes);
    CHECK(contains(
        all_messages(written.diagnostics),
        "error: cannot read the sRGB colour profile '/nonexistent/sRGB.icc' that a PDF/A file embeds "
        "(install Debian's icc-profiles-free"));
    // PDF/UA alone has no output intent, so needs no profile.
    options.standards = {vitae::style::PdfArchive::none, true};
    CHECK(write(sample_cv(), fonts, options).bytes);
}

/// `document` written to a PDF in `scratch`: its path, and its text as
/// qpdf's QDF form shows it (content streams uncompressed).
std::pair<std::string, std::string> written_and_expanded(const PagedDocument& document, TestFonts& fonts,
                                                         const ScratchDirectory& scratch) {
    const WrittenPdf written = write(document, fonts);
    REQUIRE(written.bytes);
    const std::string pdf = (scratch.path / "written.pdf").string();
    const std::string expanded = (scratch.path / "expanded.pdf").string();
    write_file(pdf, *written.bytes);
    REQUIRE(run_tool({"qpdf", "--qdf", pdf, expanded}, scratch.path).exit_code == 0);
    return {pdf, read_file(expanded)};
}

TEST_CASE("a run whose face has no italic is slanted, then text is upright again", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    TextRun italic = text_run("Slanted", left_margin, 100);
    italic.synthetic.italic = true;
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(italic);
    document.pages.back().items.emplace_back(text_run("Upright", left_margin, 120));
    const auto [pdf, qdf] = written_and_expanded(document, fonts, scratch);
    // Slanted by layout::synthetic_italic_slant from where the run starts,
    // and the same point upright after it.
    CHECK(matches(qdf, R"(1 0 0\.2 1 ([0-9.]+) ([0-9.]+) Tm\n\[[^\]]*\] TJ\n1 0 0 1 \1 \2 Tm\n)"));
    std::string text = run_tool({"pdftotext", pdf, "-"}, scratch.path).out;
    std::erase(text, ' ');
    CHECK(contains(text, "Slanted"));
    CHECK(contains(text, "Upright"));
}

TEST_CASE("a run whose face has no bold is stroked to look bold, then text is filled again", "[pdf]") {
    ScratchDirectory scratch;
    TestFonts fonts;
    TextRun bold = text_run("Bold", left_margin, 100);
    bold.synthetic.bold = true;
    PagedDocument document;
    document.pages.emplace_back().items.emplace_back(bold);
    document.pages.back().items.emplace_back(text_run("Plain", left_margin, 120));
    const auto [pdf, qdf] = written_and_expanded(document, fonts, scratch);
    // A stroke of 0.04 em (0.4 pt at 10 pt) in the text's colour, mode 2,
    // and back to filling before the next run.
    CHECK(matches(qdf, R"(0\.4 w 0 0 0 RG 2 Tr\n[^\]]*\] TJ\n0 Tr\n)"));
    // Stroked text is still text (the made-up runs' widths put gaps in it).
    std::string text = run_tool({"pdftotext", pdf, "-"}, scratch.path).out;
    std::erase(text, ' ');
    CHECK(contains(text, "Bold"));
    CHECK(contains(text, "Plain"));
}
