#include "outline_fonts.hpp"

#include <hpdf_objects.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "libharu.hpp"

namespace vitae::render {
namespace {

/// Glyph space: thousandths of an em, as TrueType-derived fonts and the
/// /Widths of every other font in the PDF count (0.01 pt at 10 pt).
constexpr double units_per_em = 1000;
constexpr double font_matrix_scale = 1 / units_per_em;
/// The codes given out, one byte each. 32 is skipped: word spacing (Tw)
/// applies to byte 32 of a simple font, whatever it shows. Starting past it
/// and the guide below leaves 222 glyphs a font; the next glyph starts
/// another font.
constexpr unsigned guide_code = 0x21;
constexpr unsigned first_code = guide_code + 1;
constexpr unsigned last_code = 0xFF;
/// poppler cannot know a Type 3 font's units, so its text extraction
/// guesses the font size from the width of a glyph named `m` (taken as
/// 0.6 em), or else of any glyph (taken as 0.5 em): an icon 1 em wide made
/// its word twice as tall as the line, and pdftotext put it on a line of
/// its own. Every font has an `m` that draws nothing, shows nothing and
/// is 0.6 em wide, so the guess is right.
constexpr const char* guide_name = "m";
constexpr long guide_width = 600;
/// A font descriptor's flag for glyphs outside the standard Latin set.
constexpr HPDF_INT32 symbolic_flag = 4;

/// A glyph's outline as the path operators of its glyph procedure, in
/// whole glyph-space units, and the box around its points (the control
/// points' box holds the curves). Called from inside the font library, so
/// it must not throw: running out of memory is recorded instead.
class GlyphProcedure final : public layout::OutlineSink {
public:
    void move_to(double x, double y) noexcept override {
        point(x, y);
        guarded([&] { operators_ += " m\n"; });
    }
    void line_to(double x, double y) noexcept override {
        if (!started_) return;
        point(x, y);
        guarded([&] { operators_ += " l\n"; });
    }
    void cubic_to(double x1, double y1, double x2, double y2, double x, double y) noexcept override {
        if (!started_) return;
        point(x1, y1);
        point(x2, y2);
        point(x, y);
        guarded([&] { operators_ += " c\n"; });
    }
    void close() noexcept override {
        if (started_) guarded([&] { operators_ += "h\n"; });
    }

    [[nodiscard]] bool started() const { return started_; }
    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] const std::string& operators() const { return operators_; }
    [[nodiscard]] long left() const { return left_; }
    [[nodiscard]] long bottom() const { return bottom_; }
    [[nodiscard]] long right() const { return right_; }
    [[nodiscard]] long top() const { return top_; }

private:
    template <typename Append>
    void guarded(Append append) noexcept {
        try {
            append();
        } catch (...) {
            failed_ = true;
        }
    }

    void point(double x_em, double y_em) noexcept {
        const long x = std::lround(x_em * units_per_em);
        const long y = std::lround(y_em * units_per_em);
        if (!started_) {
            left_ = right_ = x;
            bottom_ = top_ = y;
            started_ = true;
        }
        left_ = std::min(left_, x);
        right_ = std::max(right_, x);
        bottom_ = std::min(bottom_, y);
        top_ = std::max(top_, y);
        guarded([&] {
            if (!operators_.empty() && operators_.back() != '\n') operators_ += ' ';
            fmt::format_to(std::back_inserter(operators_), "{} {}", x, y);
        });
    }

