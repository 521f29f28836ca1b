// Every letter a CV may hold, drawn: each built-in style builds a CV that
// holds every Latin, Greek and Cyrillic letter (tests/data/letters.tsv) in
// its regular, italic, bold and bold italic faces, and the pages are
// rasterised once. Each letter must leave ink, and an accented letter must
// leave other ink than the letter it is built on: an ñ drawn as n (its
// tilde lost while the text layer still says ñ) is caught by no text check.
//
// A letter's cell is its word box from pdftotext (-bbox), widened so that
// marks outside the box count; letters stand far apart (an em space between
// them, lines three sizes apart) so that no neighbour reaches in. A letter
// and its base are compared by the ink each has where the other has none.
#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "e2e/process.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/layout/fonts.hpp"

namespace {

namespace fs = std::filesystem;

using vitae::e2e::read_file;
using vitae::e2e::run;
using vitae::e2e::run_vitae;
using vitae::e2e::RunResult;
using vitae::e2e::TemporaryDirectory;
using vitae::e2e::write_file;

/// Pages are rasterised at this resolution: a 10 pt em is ~42 pixels, a
/// dot accent ~14 pixels of ink.
constexpr int dots_per_inch = 300;
constexpr double points_per_inch = 72;
constexpr double pixel_value_range = 255;  // an 8-bit grey map: 0 black, 255 white

/// The faces every style's text is drawn in, with the markup that asks for
/// each (docs/cv-format.md).
struct FaceMarkup {
    std::string name;
    std::string markup;
};
const std::vector<FaceMarkup>& faces() {
    static const std::vector<FaceMarkup> all{
        {"regular", ""}, {"italic", "*"}, {"bold", "**"}, {"bold italic", "***"}};
    return all;
}

const std::vector<std::string>& built_in_styles() {
    static const std::vector<std::string> all{"academic", "classic", "default", "onepage", "sidebar"};
    return all;
}

// --- the letters -----------------------------------------------------------------

struct Letter {
    char32_t code_point = 0;
    std::optional<char32_t> base;      ///< the letter it is drawn from, if any
    std::vector<char32_t> decomposed;  ///< as a base and combining marks (NFD), if it has marks
};

std::string code_point_name(char32_t code_point) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(code_point));
    return text;
}

std::string utf8_of(char32_t code_point) {
    std::string text;
    vitae::utf8::append(text, code_point);
    return text;
}

char32_t parse_hex(std::string_view text) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    REQUIRE((error == std::errc{} && end == text.data() + text.size()));
    return value;
}

std::vector<Letter> read_letters() {
    const std::string table = read_file(fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "letters.tsv");
    std::vector<Letter> letters;
    std::istringstream lines{table};
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> fields;
        std::istringstream columns{line};
        for (std::string field; std::getline(columns, field, '\t');) fields.push_back(field);
        REQUIRE(!fields.empty());
        Letter& letter = letters.emplace_back();
        letter.code_point = parse_hex(fields[0]);
        if (fields.size() > 1 && !fields[1].empty()) letter.base = parse_hex(fields[1]);
        if (fields.size() > 2) {
            std::istringstream codes{fields[2]};
            for (std::string code; codes >> code;) letter.decomposed.push_back(parse_hex(code));
        }
    }
    return letters;
}

/// A CV with one text section per face, each holding every letter once,
/// apart: pdftotext then sees each letter as a word of its own.
std::string letters_cv(const std::vector<Letter>& letters) {
    std::string all;
    for (const Letter& letter : letters) {
        // An em space between spaces: an italic letter's overhang stays
        // out of its neighbour's cell, and the line can still break.
        if (!all.empty()) all += " \u2003 ";
        all += utf8_of(letter.code_point);
    }
    std::string cv = "[person]\nname = \"Letters\"\n";
    for (const FaceMarkup& face : faces()) {
        cv += "\n[[section]]\ntitle = \"Face " + face.name + "\"\nkind = \"text\"\ntext = \"" + face.markup +
              all + face.markup + "\"\n";
    }
    return cv;
}

// --- what the tools say ------------------------------------------------------------

