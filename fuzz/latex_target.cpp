// The LaTeX writer, with a property: no text from the CV or the style
// sheet reaches the .tex as TeX. The input is split at 0xFF bytes (never
// part of UTF-8) into texts that fill every text field of a small fixed CV
// and the style's name; each is wrapped in markers (text_begin, text_end)
// and, once the .tex is written, everything between a pair of markers is
// checked to be text as the escaper writes it:
//   - a backslash starts only an escaped character (\{ \} \$ \& \# \% \_)
//     or one of the control words the escaper and the writer's own
//     character handling use (\textbackslash, \cvFallbackB, \ding, …)
//     or the \penalty of a break point inside a contact;
//   - braces balance within the text (a text cannot close a group the
//     writer opened, nor leave one open);
//   - no unescaped $ & # % _ ^ ~ (but the `%` line end with which a long
//     line is wrapped), no control character, no blank line (a paragraph
//     break);
//   - in a URL (\href's first argument) only \% and \# are escapes and
//     there is no brace, space or control character at all (but the `%`
//     line end of a wrapped line);
//   - in a % comment, the text does not end the line (but where a long
//     comment is wrapped, with a `%` right after the line end).
// Besides, the whole .tex holds no control character but the newline.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "vitae/base/utf8.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/render/latex.hpp"

namespace {

using vitae::cv::RichText;

constexpr std::string_view text_begin = "VQXB";
constexpr std::string_view text_end = "VQXE";
constexpr std::string_view marker_stem = "VQX";
constexpr char text_separator = '\xFF';

const auto cv_path = std::make_shared<const std::string>("cv.toml");

class Texts {
public:
    explicit Texts(std::vector<std::string> texts) : texts_(std::move(texts)) {}

    /// The next text, wrapped in markers; the texts are used in turn.
    std::string next() {
        const std::string& text = texts_[used_++ % texts_.size()];
        return std::string{text_begin} + text + std::string{text_end};
    }

