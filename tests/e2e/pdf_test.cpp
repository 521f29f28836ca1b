// End-to-end tests of the PDF: the real `vitae` binary builds the examples,
// and the PDF is judged by the tools its readers use (qpdf, poppler's
// pdftotext, pdfinfo and pdffonts), run without a shell. What is checked is
// what a reader or an applicant-tracking system sees: a valid file, embedded
// fonts, extractable text in reading order, words inside the margins and
// clear of each other, working links, bookmarks, metadata, reproducible bytes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "e2e/process.hpp"
#include "seed_words.hpp"
#include "vitae/base/utf8.hpp"

namespace {

namespace fs = std::filesystem;

using vitae::e2e::contains;
using vitae::e2e::EnvironmentChanges;
using vitae::e2e::example;
using vitae::e2e::lines_of;
using vitae::e2e::read_file;
using vitae::e2e::run;
using vitae::e2e::run_vitae;
using vitae::e2e::RunResult;
using vitae::e2e::TemporaryDirectory;
using vitae::e2e::without_fonts;
using vitae::e2e::write_file;

// --- the examples ----------------------------------------------------------------

/// What each example must show, written down from its TOML file.
struct Example {
    std::string file;
    std::string name;                   ///< [person] name
    std::vector<std::string> sections;  ///< section titles, in the order of the CV
    std::vector<std::string> urls;      ///< every address the CV gives, each must be a link
};

const Example& seed_example() {
    static const Example seed{"zangwei-zheng.toml",
                              "Zangwei Zheng",
                              {"Education", "Industry Experience", "Academic Research Experience",
                               "Selected Publications", "Skills"},
                              {"mailto:zhengzangw@gmail.com", "https://zhengzangw.github.io"}};
    return seed;
}

const Example& second_example() {
    static const Example second{"jose-nunez.toml",
                                "José Núñez-García",
                                {"Summary", "Experience", "Education", "Publications & Talks", "Skills",
                                 "Languages Spoken", "Interests"},
                                {
                                    // [person]: email, phone, homepage and the two links with icons.
                                    "mailto:jose.nunez@example.ch",
                                    "tel:+41445550123",
                                    "https://josenunez.example.ch",
                                    "https://github.com/jnunezgarcia",
                                    "https://www.linkedin.com/in/jose-nunez-garcia",
                                    // The employer's url and a [text](url) in a highlight.
                                    "https://helvetiapay.example.ch",
                                    "https://helvetiapay.example.ch/blog/remote-execution",
                                    // Publications: doi, pdf, url, and a [text](url) in a note.
                                    "https://doi.org/10.5555/example.2024.0042",
                                    "https://josenunez.example.ch/papers/remote-execution-2024.pdf",
                                    "https://josenunez.example.ch/papers/msc-thesis.pdf",
                                    "https://www.youtube.com/watch?v=example",
                                }};
    return second;
}

const Example& example_named(const std::string& file) {
    return file == seed_example().file ? seed_example() : second_example();
}

/// The default style's page margin, on every side (styles/default.toml:
/// margins = "0.6in").
constexpr double default_margin = 0.6 * 72;

// --- running the tools -----------------------------------------------------------

/// The tool's path from PATH (posix_spawn does not search it); the test
/// stops with a hint when the tool is missing.
std::string tool(std::string_view name) {
    const char* path = std::getenv("PATH");
    std::istringstream directories{path ? path : "/usr/bin:/bin"};
    for (std::string directory; std::getline(directories, directory, ':');) {
        if (directory.empty()) continue;
        const fs::path candidate = fs::path{directory} / name;
        std::error_code ignored;
        if (fs::is_regular_file(candidate, ignored) && ::access(candidate.c_str(), X_OK) == 0) {
            return candidate.string();
        }
    }
    FAIL("'" << name << "' is not installed; scripts/bootstrap --tests installs qpdf and poppler-utils");
    return {};
}

RunResult run_tool(std::string_view name, std::vector<std::string> arguments, const fs::path& directory,
                   const EnvironmentChanges& environment = {}) {
    arguments.insert(arguments.begin(), tool(name));
    return run(arguments, directory, std::nullopt, environment);
}

/// A PDF of one example, built by the real binary in its own directory.
struct BuiltPdf {
    TemporaryDirectory directory;
    fs::path pdf;
    std::string bytes;
};

void build_example_pdf(const Example& cv, BuiltPdf& built, const EnvironmentChanges& environment = {}) {
    built.pdf = built.directory / "cv.pdf";
    const RunResult result = run_vitae({"build", example(cv.file).string(), "-o", built.pdf.string()},
                                       built.directory.path(), std::nullopt, environment);
    INFO(cv.file << ": vitae build stderr:\n" << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    built.bytes = read_file(built.pdf);
    REQUIRE(built.bytes.starts_with("%PDF-"));
}

/// pdftotext's output (UTF-8), failing the test if pdftotext fails.
std::string pdf_text(const BuiltPdf& built, std::vector<std::string> options = {}) {
    std::vector<std::string> arguments = std::move(options);
    arguments.insert(arguments.end(), {"-enc", "UTF-8", built.pdf.string(), "-"});
    const RunResult result = run_tool("pdftotext", arguments, built.directory.path());
    INFO("pdftotext stderr:\n" << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

// --- text ---------------------------------------------------------------------------

std::string ascii_lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

std::string trimmed(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n\f";
    const std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    return std::string{text.substr(first, text.find_last_not_of(blanks) - first + 1)};
}

/// `text` with every run of white space (line breaks too) as one space.
std::string single_spaced(std::string_view text) {
    std::string out;
    bool in_space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            in_space = true;
            continue;
        }
        if (in_space && !out.empty()) out += ' ';
        in_space = false;
        out += c;
    }
    return out;
}

void append_utf8(std::string& out, char32_t code_point) {
    vitae::utf8::append(out, code_point);
}

/// The code points of UTF-8 `text` (the outputs checked here are valid).
std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> result;
    for (std::size_t offset = 0; offset < text.size();) result.push_back(vitae::utf8::next(text, offset));
    return result;
}

/// Whether `word` has a letter or a digit: ASCII ones, or a non-ASCII code
/// point outside the blocks of punctuation, symbols and pictographs (the
/// test texts hold no other kind of symbol).
bool has_letter_or_digit(std::string_view word) {
    for (const char32_t c : code_points(word)) {
        if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9')) return true;
        const bool symbol = c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) ||
                            (c >= 0x3000 && c <= 0x303F) || (c >= 0xE000 && c <= 0xF8FF) ||
                            (c >= 0xFE00 && c <= 0xFE0F) || c >= 0x1F000;
        if (!symbol) return true;
    }
    return false;
}