std::string tool_output(const fs::path& directory, const std::string& tool,
                        std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "/usr/bin/" + tool);
    const RunResult result = run(arguments, directory);
    INFO(tool << " said: " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

/// One word of pdftotext -bbox, in points from the page's top left.
struct Word {
    int page = 0;  ///< from 0
    double left = 0;
    double top = 0;
    double right = 0;
    double bottom = 0;
    std::string text;
};

std::vector<Word> words_of(const fs::path& pdf) {
    const std::string html = tool_output(pdf.parent_path(), "pdftotext", {"-bbox", pdf.string(), "-"});
    static const std::regex word_pattern{
        R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re"};
    std::vector<Word> words;
    int page = -1;
    std::istringstream lines{html};
    for (std::string line; std::getline(lines, line);) {
        if (line.find("<page ") != std::string::npos) ++page;
        std::smatch match;
        if (!std::regex_search(line, match, word_pattern)) continue;
        words.push_back({page, std::stod(match[1]), std::stod(match[2]), std::stod(match[3]),
                         std::stod(match[4]), match[5]});
    }
    return words;
}

/// A rasterised page: 8-bit grey, row after row.
struct GreyMap {
    int width = 0;
    int height = 0;
    std::string pixels;
};

/// Reads a binary PGM (P5) file as pdftoppm -gray writes it.
GreyMap read_grey_map(const fs::path& path) {
    const std::string bytes = read_file(path);
    std::istringstream header{bytes};
    std::string magic;
    int max_value = 0;
    GreyMap map;
    header >> magic >> map.width >> map.height >> max_value;
    REQUIRE(magic == "P5");
    REQUIRE(max_value == static_cast<int>(pixel_value_range));
    const auto start = static_cast<std::size_t>(header.tellg()) + 1;  // one whitespace byte ends the header
    const std::size_t size = static_cast<std::size_t>(map.width) * static_cast<std::size_t>(map.height);
    REQUIRE(bytes.size() >= start + size);
    map.pixels = bytes.substr(start, size);
    return map;
}

/// Every page of the PDF, rasterised in one run of pdftoppm.
std::vector<GreyMap> rasterise(const fs::path& pdf) {
    tool_output(
        pdf.parent_path(), "pdftoppm",
        {"-r", std::to_string(dots_per_inch), "-gray", pdf.string(), (pdf.parent_path() / "page").string()});
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator{pdf.parent_path()}) {
        if (entry.path().extension() == ".pgm") files.push_back(entry.path());
    }
    // page-1.pgm … or page-01.pgm …: the same width for every page of a run.
    std::sort(files.begin(), files.end());
    std::vector<GreyMap> pages;
    for (const fs::path& file : files) pages.push_back(read_grey_map(file));
    return pages;
}

// --- measuring -------------------------------------------------------------------

/// The pixels of one letter: its word box, widened by a share of its
/// height on every side so that marks reaching past the box (stacked
/// accents on capitals, italic overhangs) count. Letters stand far enough
/// apart (letters_cv, letters_style) that no neighbour reaches in.
struct Cell {
    const GreyMap* page = nullptr;
    /// Where the cell starts on the page (pixels, not rounded): the word
    /// box's top left is at the same place from there in every cell.
    double origin_x = 0;
    double origin_y = 0;
    int left = 0;  ///< the pixel the cell starts in
    int top = 0;
    int width = 0;
    int height = 0;

    /// Darkness from 0 (white) to 1, white outside the page.
    [[nodiscard]] double darkness(int x, int y) const {
        const int page_x = left + x;
        const int page_y = top + y;
        if (page_x < 0 || page_y < 0 || page_x >= page->width || page_y >= page->height) return 0;
        const auto value = static_cast<unsigned char>(
            page->pixels[static_cast<std::size_t>(page_y) * static_cast<std::size_t>(page->width) +
                         static_cast<std::size_t>(page_x)]);
        return (pixel_value_range - value) / pixel_value_range;
    }

    /// Darkness at a point given from the cell's origin, interpolated
    /// between the four pixels around it.
    [[nodiscard]] double darkness_at(double x, double y) const {
        const double page_x = origin_x + x - left - 0.5;  // a pixel's value is at its centre
        const double page_y = origin_y + y - top - 0.5;
        const double column = std::floor(page_x);
        const double row = std::floor(page_y);
        const double right_share = page_x - column;
        const double lower_share = page_y - row;
        const int x0 = static_cast<int>(column);
        const int y0 = static_cast<int>(row);
        return (1 - lower_share) *
                   ((1 - right_share) * darkness(x0, y0) + right_share * darkness(x0 + 1, y0)) +
               lower_share *
                   ((1 - right_share) * darkness(x0, y0 + 1) + right_share * darkness(x0 + 1, y0 + 1));
    }

    [[nodiscard]] double ink() const {
        double sum = 0;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) sum += darkness(x, y);
        return sum;
    }
};