    RichText next_rich() {
        RichText rich;
        rich.where = vitae::SourceRegion{cv_path, {line_, 1}, {line_, 1}};
        rich.spans.push_back({next(), false, false, {}, {line_, 1}});
        ++line_;
        return rich;
    }

private:
    std::vector<std::string> texts_;
    std::size_t used_ = 0;
    std::uint32_t line_ = 1;
};

vitae::cv::Document make_cv(Texts& texts) {
    using namespace vitae::cv;
    Document cv;
    cv.where = vitae::SourceRegion{cv_path, {1, 1}, {1, 1}};
    cv.person.name = texts.next_rich();
    cv.person.aliases = {texts.next()};
    cv.person.headline = texts.next_rich();
    cv.person.contacts = {{Contact::Kind::email, texts.next(), {}, {}, {}},
                          {Contact::Kind::phone, texts.next(), {}, {}, {}},
                          {Contact::Kind::homepage, texts.next(), {}, {}, {}},
                          {Contact::Kind::location, texts.next(), {}, {}, {}}};
    cv.person.links = {{texts.next_rich(), texts.next(), "github", {}}};
    cv.person.summary = texts.next_rich();

    Section entries;
    entries.title = texts.next_rich();
    Entry entry;
    entry.title = texts.next_rich();
    entry.url = texts.next();
    entry.subtitle = texts.next_rich();
    entry.location = texts.next_rich();
    entry.dates.start = Date{2020, 1, 0};
    entry.dates.ongoing = true;
    entry.dates.end_note = texts.next_rich();
    entry.description = texts.next_rich();
    entry.highlights = {texts.next_rich(), texts.next_rich()};
    Role role;
    role.title = texts.next_rich();
    role.location = texts.next_rich();
    role.highlights = {texts.next_rich()};
    entry.roles = {role};
    entries.entries = {entry};
    cv.sections.push_back(entries);

    Section publications;
    publications.kind = SectionKind::publications;
    publications.title = texts.next_rich();
    Publication publication;
    publication.title = texts.next_rich();
    publication.authors = {cv.person.name, texts.next_rich()};
    publication.venue = texts.next_rich();
    publication.year = 2024;
    publication.award = texts.next_rich();
    publication.note = texts.next_rich();
    publication.group = texts.next_rich();
    publication.doi = texts.next();
    publication.url = texts.next();
    publication.pdf = texts.next();
    publication.code = texts.next();
    publications.publications = {publication};
    cv.sections.push_back(publications);

    Section skills;
    skills.kind = SectionKind::skills;
    skills.title = texts.next_rich();
    SkillRow row;
    row.label = texts.next_rich();
    row.items = {texts.next_rich(), texts.next_rich()};
    skills.skills = {row};
    cv.sections.push_back(skills);

    Section list;
    list.kind = SectionKind::list;
    list.title = texts.next_rich();
    list.items = {texts.next_rich()};
    cv.sections.push_back(list);

    Section text;
    text.kind = SectionKind::text;
    text.title = texts.next_rich();
    text.text = texts.next_rich();
    cv.sections.push_back(text);
    return cv;
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n') || byte == 0x7F;
}

/// The control words text may hold: the escaper's, the symbol commands of
/// pdflatex (with their ActualText), xelatex's fallback font switches (a
/// family of its own for a script or colour, upright or regular where the
/// style's face lacks a character), TeX--XeT's direction segments, the
/// switch that leaves a right-to-left word's text to its glyphs, and the
/// \penalty of a break point the writer puts inside a contact
/// (style::split_contact) or between Thai words (the number after it, or
/// after `=`, is text to this check).
bool is_text_control_word(std::string_view word) {
    static const std::set<std::string_view> words = {"textbackslash",
                                                     "textasciitilde",
                                                     "textasciicircum",
                                                     "textquotesingle",
                                                     "textasciigrave",
                                                     "textquotedbl",
                                                     "BeginAccSupp",
                                                     "EndAccSupp",
                                                     "ding",
                                                     "Telefon",
                                                     "Letter",
                                                     "penalty",
                                                     "beginR",
                                                     "beginL",
                                                     "endR",
                                                     "endL",
                                                     "upshape",
                                                     "mdseries",
                                                     "XeTeXgenerateactualtext"};
    if (words.contains(word)) return true;
    for (const std::string_view family : {std::string_view{"cvFallback"}, std::string_view{"cvFamily"}}) {
        if (word.starts_with(family) && word.size() > family.size()) return true;
    }
    return false;
}

/// Why the text between two markers is not escaped text; empty when it is.
std::string check_text(std::string_view text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_control(c)) return "a control character";
        switch (c) {
            case '\\': {
                if (i + 1 >= text.size()) return "a backslash at the end";
                const char next = text[i + 1];
                if (is_letter(next)) {
                    std::size_t end = i + 1;
                    while (end < text.size() && is_letter(text[end])) ++end;
                    const std::string_view word = text.substr(i + 1, end - i - 1);
                    if (!is_text_control_word(word)) return "the control word \\" + std::string{word};
                    i = end - 1;
                } else if (std::string_view{"{}$&#%_"}.find(next) != std::string_view::npos) {
                    ++i;
                } else {
                    return std::string{"the control symbol \\"} + next;
                }
                break;
            }
            case '{': ++depth; break;
            case '}':
                if (--depth < 0) return "a '}' closing a group the text did not open";
                break;
            case '%':
                // A `%` right before a line end is wrap_tex_lines' break of a
                // long line: TeX reads neither. Text's own `%` is escaped.
                if (i + 1 < text.size() && text[i + 1] == '\n') {
                    ++i;
                    break;
                }
                return "an unescaped '%'";
            case '$':
            case '&':
            case '#':
            case '_':
            case '^':
            case '~': return std::string{"an unescaped '"} + c + "'";
            case '\n': {
                std::size_t after = i + 1;
                while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
                if (after < text.size() && text[after] == '\n') return "a blank line (a paragraph break)";
                break;
            }
            default: break;
        }
    }
    if (depth != 0) return "a '{' left open";
    return {};
}

/// Why a URL as \href's argument is not escaped; empty when it is.
std::string check_url(std::string_view url) {
    for (std::size_t i = 0; i < url.size(); ++i) {
        const char c = url[i];
        if (is_control(c) || c == '\n' || c == ' ') return "a space or control character";
        if (c == '{' || c == '}') return "a brace";
        // wrap_tex_lines' `%` line end: every \href is inside a macro's
        // argument, where TeX has read `%` as a comment already.
        if (c == '%' && i + 1 < url.size() && url[i + 1] == '\n') {
            ++i;
            continue;
        }
        if (c == '%' || c == '#') return std::string{"an unescaped '"} + c + "'";
        if (c == '\\') {
            if (i + 1 < url.size() && (url[i + 1] == '%' || url[i + 1] == '#')) {
                ++i;
                continue;
            }
            return "a backslash that escapes neither % nor #";
        }
    }
    return {};
}

/// Whether `offset` is inside a % comment: an unescaped % before it on its line.
bool in_comment(std::string_view tex, std::size_t offset) {
    const std::size_t line_start = tex.rfind('\n', offset == 0 ? 0 : offset - 1);
    std::size_t i = line_start == std::string_view::npos ? 0 : line_start + 1;
    for (; i < offset; ++i) {
        if (tex[i] == '\\') {
            ++i;
        } else if (tex[i] == '%') {
            return true;
        }
    }
    return false;
}