// --- PDF strings ------------------------------------------------------------------

/// PDFDocEncoding's bytes that are not Latin-1 (PDF 32000-1, annex D.2); 0
/// where the byte is undefined.
char32_t pdf_doc_encoding(unsigned char byte) {
    static constexpr char32_t low[8] = {0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC};
    static constexpr char32_t high[33] = {
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
        0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
        0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0,      0x20AC};
    if (byte >= 0x18 && byte <= 0x1F) return low[byte - 0x18];
    if (byte >= 0x80 && byte <= 0xA0) return high[byte - 0x80];
    if (byte == 0xAD) return 0;
    return byte;
}

/// A PDF text string (title, author, bookmark) as UTF-8: UTF-16BE after the
/// byte order mark FE FF, UTF-8 after EF BB BF (PDF 2.0), PDFDocEncoding
/// otherwise.
std::string decode_text_string(std::string_view bytes) {
    std::string out;
    if (bytes.starts_with("\xFE\xFF")) {
        for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
            char32_t unit =
                (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
            if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
                const char32_t low = (static_cast<unsigned char>(bytes[i + 2]) << 8) |
                                     static_cast<unsigned char>(bytes[i + 3]);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    i += 2;
                }
            }
            append_utf8(out, unit);
        }
        return out;
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) return std::string{bytes.substr(3)};
    for (const char byte : bytes) {
        const char32_t code_point = pdf_doc_encoding(static_cast<unsigned char>(byte));
        append_utf8(out, code_point == 0 ? U'\uFFFD' : code_point);
    }
    return out;
}

// --- a reader for qpdf's QDF form ------------------------------------------------

/// One PDF object. Dictionaries keep their keys and values side by side.
struct PdfValue {
    enum class Kind { null, boolean, number, name, string, array, dictionary, reference, keyword };
    Kind kind = Kind::null;
    double number = 0;              ///< a number, or the object number of a reference
    std::string text;               ///< a name (without the slash), string bytes, or a keyword
    std::vector<PdfValue> items;    ///< array elements, or dictionary values
    std::vector<std::string> keys;  ///< dictionary keys, one per value

    [[nodiscard]] const PdfValue* get(std::string_view key) const {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == key) return &items[i];
        }
        return nullptr;
    }
    [[nodiscard]] bool is_name(std::string_view name) const { return kind == Kind::name && text == name; }
};

/// Reads the objects of an uncompressed PDF without object streams, as
/// `qpdf --qdf --object-streams=disable` writes it.
class PdfReader {
public:
    explicit PdfReader(std::string bytes) : bytes_(std::move(bytes)) {
        while (true) {
            skip_blanks();
            if (at_ >= bytes_.size()) break;
            if (starts_with_here("xref")) {
                skip_past("trailer");
                trailer_ = parse_value();
                break;
            }
            const PdfValue number = parse_value();
            const PdfValue generation = parse_value();
            const PdfValue keyword = parse_value();
            if (number.kind != PdfValue::Kind::number || keyword.text != "obj") {
                throw std::runtime_error("no object at byte " + std::to_string(at_));
            }
            (void)generation;
            PdfValue value = parse_value();
            skip_blanks();
            if (starts_with_here("stream")) skip_past("endstream");
            skip_blanks();
            if (!starts_with_here("endobj"))
                throw std::runtime_error("no endobj at byte " + std::to_string(at_));
            at_ += std::string_view{"endobj"}.size();
            objects_[static_cast<int>(number.number)] = std::move(value);
        }
    }

    [[nodiscard]] const PdfValue& trailer() const { return trailer_; }
    [[nodiscard]] const std::map<int, PdfValue>& objects() const { return objects_; }

    /// The value itself, or the object a reference names (null if missing).
    [[nodiscard]] const PdfValue& resolve(const PdfValue* value) const {
        static const PdfValue null;
        for (int depth = 0; value != nullptr && value->kind == PdfValue::Kind::reference; ++depth) {
            const auto found = objects_.find(static_cast<int>(value->number));
            value = (found == objects_.end() || depth > 32) ? nullptr : &found->second;
        }
        return value != nullptr ? *value : null;
    }

    [[nodiscard]] const PdfValue& catalog() const { return resolve(trailer_.get("Root")); }

    /// The page objects, in order, with their object numbers.
    [[nodiscard]] std::vector<std::pair<int, const PdfValue*>> pages() const {
        std::vector<std::pair<int, const PdfValue*>> result;
        collect_pages(catalog().get("Pages"), result, 0);
        return result;
    }

private:
    void collect_pages(const PdfValue* node_reference, std::vector<std::pair<int, const PdfValue*>>& found,
                       int depth) const {
        const PdfValue& node = resolve(node_reference);
        if (depth > 32) return;
        if (node.get("Type") != nullptr && node.get("Type")->is_name("Page")) {
            found.emplace_back(static_cast<int>(node_reference->number), &node);
            return;
        }
        if (const PdfValue* kids = node.get("Kids")) {
            for (const PdfValue& kid : kids->items) collect_pages(&kid, found, depth + 1);
        }
    }

    static bool is_blank(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
    }
    static bool is_delimiter(char c) {
        return std::string_view{"()<>[]{}/%"}.find(c) != std::string_view::npos;
    }

    bool starts_with_here(std::string_view word) const {
        return std::string_view{bytes_}.substr(at_).starts_with(word);
    }

    void skip_past(std::string_view word) {
        const std::size_t found = bytes_.find(word, at_);
        if (found == std::string::npos) throw std::runtime_error("no '" + std::string{word} + "'");
        at_ = found + word.size();
    }