/// Share of the letter's height a cell reaches beyond the word box.
constexpr double cell_margin = 0.4;

/// The cell of each one-letter word, in the order the words come.
std::vector<std::pair<std::string, Cell>> cells_of(const std::vector<Word>& words,
                                                   const std::vector<GreyMap>& pages) {
    constexpr double pixels_per_point = dots_per_inch / points_per_inch;
    std::vector<std::pair<std::string, Cell>> cells;
    for (const Word& word : words) {
        // A letter given as a base and marks is known by the one it composes.
        std::string key = word.text;
        if (vitae::utf8::length(word.text) != 1) {
            const std::optional<char32_t> composed = vitae::layout::composed_character(word.text);
            if (!composed) continue;
            key = utf8_of(*composed);
        }
        REQUIRE(word.page < static_cast<int>(pages.size()));
        const double margin = cell_margin * (word.bottom - word.top);
        Cell cell;
        cell.page = &pages[static_cast<std::size_t>(word.page)];
        cell.origin_x = (word.left - margin) * pixels_per_point;
        cell.origin_y = (word.top - margin) * pixels_per_point;
        cell.left = static_cast<int>(std::floor(cell.origin_x));
        cell.top = static_cast<int>(std::floor(cell.origin_y));
        cell.width = static_cast<int>(std::lround((word.right - word.left + 2 * margin) * pixels_per_point));
        cell.height = static_cast<int>(std::lround((word.bottom - word.top + 2 * margin) * pixels_per_point));
        cells.emplace_back(key, cell);
    }
    return cells;
}

/// Darkness above which a pixel counts as part of a glyph, antialiased
/// fringe included.
constexpr double glyph_pixel_darkness = 0.05;

/// The ink of `letter` that lies off `other`'s glyph, in pixels of full
/// black. The two cells are laid over each other by their word boxes, to a
/// fraction of a pixel: `other` is interpolated where `letter`'s pixel
/// centres fall, so where a glyph starts within a pixel hardly matters.
/// The same letter drawn twice gives ~0; an accent gives its own ink.
double ink_off(const Cell& letter, const Cell& other) {
    const auto part_of_other = [&](double x, double y) {
        return other.darkness_at(x, y) > glyph_pixel_darkness;
    };
    double sum = 0;
    for (int y = 0; y < letter.height; ++y) {
        for (int x = 0; x < letter.width; ++x) {
            const double darkness = letter.darkness(x, y);
            // The pixel's centre, from the cell's origin.
            const double from_origin_x = letter.left + x + 0.5 - letter.origin_x;
            const double from_origin_y = letter.top + y + 0.5 - letter.origin_y;
            if (darkness > 0 && !part_of_other(from_origin_x, from_origin_y)) sum += darkness;
        }
    }
    return sum;
}

/// An accented letter must have at least this much ink (pixels of full
/// black at dots_per_inch) where its base has none, or the base where it
/// has none. Measured at 300 dpi: a dot accent at 10 pt gives 9 or more, a
/// hook that replaces part of its letter (ƴ, Ƭ) 4 or more, the same letter
/// drawn twice under 1, and most accents lost by the bug this test was
/// written for under 2.
constexpr double least_ink_difference = 3;
/// A letter's cell must hold at least this much ink: an 'ı' at 10 pt holds
/// ~50, an empty cell none.
constexpr double least_ink = 10;

/// A style that draws with `style`'s fonts, with its letters far apart:
/// lines three sizes apart, so that a cell reaching above and below its
/// line meets no other line.
std::string letters_style(const std::string& style) {
    return "extends = \"" + style + "\"\n[text]\nline_height = 3\n";
}

/// Problems found, one a line, and their number by style and face.
struct Findings {
    std::map<std::string, int> broken_by_face;
    std::vector<std::string> problems;

    void add(const std::string& face, std::string problem) {
        ++broken_by_face[face];
        problems.push_back(std::move(problem));
    }