/// Whether `offset` is in the URL argument of \href.
bool in_href_url(std::string_view tex, std::size_t offset) {
    const std::size_t open = tex.rfind('{', offset);
    constexpr std::string_view href = "\\href";
    return open != std::string_view::npos && open >= href.size() &&
           tex.substr(open - href.size(), href.size()) == href;
}

/// The .tex around `offset`, for a failure's message.
std::string_view context(std::string_view tex, std::size_t offset) {
    constexpr std::size_t reach = 200;
    const std::size_t start = offset < reach ? 0 : offset - reach;
    return tex.substr(start, 2 * reach);
}

void check_tex(std::string_view tex) {
    for (std::size_t i = 0; i < tex.size(); ++i) {
        if (is_control(tex[i]))
            vitae::fuzz::property_failed("a control character in the .tex", context(tex, i));
    }
    for (std::size_t begin = tex.find(text_begin); begin != std::string_view::npos;
         begin = tex.find(text_begin, begin + 1)) {
        const std::size_t inside = begin + text_begin.size();
        const std::size_t next_marker = tex.find(marker_stem, inside);
        // A text the writer cut (an abbreviated author name) is not checked.
        if (next_marker == std::string_view::npos || tex.substr(next_marker, text_end.size()) != text_end)
            continue;
        const std::string_view text = tex.substr(inside, next_marker - inside);
        std::string problem;
        if (in_comment(tex, begin)) {
            // wrap_tex_lines continues a long comment with `%` on the next line.
            for (std::size_t end = text.find('\n'); end != std::string_view::npos;
                 end = text.find('\n', end + 1)) {
                if (end + 1 >= text.size() || text[end + 1] != '%') problem = "a line end in a comment";
            }
        } else if (in_href_url(tex, begin)) {
            problem = check_url(text);
        } else {
            problem = check_text(text);
        }
        if (!problem.empty())
            vitae::fuzz::property_failed("user text reaches the .tex as TeX: " + problem,
                                         context(tex, begin));
    }
}

/// VITAE_FUZZ_LATEX_PAST_OPEN set (to anything): texts with control
/// characters are skipped and the style's name is left alone, so that a run
/// explores past those two findings while they are open (fuzz/README.md).
bool past_open_findings() {
    static const bool past = std::getenv("VITAE_FUZZ_LATEX_PAST_OPEN") != nullptr;
    return past;
}

/// The input's texts: split at 0xFF; each valid UTF-8 without a marker.
std::optional<std::vector<std::string>> texts_of(std::string_view input) {
    if (past_open_findings() && std::any_of(input.begin(), input.end(), is_control)) return std::nullopt;
    std::vector<std::string> texts;
    for (std::size_t start = 0;;) {
        const std::size_t separator = input.find(text_separator, start);
        const std::string_view text = input.substr(start, separator - start);
        if (vitae::utf8::find_invalid(text) != std::string_view::npos) return std::nullopt;
        std::string upper;
        for (std::size_t offset = 0; offset < text.size();)
            vitae::utf8::append(upper, vitae::utf8::to_upper(vitae::utf8::next(text, offset)));
        if (upper.find(marker_stem) != std::string::npos) return std::nullopt;
        texts.emplace_back(text);
        if (separator == std::string_view::npos) break;
        start = separator + 1;
    }
    return texts;
}

const vitae::style::Sheet& builtin_sheet(std::size_t index) {
    static const std::vector<vitae::style::Sheet> sheets = [] {
        std::vector<vitae::style::Sheet> loaded;
        for (const auto& [name, description] : vitae::builtin_sheets()) {
            vitae::Diagnostics diagnostics;
            loaded.push_back(*vitae::load_sheet(name, diagnostics));
        }
        return loaded;
    }();
    return sheets[index % sheets.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = vitae::fuzz::as_text(data, size);
    std::optional<std::vector<std::string>> texts = texts_of(input);
    if (!texts) return -1;
    Texts fields{std::move(*texts)};
    vitae::style::Sheet sheet = builtin_sheet(size);
    if (!past_open_findings()) sheet.name = fields.next();
    const vitae::cv::Document cv = make_cv(fields);

    vitae::layout::SystemFonts& fonts = vitae::fuzz::system_fonts();
    vitae::Diagnostics diagnostics;
    const vitae::render::LatexSource latex =
        vitae::render::write_latex(cv, sheet, fonts, &fonts, diagnostics);
    check_tex(latex.text);
    return 0;
}