    void skip_blanks() {
        while (at_ < bytes_.size()) {
            if (is_blank(bytes_[at_])) {
                ++at_;
            } else if (bytes_[at_] == '%') {
                while (at_ < bytes_.size() && bytes_[at_] != '\n' && bytes_[at_] != '\r') ++at_;
            } else {
                break;
            }
        }
    }

    std::string parse_regular() {
        const std::size_t start = at_;
        while (at_ < bytes_.size() && !is_blank(bytes_[at_]) && !is_delimiter(bytes_[at_])) ++at_;
        return bytes_.substr(start, at_ - start);
    }

    static int hex_digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    std::string parse_literal_string() {
        std::string out;
        int depth = 1;
        ++at_;  // (
        while (at_ < bytes_.size()) {
            const char c = bytes_[at_++];
            if (c == '(') ++depth;
            if (c == ')' && --depth == 0) return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_ >= bytes_.size()) break;
            const char escaped = bytes_[at_++];
            switch (escaped) {
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case '\r':
                    if (at_ < bytes_.size() && bytes_[at_] == '\n') ++at_;
                    break;
                case '\n': break;
                default:
                    if (escaped >= '0' && escaped <= '7') {
                        int value = escaped - '0';
                        for (int k = 0;
                             k < 2 && at_ < bytes_.size() && bytes_[at_] >= '0' && bytes_[at_] <= '7'; ++k) {
                            value = value * 8 + (bytes_[at_++] - '0');
                        }
                        out += static_cast<char>(value & 0xFF);
                    } else {
                        out += escaped;  // \( \) \\ and unknown escapes
                    }
            }
        }
        throw std::runtime_error("unterminated string");
    }

    std::string parse_hex_string() {
        std::string out;
        int high = -1;
        ++at_;  // <
        while (at_ < bytes_.size() && bytes_[at_] != '>') {
            const int digit = hex_digit(bytes_[at_++]);
            if (digit < 0) continue;
            if (high < 0) {
                high = digit;
            } else {
                out += static_cast<char>(high * 16 + digit);
                high = -1;
            }
        }
        ++at_;  // >
        if (high >= 0) out += static_cast<char>(high * 16);
        return out;
    }

    std::string parse_name() {
        ++at_;  // /
        const std::string raw = parse_regular();
        std::string out;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '#' && i + 2 < raw.size() && hex_digit(raw[i + 1]) >= 0 &&
                hex_digit(raw[i + 2]) >= 0) {
                out += static_cast<char>(hex_digit(raw[i + 1]) * 16 + hex_digit(raw[i + 2]));
                i += 2;
            } else {
                out += raw[i];
            }
        }
        return out;
    }

    PdfValue parse_value() {
        skip_blanks();
        PdfValue value;
        if (at_ >= bytes_.size()) throw std::runtime_error("unexpected end of the PDF");
        const char c = bytes_[at_];
        if (starts_with_here("<<")) {
            at_ += 2;
            value.kind = PdfValue::Kind::dictionary;
            while (true) {
                skip_blanks();
                if (starts_with_here(">>")) {
                    at_ += 2;
                    return value;
                }
                if (at_ >= bytes_.size() || bytes_[at_] != '/') {
                    throw std::runtime_error("no dictionary key at byte " + std::to_string(at_));
                }
                value.keys.push_back(parse_name());
                value.items.push_back(parse_value());
            }
        }
        if (c == '[') {
            ++at_;
            value.kind = PdfValue::Kind::array;
            while (true) {
                skip_blanks();
                if (at_ < bytes_.size() && bytes_[at_] == ']') {
                    ++at_;
                    return value;
                }
                value.items.push_back(parse_value());
            }
        }
        if (c == '(' || c == '<') {
            value.kind = PdfValue::Kind::string;
            value.text = c == '(' ? parse_literal_string() : parse_hex_string();
            return value;
        }
        if (c == '/') {
            value.kind = PdfValue::Kind::name;
            value.text = parse_name();
            return value;
        }
        const std::string word = parse_regular();
        if (word.empty()) throw std::runtime_error("unexpected '" + std::string(1, c) + "' in the PDF");
        double number = 0;
        const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
        if (error == std::errc{} && end == word.data() + word.size()) {
            value.kind = PdfValue::Kind::number;
            value.number = number;
            // "12 0 R" is a reference.
            const std::size_t saved = at_;
            skip_blanks();
            const std::string generation = parse_regular();
            skip_blanks();
            const bool is_reference =
                !generation.empty() && generation.find_first_not_of("0123456789") == std::string::npos &&
                at_ < bytes_.size() && bytes_[at_] == 'R' &&
                (at_ + 1 >= bytes_.size() || is_blank(bytes_[at_ + 1]) || is_delimiter(bytes_[at_ + 1]));
            if (is_reference) {
                ++at_;
                value.kind = PdfValue::Kind::reference;
            } else {
                at_ = saved;
            }
            return value;
        }
        if (word == "true" || word == "false") {
            value.kind = PdfValue::Kind::boolean;
            value.number = word == "true" ? 1 : 0;
        } else if (word != "null") {
            value.kind = PdfValue::Kind::keyword;
            value.text = word;
        }
        return value;
    }

    std::string bytes_;
    std::size_t at_ = 0;
    std::map<int, PdfValue> objects_;
    PdfValue trailer_;
};

/// The PDF rewritten by qpdf in QDF form (uncompressed, no object streams)
/// and read.
PdfReader read_as_qdf(const BuiltPdf& built) {
    const fs::path qdf = built.directory / "cv.qdf.pdf";
    const RunResult result =
        run_tool("qpdf", {"--qdf", "--object-streams=disable", built.pdf.string(), qdf.string()},
                 built.directory.path());
    INFO("qpdf --qdf stdout:\n" << result.out << "stderr:\n" << result.err);
    REQUIRE(result.exit_code == 0);
    return PdfReader{read_file(qdf)};
}