    [[nodiscard]] std::string report() const {
        std::string text;
        for (const auto& [face, count] : broken_by_face)
            text += face + ": " + std::to_string(count) + " letters\n";
        for (const std::string& problem : problems) text += problem + "\n";
        return text;
    }
};

/// Builds the letters in a built-in style's fonts (`options`: more build
/// options, such as --via latex) and checks every letter's ink.
/// A CV built in a built-in style's fonts, rasterised, its letters' cells
/// by letter: the k-th cell of a letter is where the CV holds it the k-th
/// time.
struct Drawing {
    std::vector<GreyMap> pages;  ///< what the cells point into
    std::map<std::string, std::vector<Cell>> cells_by_letter;
};

Drawing draw(const std::string& cv, const std::string& style, const std::vector<std::string>& options) {
    const TemporaryDirectory directory;
    write_file(directory / "cv.toml", cv);
    write_file(directory / "letters.toml", letters_style(style));
    // No fitting: onepage would drop most letters to fit one page.
    std::vector<std::string> arguments{"build", "--quiet", "--style", "letters.toml", "--max-pages",
                                       "0",     "cv.toml", "-o",      "cv.pdf"};
    arguments.insert(arguments.end(), options.begin(), options.end());
    const RunResult built = run_vitae(arguments, directory.path());
    INFO("vitae said: " << built.err);
    REQUIRE(built.exit_code == 0);
    Drawing drawing;
    drawing.pages = rasterise(directory / "cv.pdf");
    for (const auto& [text, cell] : cells_of(words_of(directory / "cv.pdf"), drawing.pages))
        drawing.cells_by_letter[text].push_back(cell);
    return drawing;
}

/// Builds the letters in a built-in style's fonts (`options`: more build
/// options, such as --via latex) and checks every letter's ink.
void check_letters(const std::vector<Letter>& letters, const std::string& style,
                   const std::vector<std::string>& options, Findings& findings) {
    Drawing drawing = draw(letters_cv(letters), style, options);
    auto& cells_by_letter = drawing.cells_by_letter;
    for (const Letter& letter : letters) {
        const std::string text = utf8_of(letter.code_point);
        const std::vector<Cell>& cells = cells_by_letter[text];
        for (std::size_t face = 0; face < faces().size(); ++face) {
            const std::string where = style + ", " + faces()[face].name + ": " +
                                      code_point_name(letter.code_point) + " '" + text + "'";
            if (face >= cells.size()) {
                findings.add(style + " " + faces()[face].name, where + " is missing from the text layer");
                continue;
            }
            if (cells[face].ink() < least_ink) {
                findings.add(style + " " + faces()[face].name, where + " has no ink");
                continue;
            }
            if (!letter.base) continue;
            const std::vector<Cell>& base_cells = cells_by_letter[utf8_of(*letter.base)];
            if (face >= base_cells.size()) continue;  // reported as the base's own problem
            const double difference =
                std::max(ink_off(cells[face], base_cells[face]), ink_off(base_cells[face], cells[face]));
            if (difference < least_ink_difference) {
                findings.add(style + " " + faces()[face].name,
                             where + " looks like its base '" + utf8_of(*letter.base) +
                                 "' (ink apart: " + std::to_string(difference) + ")");
            }
        }
    }
}

/// The letters that are a base and marks, and compose back into
/// themselves (a singleton such as Greek oxia composes into tonos).
std::vector<Letter> letters_with_marks(const std::vector<Letter>& letters) {
    std::vector<Letter> with_marks;
    for (const Letter& letter : letters) {
        std::string decomposed;
        for (const char32_t code_point : letter.decomposed) vitae::utf8::append(decomposed, code_point);
        if (!letter.decomposed.empty() && vitae::layout::composed_character(decomposed) == letter.code_point)
            with_marks.push_back(letter);
    }
    return with_marks;
}

/// A CV holding each letter once as one character, then once as a base and
/// combining marks.
std::string decomposed_cv(const std::vector<Letter>& letters) {
    std::string precomposed;
    std::string decomposed;
    for (const Letter& letter : letters) {
        if (!precomposed.empty()) {
            precomposed += " \u2003 ";
            decomposed += " \u2003 ";
        }
        precomposed += utf8_of(letter.code_point);
        for (const char32_t code_point : letter.decomposed) decomposed += utf8_of(code_point);
    }
    return "[person]\nname = \"Letters\"\n\n[[section]]\ntitle = \"Precomposed\"\nkind = \"text\"\ntext = "
           "\"" +
           precomposed + "\"\n\n[[section]]\ntitle = \"Decomposed\"\nkind = \"text\"\ntext = \"" +
           decomposed + "\"\n";
}

}  // namespace