    std::string operators_;
    bool started_ = false;
    bool failed_ = false;
    long left_ = 0, bottom_ = 0, right_ = 0, top_ = 0;
};

std::string glyph_name(unsigned code) {
    return fmt::format("g{:02X}", code);
}

/// A ToUnicode CMap of one-byte codes, each to its text (UTF-16BE, more
/// than one character where an icon reads as a word).
std::string to_unicode_cmap(const std::vector<std::pair<unsigned, std::string>>& texts) {
    constexpr std::size_t most_entries_per_block = 100;  // the CMap format's limit
    std::string mappings;
    auto to = std::back_inserter(mappings);
    for (std::size_t block = 0; block < texts.size(); block += most_entries_per_block) {
        const std::size_t end = std::min(texts.size(), block + most_entries_per_block);
        fmt::format_to(to, "{} beginbfchar\n", end - block);
        for (std::size_t index = block; index < end; ++index) {
            fmt::format_to(to, "<{:02X}> <", texts[index].first);
            // A text string without its byte order mark: a CMap's
            // destination is bare UTF-16BE.
            const std::string units = pdf_text_string(texts[index].second).substr(2);
            for (const char byte : units) fmt::format_to(to, "{:02X}", static_cast<unsigned char>(byte));
            mappings += ">\n";
        }
        mappings += "endbfchar\n";
    }
    return to_unicode_cmap_around(1, mappings);
}

/// A glyph procedure, in the font's /CharProcs under `name`.
bool add_procedure(HPDF_Doc pdf, HPDF_Dict procedures, const std::string& name,
                   const std::string& operators) {
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (stream == nullptr) return false;
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return HPDF_Stream_WriteStr(stream->stream, operators.c_str()) == HPDF_OK &&
           HPDF_Dict_Add(procedures, name.c_str(), stream) == HPDF_OK;
}

HPDF_Array number_array(HPDF_MMgr memory, std::initializer_list<long> numbers) {
    HPDF_Array array = HPDF_Array_New(memory);
    if (array == nullptr) return nullptr;
    for (const long number : numbers) HPDF_Array_AddNumber(array, static_cast<HPDF_INT32>(number));
    return array;
}

}  // namespace

bool OutlineFonts::start_font(HPDF_Doc pdf) {
    HPDF_Dict font = HPDF_Dict_New(pdf->mmgr);
    if (font == nullptr || HPDF_Xref_Add(pdf->xref, font) != HPDF_OK) return false;
    HPDF_Dict procedures = HPDF_Dict_New(pdf->mmgr);
    if (procedures == nullptr || HPDF_Dict_Add(font, "CharProcs", procedures) != HPDF_OK) return false;
    HPDF_Dict_AddName(font, "Type", "Font");
    HPDF_Dict_AddName(font, "Subtype", "Type3");
    HPDF_Array matrix = HPDF_Array_New(pdf->mmgr);
    if (matrix == nullptr || HPDF_Dict_Add(font, "FontMatrix", matrix) != HPDF_OK) return false;
    for (const double entry : {font_matrix_scale, 0.0, 0.0, font_matrix_scale, 0.0, 0.0})
        HPDF_Array_AddReal(matrix, static_cast<HPDF_REAL>(entry));
    // The procedures use no resources; an empty dictionary says so rather
    // than leaving a reader to look in the page's.
    HPDF_Dict resources = HPDF_Dict_New(pdf->mmgr);
    if (resources == nullptr || HPDF_Dict_Add(font, "Resources", resources) != HPDF_OK) return false;
    if (!add_procedure(pdf, procedures, guide_name, fmt::format("{} 0 0 0 0 0 d1\n", guide_width)))
        return false;
    fonts_.push_back({font, procedures, {}, std::nullopt});
    return true;
}

std::optional<OutlineCode> OutlineFonts::code(HPDF_Doc pdf, const layout::OutlineGlyph& glyph,
                                              std::string_view text, bool& drawn) {
    const long width = glyph.size > 0 ? std::lround(glyph.advance / glyph.size * units_per_em) : 0;
    GlyphKey key{glyph.face, glyph.glyph, std::string{text}, width};
    drawn = true;
    if (const auto found = codes_.find(key); found != codes_.end()) return found->second;

    if (fonts_.empty() || fonts_.back().glyphs.size() > last_code - first_code) {
        if (!start_font(pdf)) return std::nullopt;
    }
    Font& font = fonts_.back();
    const unsigned code = first_code + static_cast<unsigned>(font.glyphs.size());

    GlyphProcedure path;
    drawn = font_data_.draw_glyph(glyph.face, glyph.glyph, path) && !path.failed();
    // d1: the glyph is a shape the current fill colour paints, like any
    // text; its box is where a reader may cache it.
    std::string procedure;
    if (drawn && path.started()) {
        procedure = fmt::format("{} 0 {} {} {} {} d1\n{}f\n", width, path.left(), path.bottom(), path.right(),
                                path.top(), path.operators());
        const GlyphBox box{path.left(), path.bottom(), path.right(), path.top()};
        if (!font.box) {
            font.box = box;
        } else {
            font.box = GlyphBox{std::min(font.box->left, box.left), std::min(font.box->bottom, box.bottom),
                                std::max(font.box->right, box.right), std::max(font.box->top, box.top)};
        }
    } else {
        procedure = fmt::format("{} 0 0 0 0 0 d1\n", width);
    }
    if (!add_procedure(pdf, font.procedures, glyph_name(code), procedure)) return std::nullopt;
    font.glyphs.push_back({width, std::string{text}});
    const OutlineCode shown{font.dict, static_cast<unsigned char>(code)};
    codes_.emplace(std::move(key), shown);
    return shown;
}