struct Rectangle {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

std::optional<Rectangle> rectangle_of(const PdfValue& value) {
    if (value.kind != PdfValue::Kind::array || value.items.size() != 4) return std::nullopt;
    for (const PdfValue& item : value.items) {
        if (item.kind != PdfValue::Kind::number) return std::nullopt;
    }
    return Rectangle{value.items[0].number, value.items[1].number, value.items[2].number,
                     value.items[3].number};
}

std::string describe(const Rectangle& r) {
    std::ostringstream out;
    out << '[' << r.x0 << ' ' << r.y0 << ' ' << r.x1 << ' ' << r.y1 << ']';
    return out.str();
}

// --- pdffonts --------------------------------------------------------------------

/// One row of pdffonts' table: column name → value.
using FontRow = std::map<std::string, std::string>;

/// pdffonts' table, cut into columns where its rule of dashes has them.
std::vector<FontRow> parse_pdffonts(const std::string& output) {
    const std::vector<std::string> lines = lines_of(output);
    if (lines.size() < 2 || !lines[1].starts_with("---")) return {};
    std::vector<std::pair<std::size_t, std::size_t>> columns;  // [start, end)
    for (std::size_t at = 0; at < lines[1].size();) {
        const std::size_t start = lines[1].find('-', at);
        if (start == std::string::npos) break;
        std::size_t end = lines[1].find(' ', start);
        if (end == std::string::npos) end = lines[1].size();
        columns.emplace_back(start, end);
        at = end;
    }
    auto cell = [](const std::string& line, std::pair<std::size_t, std::size_t> column) {
        if (column.first >= line.size()) return std::string{};
        return trimmed(std::string_view{line}.substr(column.first, column.second - column.first));
    };
    std::vector<FontRow> rows;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        if (trimmed(lines[i]).empty()) continue;
        FontRow row;
        for (const auto& column : columns) row[cell(lines[0], column)] = cell(lines[i], column);
        rows.push_back(std::move(row));
    }
    return rows;
}

// --- word boxes -------------------------------------------------------------------

struct WordBox {
    std::size_t page = 0;  ///< 1-based
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string text;
};

struct PageSize {
    double width = 0;
    double height = 0;
};

struct WordLayout {
    std::vector<PageSize> pages;
    std::vector<WordBox> words;
};

std::optional<double> attribute(std::string_view tag, std::string_view name) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) about
    // " " + std::string{name}.
    std::string key{" "};
    key.append(name).append("=\"");
    const std::size_t start = tag.find(key);
    if (start == std::string_view::npos) return std::nullopt;
    const std::size_t value_start = start + key.size();
    const std::size_t value_end = tag.find('"', value_start);
    double value = 0;
    const auto [end, error] = std::from_chars(tag.data() + value_start, tag.data() + value_end, value);
    if (error != std::errc{} || end != tag.data() + value_end) return std::nullopt;
    return value;
}

std::string html_unescaped(std::string_view text) {
    std::string out{text};
    for (const auto& [entity, character] : {std::pair<std::string_view, std::string_view>{"&lt;", "<"},
                                            {"&gt;", ">"},
                                            {"&quot;", "\""},
                                            {"&apos;", "'"},
                                            {"&#39;", "'"},
                                            {"&amp;", "&"}}) {
        out = vitae::test::replaced_all(out, entity, character);
    }
    return out;
}

/// The pages and words of `pdftotext -bbox` output.
WordLayout parse_word_boxes(std::string_view html) {
    WordLayout layout;
    for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
        const std::size_t tag_end = html.find('>', at);
        if (tag_end == std::string_view::npos) break;
        const std::string_view tag = html.substr(at, tag_end - at + 1);
        if (tag.starts_with("<page ")) {
            layout.pages.push_back(
                {attribute(tag, "width").value_or(0), attribute(tag, "height").value_or(0)});
        } else if (tag.starts_with("<word ")) {
            const std::size_t close = html.find("</word>", tag_end);
            WordBox word;
            word.page = layout.pages.size();
            word.x_min = attribute(tag, "xMin").value_or(NAN);
            word.y_min = attribute(tag, "yMin").value_or(NAN);
            word.x_max = attribute(tag, "xMax").value_or(NAN);
            word.y_max = attribute(tag, "yMax").value_or(NAN);
            word.text = html_unescaped(html.substr(tag_end + 1, close - tag_end - 1));
            layout.words.push_back(std::move(word));
        }
    }
    return layout;
}

std::string describe(const WordBox& word) {
    std::ostringstream out;
    out << "'" << word.text << "' page " << word.page << " [" << word.x_min << ", " << word.y_min << " – "
        << word.x_max << ", " << word.y_max << "]";
    return out.str();
}

/// Words that reach into the margins (y grows downwards, as pdftotext
/// gives it). A word whose top is below the bottom margin's edge is a
/// footer, which may sit in the margin.
std::vector<std::string> words_outside_margins(const WordLayout& layout, double margin, double tolerance) {
    std::vector<std::string> problems;
    for (const WordBox& word : layout.words) {
        if (word.page == 0 || word.page > layout.pages.size()) {
            problems.push_back(describe(word) + ": not on any page");
            continue;
        }
        const PageSize& page = layout.pages[word.page - 1];
        const bool footer = word.y_min >= page.height - margin;
        std::vector<std::string> sides;
        if (!(word.x_min >= margin - tolerance)) sides.push_back("left");
        if (!(word.x_max <= page.width - margin + tolerance)) sides.push_back("right");
        if (!(word.y_min >= margin - tolerance)) sides.push_back("top");
        if (!footer && !(word.y_max <= page.height - margin + tolerance)) sides.push_back("bottom");
        if (footer && !(word.y_max <= page.height + tolerance)) sides.push_back("below the page");
        if (!sides.empty()) {
            std::string message = describe(word) + " crosses the";
            for (const std::string& side : sides) message += " " + side;
            problems.push_back(message + " margin (" + std::to_string(margin) + "pt on a " +
                               std::to_string(page.width) + "x" + std::to_string(page.height) + " page)");
        }
    }
    return problems;
}

/// Pairs of words on one page whose boxes share more than `min_area` pt².
std::vector<std::string> overlapping_words(const WordLayout& layout, double min_area) {
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < layout.words.size(); ++i) {
        const WordBox& a = layout.words[i];
        for (std::size_t j = i + 1; j < layout.words.size(); ++j) {
            const WordBox& b = layout.words[j];
            if (a.page != b.page) continue;
            const double width = std::min(a.x_max, b.x_max) - std::max(a.x_min, b.x_min);
            const double height = std::min(a.y_max, b.y_max) - std::max(a.y_min, b.y_min);
            if (width > 0 && height > 0 && width * height > min_area) {
                std::ostringstream message;
                message << describe(a) << " overlaps " << describe(b) << " by " << width * height << " pt²";
                problems.push_back(message.str());
            }
        }
    }
    return problems;
}