TEST_CASE(
    "every Latin, Greek and Cyrillic letter is drawn, accents included, in every built-in style and face",
    "[e2e][pdf][letters]") {
    const std::vector<Letter> letters = read_letters();
    REQUIRE(letters.size() > 1000);
    Findings findings;
    for (const std::string& style : built_in_styles()) check_letters(letters, style, {}, findings);
    INFO(findings.report());
    CHECK(findings.problems.empty());
}

TEST_CASE("every letter is drawn, accents included, by LaTeX too", "[e2e][latex][letters][tex-matrix]") {
    const std::vector<Letter> letters = read_letters();
    Findings findings;
    for (const char* style : {"academic", "default"})
        check_letters(letters, style, {"--via", "latex"}, findings);
    INFO(findings.report());
    CHECK(findings.problems.empty());
}

TEST_CASE("a letter given as a base and combining marks is shown as the one character it composes",
          "[e2e][pdf][letters]") {
    // Shaping draws "n" U+0303 with the glyph of "ñ". Shown as its two
    // characters instead, the mark lands where the face puts a lone mark:
    // CMU Serif's is over the next letter ("Senõra"). Shown as the one
    // character, it is drawn as that letter, which the test above checks.
    const std::vector<Letter> letters = letters_with_marks(read_letters());
    REQUIRE(letters.size() > 500);
    Findings findings;
    // Each style with its body font (styles/*.toml). Only a letter that font
    // has, with its base and marks, is shaped in it as one glyph; the layout
    // takes a mark the font lacks from a fallback font.
    vitae::layout::SystemFonts fonts;
    for (const auto& [style, family] : {std::pair{"academic", "CMU Serif"}, std::pair{"default", "Lato"}}) {
        const std::optional<vitae::layout::FaceId> body = fonts.find_face({family, false, false, true});
        REQUIRE(body);
        const TemporaryDirectory directory;
        write_file(directory / "cv.toml", decomposed_cv(letters));
        write_file(directory / "letters.toml", letters_style(style));
        const RunResult built = run_vitae(
            {"build", "--quiet", "--style", "letters.toml", "cv.toml", "-o", "cv.pdf"}, directory.path());
        INFO("vitae said: " << built.err);
        REQUIRE(built.exit_code == 0);
        std::map<std::string, int> times_shown;
        for (const Word& word : words_of(directory / "cv.pdf")) ++times_shown[word.text];
        for (const Letter& letter : letters) {
            const auto in_body = [&](char32_t code_point) { return fonts.has_glyph(*body, code_point); };
            if (!in_body(letter.code_point) ||
                !std::all_of(letter.decomposed.begin(), letter.decomposed.end(), in_body))
                continue;
            const std::string text = utf8_of(letter.code_point);
            // Once from the first section, once from the second.
            if (times_shown[text] != 2) {
                findings.add(style, std::string{style} + ": " + code_point_name(letter.code_point) + " '" +
                                        text + "' is shown " + std::to_string(times_shown[text]) +
                                        " times, not 2");
            }
        }
    }
    INFO(findings.report());
    CHECK(findings.problems.empty());
}

TEST_CASE("a CV with only a few accented letters keeps their accents in the serif styles",
          "[e2e][pdf][letters]") {
    // With every letter in one CV, a glyph that one accent is built from is
    // often used by another letter too, which hides its loss: "Señora Muñoz"
    // alone lost every tilde (ñ is n + U+0303, and U+0303 the tilde moved).
    const std::vector<Letter> letters{{U'n', {}, {}}, {U'ñ', U'n', {}}, {U'a', {}, {}}, {U'ã', U'a', {}},
                                      {U'o', {}, {}}, {U'õ', U'o', {}}, {U'e', {}, {}}, {U'ẽ', U'e', {}},
                                      {U'ı', {}, {}}, {U'ĩ', U'ı', {}}};
    Findings findings;
    for (const char* style : {"academic", "classic"}) check_letters(letters, style, {}, findings);
    INFO(findings.report());
    CHECK(findings.problems.empty());
}