bool OutlineFonts::finish(HPDF_Doc pdf) {
    for (const Font& font : fonts_) {
        const unsigned last = first_code + static_cast<unsigned>(font.glyphs.size()) - 1;
        HPDF_Dict_AddNumber(font.dict, "FirstChar", guide_code);
        HPDF_Dict_AddNumber(font.dict, "LastChar", static_cast<HPDF_INT32>(last));
        const GlyphBox box = font.box.value_or(GlyphBox{});
        HPDF_Array bounds = number_array(pdf->mmgr, {box.left, box.bottom, box.right, box.top});
        if (bounds == nullptr || HPDF_Dict_Add(font.dict, "FontBBox", bounds) != HPDF_OK) return false;
        // Required of a Type 3 font in a tagged PDF. Its ascent and descent
        // are the glyphs' own: a reader's guess (0.95 and -0.35 em in
        // poppler) made an icon's word box reach into the line above.
        HPDF_Dict descriptor = HPDF_Dict_New(pdf->mmgr);
        if (descriptor == nullptr || HPDF_Xref_Add(pdf->xref, descriptor) != HPDF_OK ||
            HPDF_Dict_Add(font.dict, "FontDescriptor", descriptor) != HPDF_OK)
            return false;
        HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
        HPDF_Dict_AddName(descriptor, "FontName",
                          fmt::format("Outlines{}", &font - fonts_.data() + 1).c_str());
        HPDF_Dict_AddNumber(descriptor, "Flags", symbolic_flag);
        HPDF_Dict_AddNumber(descriptor, "ItalicAngle", 0);
        HPDF_Dict_AddNumber(descriptor, "Ascent", static_cast<HPDF_INT32>(box.top));
        HPDF_Dict_AddNumber(descriptor, "Descent", static_cast<HPDF_INT32>(box.bottom));

        HPDF_Array widths = HPDF_Array_New(pdf->mmgr);
        HPDF_Dict encoding = HPDF_Dict_New(pdf->mmgr);
        HPDF_Array differences = HPDF_Array_New(pdf->mmgr);
        if (widths == nullptr || encoding == nullptr || differences == nullptr) return false;
        if (HPDF_Dict_Add(font.dict, "Widths", widths) != HPDF_OK ||
            HPDF_Dict_Add(font.dict, "Encoding", encoding) != HPDF_OK ||
            HPDF_Dict_Add(encoding, "Differences", differences) != HPDF_OK)
            return false;
        HPDF_Dict_AddName(encoding, "Type", "Encoding");
        HPDF_Array_AddNumber(differences, guide_code);
        HPDF_Array_AddName(differences, guide_name);
        HPDF_Array_AddNumber(widths, guide_width);
        std::vector<std::pair<unsigned, std::string>> texts;
        for (std::size_t index = 0; index < font.glyphs.size(); ++index) {
            const unsigned code = first_code + static_cast<unsigned>(index);
            HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(font.glyphs[index].width));
            HPDF_Array_AddName(differences, glyph_name(code).c_str());
            texts.emplace_back(code, font.glyphs[index].text);
        }

        HPDF_Dict map = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
        if (map == nullptr) return false;
        map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        if (HPDF_Stream_WriteStr(map->stream, to_unicode_cmap(texts).c_str()) != HPDF_OK ||
            HPDF_Dict_Add(font.dict, "ToUnicode", map) != HPDF_OK)
            return false;
    }
    return true;
}

}  // namespace vitae::render