// --- pdfinfo ----------------------------------------------------------------------

std::map<std::string, std::string> parse_pdfinfo(const std::string& output) {
    std::map<std::string, std::string> fields;
    for (const std::string& line : lines_of(output)) {
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        fields[line.substr(0, colon)] = trimmed(std::string_view{line}.substr(colon + 1));
    }
    return fields;
}

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + '\n';
    return text;
}

}  // namespace

// --- the checks ----------------------------------------------------------------------

TEST_CASE("the PDF of each example passes qpdf --check without warnings", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);

    const RunResult check = run_tool("qpdf", {"--check", built.pdf.string()}, built.directory.path());
    INFO("qpdf --check stdout:\n" << check.out << "stderr:\n" << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());
    CHECK_FALSE(contains(ascii_lower(check.out), "warning"));
    CHECK(contains(check.out, "No syntax or stream encoding errors found"));
}

TEST_CASE("poppler reads the PDF of each example without a warning", "[e2e][pdf]") {
    // Poppler is what most Linux viewers (and many ATS text extractors) use;
    // its complaints point at real defects, such as a malformed ToUnicode
    // CMap that garbles copied text.
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);

    const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
        {"pdftotext", {"-enc", "UTF-8", built.pdf.string(), "-"}},
        {"pdftotext", {"-bbox", "-enc", "UTF-8", built.pdf.string(), "-"}},
        {"pdffonts", {built.pdf.string()}},
        {"pdfinfo", {built.pdf.string()}},
    };
    for (const auto& [name, arguments] : commands) {
        const RunResult result = run_tool(name, arguments, built.directory.path());
        INFO(name << (arguments.front() == "-bbox" ? " -bbox" : "") << " stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
    }
}

TEST_CASE("qpdf --check notices a broken PDF", "[e2e][pdf]") {
    BuiltPdf built;
    build_example_pdf(seed_example(), built);
    const fs::path broken = built.directory / "broken.pdf";
    write_file(broken, built.bytes.substr(0, built.bytes.size() / 2));
    const RunResult check = run_tool("qpdf", {"--check", broken.string()}, built.directory.path());
    CHECK(check.exit_code != 0);
}

TEST_CASE("every font in the PDF of each example is embedded and subset", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);

    const RunResult result = run_tool("pdffonts", {built.pdf.string()}, built.directory.path());
    INFO("pdffonts:\n" << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    const std::vector<FontRow> rows = parse_pdffonts(result.out);
    REQUIRE_FALSE(rows.empty());
    for (const FontRow& row : rows) {
        INFO("font " << row.at("name"));
        REQUIRE(row.contains("emb"));
        REQUIRE(row.contains("sub"));
        CHECK(row.at("emb") == "yes");
        // A Type 3 font holds just the glyphs drawn from outlines (icons,
        // characters beyond 16 bits): its own kind of subset, which
        // pdffonts does not call one.
        if (row.at("type") != "Type 3") CHECK(row.at("sub") == "yes");
    }
    std::string fonts;
    for (const FontRow& row : rows) fonts += "  " + row.at("name") + " (" + row.at("type") + ")\n";
    WARN(cv.file << ": " << rows.size() << " fonts:\n" << fonts);
}

TEST_CASE("the seed PDF's text says everything the seed CV says", "[e2e][pdf]") {
    BuiltPdf built;
    build_example_pdf(seed_example(), built);
    const std::string text = vitae::test::joined_at_hyphen_breaks(pdf_text(built, {"-raw"}));

    // Pictographs (🌟, ✉, 🏠) are drawn as vector outlines, not as text, so
    // a PDF reader cannot extract them; neither can it the separators (·, –)
    // the PDF may draw differently. Only tokens with a letter or a digit
    // are looked for.
    std::vector<std::string> seed_words;
    for (std::string& word :
         vitae::test::words_of(read_file(fs::path{VITAE_SOURCE_DIR} / "tests" / "data" / "seed-cv.txt"))) {
        if (has_letter_or_digit(word)) seed_words.push_back(std::move(word));
    }
    REQUIRE(seed_words.size() > 500);  // the whole seed was read
    const std::vector<std::string> missing =
        vitae::test::missing_words(seed_words, vitae::test::words_of(text));
    INFO("pdftotext:\n" << text);
    INFO("missing from the PDF's text: " << vitae::test::joined(missing));
    CHECK(missing.empty());
}

TEST_CASE("the second example's PDF keeps its non-ASCII text", "[e2e][pdf]") {
    BuiltPdf built;
    build_example_pdf(second_example(), built);
    const std::string text = single_spaced(pdf_text(built));
    INFO("pdftotext:\n" << text);
    for (const std::string_view phrase :
         {"José Núñez-García", "Zürich, Switzerland", "Spedition Weiß GmbH", "Technische Universität München",
          "Cómputo Ágil S.L.", "Petra Schüßler", "Baden-Württemberg", "“golden path”", "Rust & Rösti"}) {
        INFO("looking for '" << phrase << "'");
        CHECK(contains(text, phrase));
    }
}

TEST_CASE("the PDF's text reads in the order of the CV", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);
    const std::string text = pdf_text(built);
    INFO("pdftotext:\n" << text);

    SECTION("each section title is a line of its own, in the order of the CV") {
        // Compared without case: the style may upper-case headings.
        const std::vector<std::string> lines = lines_of(text);
        std::size_t after = 0;
        for (const std::string& title : cv.sections) {
            INFO("section '" << title << "', looked for from line " << after + 1);
            const auto found = std::find_if(
                lines.begin() + static_cast<std::ptrdiff_t>(after), lines.end(),
                [&](const std::string& line) { return ascii_lower(trimmed(line)) == ascii_lower(title); });
            REQUIRE(found != lines.end());
            after = static_cast<std::size_t>(found - lines.begin()) + 1;
        }
    }
    if (&cv == &seed_example()) {
        SECTION("the six bullets of HPC-AI Tech are in order, within the entry") {
            const std::string flowing = single_spaced(text);
            const std::size_t entry = flowing.find("HPC-AI Tech");
            const std::size_t next_entry = flowing.find("ByteDance", entry == std::string::npos ? 0 : entry);
            REQUIRE(entry != std::string::npos);
            REQUIRE(next_entry != std::string::npos);
            std::size_t after = entry;
            for (const std::string_view bullet :
                 {"Development of Video Generation Models:",
                  "Training Strategies, Evaluation, and Monitoring:", "Data Processing:",
                  "Training Optimization:", "Distributed Training Setup:", "Commercial Deployment:"}) {
                INFO("bullet '" << bullet << "'");
                const std::size_t found = flowing.find(bullet, after);
                REQUIRE(found != std::string::npos);
                CHECK(found < next_entry);
                after = found + bullet.size();
            }
        }
    }
}

TEST_CASE("no word of the PDF leaves the margins or overlaps another", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);
    const WordLayout layout = parse_word_boxes(pdf_text(built, {"-bbox"}));
    REQUIRE_FALSE(layout.pages.empty());
    REQUIRE(layout.words.size() > 100);
    for (const PageSize& page : layout.pages) CHECK((page.width > 0 && page.height > 0));

    SECTION("inside the margins") {
        const std::vector<std::string> outside = words_outside_margins(layout, default_margin, 0.5);
        INFO(outside.size() << " words outside the margins:\n" << joined_lines(outside));
        CHECK(outside.empty());
    }
    SECTION("clear of each other") {
        // Words of one line touch at most at their edges.
        const std::vector<std::string> overlaps = overlapping_words(layout, 0.5);
        INFO(overlaps.size() << " overlapping pairs:\n" << joined_lines(overlaps));
        CHECK(overlaps.empty());
    }
}

TEST_CASE("the word-box checks notice misplaced words", "[e2e][pdf]") {
    WordLayout layout;
    layout.pages.push_back({612, 792});
    layout.words.push_back({1, 43.2, 100, 80, 112, "inside"});
    layout.words.push_back({1, 80, 100, 120, 112, "touching"});  // shares an edge with "inside"
    CHECK(words_outside_margins(layout, default_margin, 0.5).empty());
    CHECK(overlapping_words(layout, 0.5).empty());

    layout.words.push_back({1, 110, 105, 150, 117, "overlapping"});
    layout.words.push_back({1, 30, 200, 60, 212, "left"});
    layout.words.push_back({1, 300, 760, 330, 772, "footer"});  // in the bottom margin: allowed
    layout.words.push_back({1, 300, 740, 330, 752, "low"});     // crosses the bottom margin's edge
    const std::vector<std::string> outside = words_outside_margins(layout, default_margin, 0.5);
    REQUIRE(outside.size() == 2);
    CHECK(contains(outside[0], "'left'"));
    CHECK(contains(outside[1], "'low'"));
    const std::vector<std::string> overlaps = overlapping_words(layout, 0.5);
    REQUIRE(overlaps.size() == 1);
    CHECK(contains(overlaps[0], "'touching'"));
    CHECK(contains(overlaps[0], "'overlapping'"));

    const WordLayout parsed = parse_word_boxes(
        R"(<page width="612.000000" height="792.000000"><word xMin="1.5" yMin="2" xMax="3" yMax="4">R&amp;D</word>)"
        R"(</page><page width="100" height="200"><word xMin="5" yMin="6" xMax="7" yMax="8">b</word></page>)");
    REQUIRE(parsed.pages.size() == 2);
    CHECK(parsed.pages[1].height == 200);
    REQUIRE(parsed.words.size() == 2);
    CHECK(parsed.words[0].text == "R&D");
    CHECK(parsed.words[0].x_min == 1.5);
    CHECK(parsed.words[1].page == 2);
}

TEST_CASE("the PDF links every address of the CV, on its page", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);
    const PdfReader pdf = read_as_qdf(built);
    const auto pages = pdf.pages();
    REQUIRE_FALSE(pages.empty());

    std::set<std::string> uris;
    std::size_t link_count = 0;
    for (std::size_t page_index = 0; page_index < pages.size(); ++page_index) {
        const PdfValue& page = *pages[page_index].second;
        const std::optional<Rectangle> media_box = rectangle_of(pdf.resolve(page.get("MediaBox")));
        INFO("page " << page_index + 1);
        REQUIRE(media_box);
        for (const PdfValue& reference : pdf.resolve(page.get("Annots")).items) {
            const PdfValue& annotation = pdf.resolve(&reference);
            if (!annotation.get("Subtype") || !annotation.get("Subtype")->is_name("Link")) continue;
            ++link_count;
            const PdfValue& action = pdf.resolve(annotation.get("A"));
            const PdfValue& uri = pdf.resolve(action.get("URI"));
            CHECK(uri.kind == PdfValue::Kind::string);
            uris.insert(uri.text);
            const std::optional<Rectangle> area = rectangle_of(pdf.resolve(annotation.get("Rect")));
            INFO("link to " << uri.text << " at " << (area ? describe(*area) : "?") << " on a page "
                            << describe(*media_box));
            REQUIRE(area);
            CHECK(std::min(area->x0, area->x1) >= media_box->x0);
            CHECK(std::max(area->x0, area->x1) <= media_box->x1);
            CHECK(std::min(area->y0, area->y1) >= media_box->y0);
            CHECK(std::max(area->y0, area->y1) <= media_box->y1);
            CHECK(std::abs((area->x1 - area->x0) * (area->y1 - area->y0)) > 1);  // something to click
        }
    }
    std::string found;
    for (const std::string& uri : uris) found += "  " + uri + "\n";
    INFO(link_count << " links, to:\n" << found);
    for (const std::string& url : cv.urls) {
        INFO("expected a link to " << url);
        CHECK(uris.contains(url));
    }
}

TEST_CASE("the PDF has one bookmark per section, titled as the section, in order", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);
    const PdfReader pdf = read_as_qdf(built);

    std::set<int> page_objects;
    for (const auto& [number, page] : pdf.pages()) page_objects.insert(number);

    const PdfValue& outlines = pdf.resolve(pdf.catalog().get("Outlines"));
    REQUIRE(outlines.kind == PdfValue::Kind::dictionary);
    std::vector<std::string> titles;
    const PdfValue* item_reference = outlines.get("First");
    for (int guard = 0; item_reference != nullptr && guard < 1000; ++guard) {
        const PdfValue& item = pdf.resolve(item_reference);
        REQUIRE(item.kind == PdfValue::Kind::dictionary);
        const PdfValue& title = pdf.resolve(item.get("Title"));
        CHECK(title.kind == PdfValue::Kind::string);
        titles.push_back(decode_text_string(title.text));
        INFO("bookmark '" << titles.back() << "'");
        CHECK(item.get("First") == nullptr);  // one level: sections only
        // It goes to one of the document's pages.
        const PdfValue& destination = pdf.resolve(item.get("Dest"));
        REQUIRE(destination.kind == PdfValue::Kind::array);
        REQUIRE_FALSE(destination.items.empty());
        CHECK(destination.items.front().kind == PdfValue::Kind::reference);
        CHECK(page_objects.contains(static_cast<int>(destination.items.front().number)));
        item_reference = item.get("Next");
    }
    CHECK(titles == cv.sections);
}

TEST_CASE("PDF text strings decode from PDFDocEncoding and UTF-16BE", "[e2e][pdf]") {
    CHECK(decode_text_string("Education") == "Education");
    CHECK(decode_text_string("Jos\xE9 \x84 CV") == "José — CV");
    CHECK(decode_text_string(std::string{"\xFE\xFF\x00J\x00\xFA\x20\x14\xD8\x3C\xDF\x1F", 12}) == "Jú—🌟");
    CHECK(decode_text_string("\xEF\xBB\xBFZ\xC3\xBCrich") == "Zürich");
}

TEST_CASE("pdffonts' table is read by its columns", "[e2e][pdf]") {
    const std::vector<FontRow> rows = parse_pdffonts(
        "name                                 type              encoding         emb sub uni object ID\n"
        "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
        "HPDFAA+Lato-Regular                  CID TrueType      Identity-H       yes yes yes      4  0\n"
        "Helvetica                            Type 1            Standard         no  no  no       9  0\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].at("name") == "HPDFAA+Lato-Regular");
    CHECK(rows[0].at("type") == "CID TrueType");
    CHECK(rows[0].at("emb") == "yes");
    CHECK(rows[1].at("emb") == "no");
    CHECK(rows[1].at("sub") == "no");
}

TEST_CASE("the PDF's metadata names the person, and the pages are US letter", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);
    BuiltPdf built;
    build_example_pdf(cv, built);
    const RunResult result =
        run_tool("pdfinfo", {"-enc", "UTF-8", built.pdf.string()}, built.directory.path());
    INFO("pdfinfo:\n" << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    const std::map<std::string, std::string> info = parse_pdfinfo(result.out);

    REQUIRE(info.contains("Title"));
    CHECK(contains(info.at("Title"), cv.name));
    REQUIRE(info.contains("Author"));
    CHECK(info.at("Author") == cv.name);
    REQUIRE(info.contains("Pages"));
    const int pages = std::atoi(info.at("Pages").c_str());
    CHECK(pages >= 1);
    REQUIRE(info.contains("Page size"));
    CHECK(contains(info.at("Page size"), "(letter)"));
    WARN(cv.file << ": " << pages << " pages, " << built.bytes.size() << " bytes");
}

TEST_CASE("a PDF build is reproducible", "[e2e][pdf]") {
    const Example& cv = example_named(GENERATE(as<std::string>{}, "zangwei-zheng.toml", "jose-nunez.toml"));
    INFO(cv.file);

    SECTION("without SOURCE_DATE_EPOCH: the same bytes, and no date") {
        const EnvironmentChanges no_date = {{"SOURCE_DATE_EPOCH", std::nullopt}};
        BuiltPdf first;
        BuiltPdf second;
        build_example_pdf(cv, first, no_date);
        build_example_pdf(cv, second, no_date);
        CHECK(first.bytes.size() == second.bytes.size());
        CHECK((first.bytes == second.bytes));
        CHECK_FALSE(contains(first.bytes, "/CreationDate"));
        CHECK_FALSE(contains(first.bytes, "/ModDate"));
        const RunResult info = run_tool("pdfinfo", {first.pdf.string()}, first.directory.path());
        INFO("pdfinfo:\n" << info.out);
        CHECK_FALSE(parse_pdfinfo(info.out).contains("CreationDate"));
    }
    SECTION("with SOURCE_DATE_EPOCH: that date, and the same bytes") {
        const EnvironmentChanges date = {{"SOURCE_DATE_EPOCH", "1700000000"}};  // 2023-11-14T22:13:20Z
        BuiltPdf first;
        BuiltPdf second;
        build_example_pdf(cv, first, date);
        build_example_pdf(cv, second, date);
        CHECK(first.bytes.size() == second.bytes.size());
        CHECK((first.bytes == second.bytes));
        const RunResult info =
            run_tool("pdfinfo", {"-isodates", first.pdf.string()}, first.directory.path(), {{"TZ", "UTC"}});
        INFO("pdfinfo:\n" << info.out);
        const std::map<std::string, std::string> fields = parse_pdfinfo(info.out);
        REQUIRE(fields.contains("CreationDate"));
        CHECK(fields.at("CreationDate").starts_with("2023-11-"));
    }
}

TEST_CASE("a PDF is tagged unless --untagged (which PDF/UA refuses)", "[e2e][pdf]") {
    const TemporaryDirectory directory;
    const std::string cv = example(seed_example().file).string();
    const fs::path tagged = directory / "tagged.pdf";
    const fs::path untagged = directory / "untagged.pdf";
    REQUIRE(run_vitae({"build", cv, "-o", tagged.string()}, directory.path()).exit_code == 0);
    REQUIRE(run_vitae({"build", cv, "--untagged", "-o", untagged.string()}, directory.path()).exit_code == 0);
    const auto tagged_line = [&](const fs::path& pdf) {
        const RunResult info = run_tool("pdfinfo", {pdf.string()}, directory.path());
        std::istringstream lines{info.out};
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with("Tagged:")) return line;
        }
        return std::string{};
    };
    CHECK(tagged_line(tagged).ends_with("yes"));
    CHECK(tagged_line(untagged).ends_with("no"));
    // The tags' small objects go into object streams with libharu's own: a
    // tagged PDF is no larger than the untagged one (10 KB more without).
    CHECK(fs::file_size(tagged) <= fs::file_size(untagged));
    CHECK(run_tool("qpdf", {"--check", tagged.string()}, directory.path()).exit_code == 0);
    const RunResult refused = run_vitae(
        {"build", cv, "--untagged", "--pdf-standard", "ua-1", "-o", (directory / "ua.pdf").string()},
        directory.path());
    CHECK(refused.exit_code == 1);
    CHECK(contains(refused.err, "need a tagged PDF"));
    CHECK_FALSE(fs::exists(directory / "ua.pdf"));
}

TEST_CASE("the seed PDF is small", "[e2e][pdf]") {
    BuiltPdf built;
    build_example_pdf(seed_example(), built);
    // Tagged: the structure tree's small objects, and libharu's own, are
    // packed into object streams (render/object_streams.hpp), which makes
    // the tagged PDF smaller than the untagged one.
    constexpr std::size_t limit = 45 * 1024;
    constexpr std::size_t target = 40 * 1024;
    WARN("the seed PDF is " << built.bytes.size() << " bytes (limit " << limit << ", target " << target
                            << ")");
    CHECK(built.bytes.size() <= limit);
}

// --- no TrueType font installed -------------------------------------------------

constexpr std::string_view base14_warning =
    "warning: no TrueType font is installed: using the PDF base-14 fonts (Helvetica/Times), which cover "
    "Western European text only (install fonts-lato and fonts-dejavu-core)";

/// Every line of stderr is a warning at a file:line:col.
void check_only_located_warnings(const std::string& err) {
    const std::regex located_warning{R"(^[^:]+:\d+:\d+: warning: .+$)"};
    for (const std::string& line : lines_of(err)) {
        INFO(line);
        CHECK(std::regex_match(line, located_warning));
    }
}

TEST_CASE("without any TrueType font the PDF is written in the base-14 fonts, with a warning",
          "[e2e][pdf][base14]") {
    const Example& cv = second_example();
    BuiltPdf built;
    built.pdf = built.directory / "cv.pdf";
    const RunResult result = run_vitae({"build", example(cv.file).string(), "-o", built.pdf.string()},
                                       built.directory.path(), std::nullopt, without_fonts(built.directory));
    INFO("vitae build stderr:\n" << result.err);
    REQUIRE(result.exit_code == 0);
    const std::vector<std::string> messages = lines_of(result.err);
    CHECK(std::any_of(messages.begin(), messages.end(),
                      [](const std::string& line) { return line.ends_with(base14_warning); }));
    check_only_located_warnings(result.err);
    built.bytes = read_file(built.pdf);
    REQUIRE(built.bytes.starts_with("%PDF-"));

    const RunResult check = run_tool("qpdf", {"--check", built.pdf.string()}, built.directory.path());
    INFO("qpdf --check stdout:\n" << check.out << "stderr:\n" << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());

    // Referenced by name, not embedded: every reader has them.
    const RunResult fonts = run_tool("pdffonts", {built.pdf.string()}, built.directory.path());
    INFO("pdffonts:\n" << fonts.out << fonts.err);
    REQUIRE(fonts.exit_code == 0);
    const std::vector<FontRow> rows = parse_pdffonts(fonts.out);
    REQUIRE_FALSE(rows.empty());
    for (const FontRow& row : rows) {
        INFO("font " << row.at("name"));
        CHECK(row.at("name").starts_with("Helvetica"));
        CHECK(row.at("type") == "Type 1");
        CHECK(row.at("encoding") == "WinAnsi");
        CHECK(row.at("emb") == "no");
    }

    const std::string text = single_spaced(pdf_text(built));
    INFO("pdftotext:\n" << text);
    for (const std::string_view phrase :
         {"José Núñez-García", "Zürich, Switzerland", "Spedition Weiß GmbH", "Technische Universität München",
          "Cómputo Ágil S.L.", "Petra Schüßler", "“golden path”", "Rust & Rösti"}) {
        INFO("looking for '" << phrase << "'");
        CHECK(contains(text, phrase));
    }
}

TEST_CASE("without any TrueType font a character outside Windows-1252 is a warning at its place",
          "[e2e][pdf][base14]") {
    BuiltPdf built;
    built.pdf = built.directory / "cv.pdf";
    const fs::path source = built.directory / "cv.toml";
    write_file(source, "[person]\nname = \"Paweł Nowak\"\nheadline = \"Kraków → Zürich\"\n");
    const RunResult result = run_vitae({"build", source.string(), "-o", built.pdf.string()},
                                       built.directory.path(), std::nullopt, without_fonts(built.directory));
    INFO("vitae build stderr:\n" << result.err);
    REQUIRE(result.exit_code == 0);
    check_only_located_warnings(result.err);
    CHECK(contains(result.err, base14_warning));
    CHECK(contains(result.err, source.string() +
                                   ":2:13: warning: no installed font has the character 'ł' (U+0142) "
                                   "(it is shown as ?)\n"));
    CHECK(contains(result.err, source.string() +
                                   ":3:20: warning: no installed font has the character '→' (U+2192) "
                                   "(it is shown as ?)\n"));
    CHECK(run_tool("qpdf", {"--check", built.pdf.string()}, built.directory.path()).exit_code == 0);
    const std::string text = single_spaced(pdf_text(built));
    INFO("pdftotext:\n" << text);
    CHECK(contains(text, "Pawe? Nowak"));
    CHECK(contains(text, "Kraków ? Zürich"));
}

TEST_CASE("vitae build --format debug traces the seed's frames", "[e2e][pdf]") {
    const TemporaryDirectory directory;
    const RunResult result = run_vitae(
        {"build", example(seed_example().file).string(), "--format", "debug", "-o", "-"}, directory.path());
    INFO("stderr:\n" << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    INFO("trace (start):\n" << result.out.substr(0, 400));
    CHECK(result.out.starts_with("document 612.00x792.00"));
    const std::vector<std::string> lines = lines_of(result.out);
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const std::string& line) { return line.starts_with("bookmark \"Education\""); }));
}
