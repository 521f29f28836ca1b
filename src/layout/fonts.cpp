// The system's fonts: fontconfig turns family names into files, HarfBuzz
// reads, shapes, subsets and draws them. Every C handle is owned by a
// unique_ptr whose deleter is the library's own destroy function.

#include "vitae/layout/fonts.hpp"
#include "vitae/base/ascii.hpp"
#include "vitae/base/utf8.hpp"

#include <fontconfig/fontconfig.h>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include "font_cache.hpp"

#include <array>
#include <climits>
#include <iterator>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>

// fontconfig 2.14.1 leaks 5.7 KB while parsing its configuration (a bare
// FcConfigReference(nullptr) does), so LeakSanitizer would fail every
// sanitizer run of a process that looks up a font. Its frames carry no
// symbols, so the whole library is excused; our own fontconfig handles are
// all owned by unique_ptrs.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}
// Without this, every process prints a table of the suppressions it used,
// and vitae's stderr must hold diagnostics only.
extern "C" const char* __lsan_default_options() {
    return "print_suppressions=0";
}
#endif

namespace vitae::layout {

namespace {

template <auto destroy>
struct Destroy {
    template <typename T>
    void operator()(T* handle) const noexcept {
        destroy(handle);
    }
};

template <typename T, auto destroy>
using Handle = std::unique_ptr<T, Destroy<destroy>>;

using FcConfigHandle = Handle<FcConfig, FcConfigDestroy>;
using FcPatternHandle = Handle<FcPattern, FcPatternDestroy>;
using FcFontSetHandle = Handle<FcFontSet, FcFontSetDestroy>;
using FcObjectSetHandle = Handle<FcObjectSet, FcObjectSetDestroy>;
using HbBlob = Handle<hb_blob_t, hb_blob_destroy>;
using HbFace = Handle<hb_face_t, hb_face_destroy>;
using HbFont = Handle<hb_font_t, hb_font_destroy>;
using HbBuffer = Handle<hb_buffer_t, hb_buffer_destroy>;
using HbSet = Handle<hb_set_t, hb_set_destroy>;
using HbSubsetInput = Handle<hb_subset_input_t, hb_subset_input_destroy>;
using HbDrawFuncs = Handle<hb_draw_funcs_t, hb_draw_funcs_destroy>;
using HbShapePlan = Handle<hb_shape_plan_t, hb_shape_plan_destroy>;

// FaceId is 16 bits wide; a document never comes near this many faces.
constexpr std::size_t max_faces = UINT16_MAX;

constexpr hb_tag_t glyf_table = HB_TAG('g', 'l', 'y', 'f');

constexpr hb_feature_t feature(hb_tag_t tag, bool on) {
    return hb_feature_t{tag, on ? 1U : 0U, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
}

// Kerning on; every ligature and contextual substitution off, so that each
// character keeps a glyph of its own and the PDF's text stays extractable.
constexpr std::array shaping_features{
    feature(HB_TAG('k', 'e', 'r', 'n'), true),  feature(HB_TAG('l', 'i', 'g', 'a'), false),
    feature(HB_TAG('c', 'l', 'i', 'g'), false), feature(HB_TAG('d', 'l', 'i', 'g'), false),
    feature(HB_TAG('c', 'a', 'l', 't'), false),
};

// Tables an embedded subset does not need: libharu embeds only the core
// TrueType tables, and the positions HarfBuzz computed (kerning included)
// are written into the PDF explicitly. Dropping GSUB also keeps its
// substitution closure (ligatures, alternates) out of the glyph set.
constexpr std::array subset_dropped_tables{
    HB_TAG('G', 'S', 'U', 'B'),
    HB_TAG('G', 'P', 'O', 'S'),
    HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('k', 'e', 'r', 'n'),
};

/// OpenType name ids: family (1), subfamily (2), full name (4), PostScript
/// name (6), which libharu reads to name the embedded font.
constexpr std::array<unsigned, 4> kept_name_ids{1, 2, 4, 6};

const FcChar8* fc_string(const std::string& text) {
    return reinterpret_cast<const FcChar8*>(text.c_str());
}

std::optional<std::string> pattern_string(FcPattern* pattern, const char* object, int n = 0) {
    FcChar8* value = nullptr;
    if (FcPatternGetString(pattern, object, n, &value) != FcResultMatch || value == nullptr)
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(value));
}

std::optional<int> pattern_integer(FcPattern* pattern, const char* object) {
    int value = 0;
    if (FcPatternGetInteger(pattern, object, 0, &value) != FcResultMatch) return std::nullopt;
    return value;
}

/// What fontconfig says about one installed face.
struct Candidate {
    std::string family;  ///< the one of its family names that matched the request
    std::string style;
    std::string path;
    int index = 0;
    std::string format;  ///< "TrueType", "CFF", … (empty if fontconfig did not say)
    bool bold = false;
    bool italic = false;
};

/// The family name of `font` that equals `wanted` (fontconfig lists
/// several for many faces: "Lato", "Lato Medium").
std::optional<std::string> matching_family(FcPattern* font, std::string_view wanted) {
    for (int n = 0;; ++n) {
        std::optional<std::string> family = pattern_string(font, FC_FAMILY, n);
        if (!family) return std::nullopt;
        if (equal_ignoring_ascii_case(*family, wanted)) return family;
    }
}

Candidate describe(FcPattern* font, std::string family) {
    Candidate candidate;
    candidate.family = std::move(family);
    candidate.style = pattern_string(font, FC_STYLE).value_or("");
    candidate.path = pattern_string(font, FC_FILE).value_or("");
    // The high 16 bits of FC_INDEX name an instance of a variable font;
    // the face in the file is the low 16 bits.
    candidate.index = pattern_integer(font, FC_INDEX).value_or(0) & 0xFFFF;
    candidate.format = pattern_string(font, FC_FONTFORMAT).value_or("");
    candidate.bold = pattern_integer(font, FC_WEIGHT).value_or(FC_WEIGHT_REGULAR) >= FC_WEIGHT_BOLD;
    candidate.italic = pattern_integer(font, FC_SLANT).value_or(FC_SLANT_ROMAN) != FC_SLANT_ROMAN;
    return candidate;
}

std::string describe_format(const std::string& format) {
    if (format == "CFF") return "an OpenType/CFF file";
    if (format.empty()) return "a non-TrueType file";
    return fmt::format("a {} file", format);
}

/// A face opened with HarfBuzz, at a scale of one unit per font unit so
/// that every value divided by `units_per_em` is in ems.
/// Characters whose glyph ids a face remembers: Latin, with its
/// extensions and combining marks, which is nearly all of a Western CV.
/// The layout asks for a glyph once per character and layout (fitting lays
/// out up to a dozen times); HarfBuzz's cmap lookup costs ~150 instructions.
constexpr char32_t remembered_glyph_limit = 0x0370;

struct LoadedFace {
    FaceInfo info;
    HbFace face;
    HbFont font;
    double units_per_em = 1;
    /// Glyph ids of the characters below remembered_glyph_limit, filled as
    /// they are asked for.
    mutable std::array<std::optional<std::optional<std::uint32_t>>, remembered_glyph_limit> glyphs;
    /// Shape plans by script, direction and language. hb_shape finds its
    /// cached plan anew at every call, recomputing the plan's key (feature
    /// variations of GSUB and GPOS): ~3,600 instructions per word.
    mutable std::map<std::tuple<hb_script_t, hb_direction_t, hb_language_t>, HbShapePlan> plans;

    /// The plan for text with these properties, made the first time.
    [[nodiscard]] hb_shape_plan_t* plan_for(const hb_segment_properties_t& properties) const {
        auto& plan = plans[{properties.script, properties.direction, properties.language}];
        if (!plan) {
            plan.reset(hb_shape_plan_create_cached(face.get(), &properties, shaping_features.data(),
                                                   static_cast<unsigned>(shaping_features.size()), nullptr));
        }
        return plan.get();
    }

    [[nodiscard]] std::optional<std::uint32_t> glyph_for(char32_t code_point) const {
        const auto look_up = [&]() -> std::optional<std::uint32_t> {
            hb_codepoint_t glyph = 0;
            if (!hb_font_get_nominal_glyph(font.get(), code_point, &glyph)) return std::nullopt;
            return glyph;
        };
        if (code_point >= remembered_glyph_limit) return look_up();
        auto& remembered = glyphs[code_point];
        if (!remembered) remembered = look_up();
        return *remembered;
    }
};

double em_metric(hb_font_t* font, hb_ot_metrics_tag_t tag, double units_per_em) {
    hb_position_t position = 0;
    hb_ot_metrics_get_position_with_fallback(font, tag, &position);
    return position / units_per_em;
}

bool has_table(hb_face_t* face, hb_tag_t tag) {
    const HbBlob table{hb_face_reference_table(face, tag)};
    return hb_blob_get_length(table.get()) > 0;
}

/// The face's PostScript name from its `name` table, or nothing.
std::string postscript_name(hb_face_t* face) {
    constexpr unsigned longest = 64;  // the OpenType spec's limit for name ID 6 is 63 characters
    std::array<char, longest + 1> name{};
    unsigned size = name.size();
    const unsigned length =
        hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name.data());
    if (length == 0 || length > longest) return {};  // none, or cut short
    return std::string{name.data(), size};
}

/// Opens a face, or nothing if HarfBuzz cannot read the file (a bitmap
/// format, a missing file: HarfBuzz then gives an empty face).
std::unique_ptr<LoadedFace> open_face(const Candidate& candidate) {
    const HbBlob blob{hb_blob_create_from_file_or_fail(candidate.path.c_str())};
    if (!blob) return nullptr;
    auto loaded = std::make_unique<LoadedFace>();
    loaded->face.reset(hb_face_create(blob.get(), static_cast<unsigned>(candidate.index)));
    if (hb_face_get_glyph_count(loaded->face.get()) == 0) return nullptr;
    loaded->font.reset(hb_font_create(loaded->face.get()));
    const unsigned units_per_em = hb_face_get_upem(loaded->face.get());
    // hb_font_create's default, made explicit: every division by
    // units_per_em below relies on it.
    hb_font_set_scale(loaded->font.get(), static_cast<int>(units_per_em), static_cast<int>(units_per_em));
    loaded->units_per_em = units_per_em;

    FaceInfo& info = loaded->info;
    info.family = candidate.family;
    info.style = candidate.style;
    info.path = candidate.path;
    info.postscript_name = postscript_name(loaded->face.get());
    info.index = candidate.index;
    info.bold = candidate.bold;
    info.italic = candidate.italic;
    info.embeddable = has_table(loaded->face.get(), glyf_table);
    hb_font_t* font = loaded->font.get();
    // The typographic ascender of some faces (Lato: 0.805 em) is lower than
    // their accented capitals and than the ascent a PDF viewer is told
    // (0.987 em): lines are spaced by the larger clipping extents, so no
    // glyph box reaches into the line above or the page margin.
    info.ascender =
        std::max(em_metric(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, loaded->units_per_em),
                 em_metric(font, HB_OT_METRICS_TAG_HORIZONTAL_CLIPPING_ASCENT, loaded->units_per_em));
    info.descender =
        std::min(em_metric(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, loaded->units_per_em),
                 -em_metric(font, HB_OT_METRICS_TAG_HORIZONTAL_CLIPPING_DESCENT, loaded->units_per_em));
    info.line_gap = em_metric(font, HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP, loaded->units_per_em);
    return loaded;
}

// Outline drawing: HarfBuzz calls these with font units, y up; the sink
// wants ems and cubic curves only (PDF has no quadratic operator).
struct OutlineDrawing {
    OutlineSink* sink = nullptr;
    double units_per_em = 1;
    bool drew_anything = false;
};

OutlineDrawing& drawing_of(void* draw_data) {
    return *static_cast<OutlineDrawing*>(draw_data);
}

void draw_move_to(hb_draw_funcs_t*, void* draw_data, hb_draw_state_t*, float x, float y, void*) {
    OutlineDrawing& drawing = drawing_of(draw_data);
    drawing.drew_anything = true;
    drawing.sink->move_to(x / drawing.units_per_em, y / drawing.units_per_em);
}

void draw_line_to(hb_draw_funcs_t*, void* draw_data, hb_draw_state_t*, float x, float y, void*) {
    OutlineDrawing& drawing = drawing_of(draw_data);
    drawing.sink->line_to(x / drawing.units_per_em, y / drawing.units_per_em);
}

void draw_cubic_to(hb_draw_funcs_t*, void* draw_data, hb_draw_state_t*, float x1, float y1, float x2,
                   float y2, float x, float y, void*) {
    OutlineDrawing& drawing = drawing_of(draw_data);
    const double em = drawing.units_per_em;
    drawing.sink->cubic_to(x1 / em, y1 / em, x2 / em, y2 / em, x / em, y / em);
}

// A quadratic from p0 through control q to p is exactly the cubic with
// controls p0 + 2/3 (q - p0) and p + 2/3 (q - p).
void draw_quadratic_to(hb_draw_funcs_t* funcs, void* draw_data, hb_draw_state_t* state, float control_x,
                       float control_y, float x, float y, void* user_data) {
    constexpr float two_thirds = 2.0F / 3.0F;
    const float x0 = state->current_x;
    const float y0 = state->current_y;
    draw_cubic_to(funcs, draw_data, state, x0 + two_thirds * (control_x - x0),
                  y0 + two_thirds * (control_y - y0), x + two_thirds * (control_x - x),
                  y + two_thirds * (control_y - y), x, y, user_data);
}

void draw_close_path(hb_draw_funcs_t*, void* draw_data, hb_draw_state_t*, void*) {
    drawing_of(draw_data).sink->close();
}

HbDrawFuncs make_outline_funcs() {
    HbDrawFuncs funcs{hb_draw_funcs_create()};
    hb_draw_funcs_set_move_to_func(funcs.get(), draw_move_to, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(funcs.get(), draw_line_to, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(funcs.get(), draw_quadratic_to, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(funcs.get(), draw_cubic_to, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(funcs.get(), draw_close_path, nullptr, nullptr);
    hb_draw_funcs_make_immutable(funcs.get());
    return funcs;
}

/// The answer to one request, kept so that asking again costs nothing and
/// fails the same way.
struct Resolution {
    std::optional<FaceId> face;
    std::string failure;
};

/// family (lowercase), bold, italic, embeddable
using RequestKey = std::tuple<std::string, bool, bool, bool>;

}  // namespace

struct SystemFonts::Impl {
    // The process's current configuration, referenced so it outlives us
    // even if someone else reloads it.
    // Started on the first lookup the cache cannot answer: starting it is
    // the most expensive part of a small build.
    FcConfigHandle config;
    bool config_started = false;
    detail::FontCache cache{detail::FontCache::default_location()};

    FcConfig* fontconfig() {
        if (!config_started) {
            config.reset(FcConfigReference(nullptr));
            config_started = true;
        }
        return config.get();
    }

    /// A face the cache remembers for the request, opened again.
    std::optional<Resolution> from_cache(const RequestKey& key, const FontRequest& request) {
        const std::optional<detail::CachedFace> cached = cache.find(key);
        if (!cached) return std::nullopt;
        const Candidate candidate{
            cached->family, cached->style, cached->path, cached->index, request.embeddable ? "TrueType" : "",
            cached->bold,   cached->italic};
        const std::optional<FaceId> id = open(candidate);
        if (!id || (request.embeddable && !faces[*id]->info.embeddable)) return std::nullopt;
        return Resolution{id, {}};
    }

    void remember(const RequestKey& key, FaceId id) {
        const FaceInfo& info = faces[id]->info;
        cache.remember(key, {info.family, info.style, info.path, info.index, info.bold, info.italic});
    }
    // Behind pointers: face() hands out references that must survive
    // later find_face calls growing the vector.
    std::vector<std::unique_ptr<LoadedFace>> faces;
    std::map<RequestKey, Resolution> resolutions;
    std::map<std::pair<std::string, int>, FaceId> face_by_file;
    std::string last_failure;
    // Reused by every shape call: HarfBuzz keeps its allocation.
    HbBuffer buffer{hb_buffer_create()};
    // Words repeat ("the", author names, venues): shaping each (face, text)
    // once took the layout of a 1,000-publication CV from 1.1 to ~0.3
    // billion instructions. Keyed by the face id's bytes, then the text.
    std::unordered_map<std::string, std::vector<ShapedGlyph>> shaped;
    HbDrawFuncs outline_funcs{make_outline_funcs()};

    [[nodiscard]] const LoadedFace* loaded(FaceId face) const {
        return face < faces.size() ? faces[face].get() : nullptr;
    }

    /// The id of the candidate's face, opening it the first time; nothing
    /// if HarfBuzz cannot read it.
    std::optional<FaceId> open(const Candidate& candidate) {
        const auto file = std::make_pair(candidate.path, candidate.index);
        if (auto known = face_by_file.find(file); known != face_by_file.end()) return known->second;
        if (faces.size() >= max_faces) return std::nullopt;
        std::unique_ptr<LoadedFace> face = open_face(candidate);
        if (!face) return std::nullopt;
        const auto id = static_cast<FaceId>(faces.size());
        faces.push_back(std::move(face));
        face_by_file.emplace(file, id);
        return id;
    }

    Resolution resolve(const FontRequest& request) {
        const std::string quoted = fmt::format("'{}'", request.family);
        if (!fontconfig()) {
            return {std::nullopt,
                    fmt::format("cannot look up font {}: fontconfig did not initialise", quoted)};
        }
        const FcPatternHandle pattern{FcPatternCreate()};
        FcPatternAddString(pattern.get(), FC_FAMILY, fc_string(request.family));
        FcPatternAddInteger(pattern.get(), FC_WEIGHT, request.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddInteger(pattern.get(), FC_SLANT, request.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
        FcConfigSubstitute(fontconfig(), pattern.get(), FcMatchPattern);
        FcDefaultSubstitute(pattern.get());
        // No trimming: trimming drops faces that add no characters to the
        // ones before, such as a family's TrueType file sorted after its
        // CFF twin — the very face an embeddable request needs.
        // Only the family's own fonts are sorted by closeness of style:
        // sorting every installed font for each request cost more than the
        // rest of the lookup (a tenth of a one-page build).
        const FcPatternHandle family_pattern{FcPatternCreate()};
        FcPatternAddString(family_pattern.get(), FC_FAMILY, fc_string(request.family));
        const FcObjectSetHandle properties{FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_INDEX, FC_WEIGHT,
                                                            FC_SLANT, FC_FONTFORMAT, nullptr)};
        const FcFontSetHandle listed{FcFontList(fontconfig(), family_pattern.get(), properties.get())};
        FcResult result = FcResultNoMatch;
        FcFontSet* family_fonts[] = {listed.get()};
        const FcFontSetHandle sorted{
            listed && listed->nfont > 0
                ? FcFontSetSort(fontconfig(), family_fonts, 1, pattern.get(), FcFalse, nullptr, &result)
                : nullptr};
        if (!sorted || sorted->nfont == 0) return {std::nullopt, not_installed(quoted, pattern.get())};

        // Candidates come best first: the family, then the closest style.
        std::optional<Candidate> non_truetype;
        std::string non_truetype_kind;  // "an OpenType/CFF file", …
        std::optional<Candidate> unreadable;
        for (int i = 0; i < sorted->nfont; ++i) {
            FcPattern* font = sorted->fonts[i];
            std::optional<std::string> family = matching_family(font, request.family);
            if (!family) continue;
            Candidate candidate = describe(font, std::move(*family));
            if (request.embeddable && !candidate.format.empty() && candidate.format != "TrueType") {
                if (!non_truetype) {
                    non_truetype_kind = describe_format(candidate.format);
                    non_truetype = std::move(candidate);
                }
                continue;
            }
            const std::optional<FaceId> id = open(candidate);
            if (!id) {
                if (!unreadable) unreadable = std::move(candidate);
                continue;
            }
            // fontconfig calls some outline-less files TrueType too (colour
            // bitmap fonts): what counts is the glyf table.
            if (request.embeddable && !faces[*id]->info.embeddable) {
                if (!non_truetype) {
                    non_truetype_kind = candidate.format == "TrueType"
                                            ? "a TrueType file without glyf outlines"
                                            : describe_format(candidate.format);
                    non_truetype = std::move(candidate);
                }
                continue;
            }
            return {id, {}};
        }

        if (non_truetype) {
            return {std::nullopt,
                    fmt::format("only {} is installed for {} ({}); vitae needs TrueType to embed it",
                                non_truetype_kind, quoted, non_truetype->path)};
        }
        if (unreadable) {
            return {std::nullopt,
                    fmt::format("the font file for {} cannot be read ({})", quoted, unreadable->path)};
        }
        return {std::nullopt, not_installed(quoted, pattern.get())};
    }

    /// "not installed", naming what fontconfig would substitute, so a user
    /// sees that it did not silently fall back.
    std::string not_installed(const std::string& quoted_family, FcPattern* pattern) {
        std::string failure = fmt::format("font family {} is not installed", quoted_family);
        FcResult result = FcResultNoMatch;
        const FcPatternHandle offered{FcFontMatch(fontconfig(), pattern, &result)};
        if (offered) {
            if (std::optional<std::string> family = pattern_string(offered.get(), FC_FAMILY)) {
                fmt::format_to(std::back_inserter(failure), " (fontconfig offers {})", *family);
            }
        }
        return failure;
    }
};

SystemFonts::SystemFonts() : impl_(std::make_unique<Impl>()) {}

SystemFonts::~SystemFonts() = default;

std::optional<FaceId> SystemFonts::find_face(const FontRequest& request) {
    RequestKey key{ascii_lowercase(request.family), request.bold, request.italic, request.embeddable};
    auto known = impl_->resolutions.find(key);
    if (known == impl_->resolutions.end()) {
        std::optional<Resolution> resolution = impl_->from_cache(key, request);
        if (!resolution) {
            resolution = impl_->resolve(request);
            if (resolution->face) impl_->remember(key, *resolution->face);
        }
        known = impl_->resolutions.emplace(std::move(key), std::move(*resolution)).first;
    }
    impl_->last_failure = known->second.failure;
    return known->second.face;
}

const FaceInfo& SystemFonts::face(FaceId face) const {
    const LoadedFace* loaded = impl_->loaded(face);
    if (loaded == nullptr) throw std::out_of_range(fmt::format("no font face with id {}", face));
    return loaded->info;
}

bool SystemFonts::has_glyph(FaceId face, char32_t code_point) const {
    return glyph_for(face, code_point).has_value();
}

std::optional<std::uint32_t> SystemFonts::glyph_for(FaceId face, char32_t code_point) const {
    const LoadedFace* loaded = impl_->loaded(face);
    if (loaded == nullptr) return std::nullopt;
    return loaded->glyph_for(code_point);
}

namespace {

/// PDF glyph space: widths are given in thousandths of an em.
constexpr double pdf_glyph_units = 1000;
/// Kerning smaller than this is dropped: 0.005 em is 0.05 pt at 10 pt, under
/// half a dot of a 600-dpi printer (0.12 pt), yet each kerned pair costs the
/// PDF a repositioning. Lato's class kerning has many such pairs.
constexpr double smallest_visible_kerning = 0.005;

}  // namespace

std::vector<ShapedGlyph> SystemFonts::shape(FaceId face, std::string_view text) const {
    return shape_directed(face, text, false);
}

std::vector<ShapedGlyph> SystemFonts::shape_directed(FaceId face, std::string_view text,
                                                     bool right_to_left) const {
    std::string key(sizeof face, '\0');
    std::memcpy(key.data(), &face, sizeof face);
    key += right_to_left ? 'r' : 'l';
    key += text;
    if (const auto cached = impl_->shaped.find(key); cached != impl_->shaped.end()) return cached->second;
    std::vector<ShapedGlyph> glyphs = shape_uncached(face, text, right_to_left);
    impl_->shaped.emplace(std::move(key), glyphs);
    return glyphs;
}

std::vector<ShapedGlyph> SystemFonts::shape_uncached(FaceId face, std::string_view text,
                                                     bool right_to_left) const {
    const LoadedFace* loaded = impl_->loaded(face);
    if (loaded == nullptr || text.empty() || text.size() > static_cast<std::size_t>(INT_MAX)) return {};
    hb_buffer_t* buffer = impl_->buffer.get();
    hb_buffer_clear_contents(buffer);
    // A combining mark keeps its own cluster instead of its base's, so a
    // glyph's text is exactly the characters it came from.
    hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    const int length = static_cast<int>(text.size());
    hb_buffer_add_utf8(buffer, text.data(), length, 0, length);
    // The script and language guessed; the direction is the text's level's
    // (bidi.hpp), not its script's: digits in Arabic text read left to right.
    hb_buffer_guess_segment_properties(buffer);
    hb_buffer_set_direction(buffer, right_to_left ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_segment_properties_t properties;
    hb_buffer_get_segment_properties(buffer, &properties);
    if (!hb_shape_plan_execute(loaded->plan_for(properties), loaded->font.get(), buffer,
                               shaping_features.data(), static_cast<unsigned>(shaping_features.size()))) {
        return {};
    }

    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
    const double em = loaded->units_per_em;
    std::vector<ShapedGlyph> glyphs;
    glyphs.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        ShapedGlyph& glyph = glyphs.emplace_back();
        glyph.glyph = infos[i].codepoint;
        glyph.cluster = infos[i].cluster;
        // Advances are kept on the grid of PDF glyph widths: thousandths of
        // an em, rounded down as the PDF writer rounds the widths it embeds.
        // Layout positions then agree with where a PDF viewer advances, and
        // a run of text needs no repositioning but at real kerning pairs.
        const hb_position_t own_advance = hb_font_get_glyph_h_advance(loaded->font.get(), infos[i].codepoint);
        const double nominal = std::floor(own_advance * pdf_glyph_units / em) / pdf_glyph_units;
        const double kerning =
            std::round((positions[i].x_advance - own_advance) * pdf_glyph_units / em) / pdf_glyph_units;
        glyph.nominal_advance = nominal;
        glyph.advance = std::abs(kerning) < smallest_visible_kerning ? nominal : nominal + kerning;
        glyph.x_offset = positions[i].x_offset / em;
        glyph.y_offset = positions[i].y_offset / em;
    }
    return glyphs;
}

std::optional<std::string> SystemFonts::subset(FaceId face, const std::vector<char32_t>& code_points) const {
    const LoadedFace* loaded = impl_->loaded(face);
    if (loaded == nullptr || !loaded->info.embeddable) return std::nullopt;
    const HbSubsetInput input{hb_subset_input_create_or_fail()};
    if (!input) return std::nullopt;
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (const char32_t code_point : code_points) hb_set_add(unicodes, code_point);
    hb_set_t* dropped_tables = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const hb_tag_t table : subset_dropped_tables) hb_set_add(dropped_tables, table);
    // Of the names, only those that identify the face: copyright, version,
    // vendor and designer strings would add ~0.5 KB per face for no reader.
    hb_set_t* name_ids = hb_subset_input_set(input.get(), HB_SUBSET_SETS_NAME_ID);
    hb_set_clear(name_ids);
    for (const unsigned name_id : kept_name_ids) hb_set_add(name_ids, name_id);
    // Glyph ids are renumbered (no RETAIN_GIDS: a smaller file), so the
    // subset's ids differ from shape()'s: embed it through its own cmap.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);

    const HbFace subset_face{hb_subset_or_fail(loaded->face.get(), input.get())};
    if (!subset_face) return std::nullopt;
    const HbBlob bytes{hb_face_reference_blob(subset_face.get())};
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    if (data == nullptr || length == 0) return std::nullopt;
    return std::string(data, length);
}

std::optional<TypeReach> SystemFonts::glyph_ink(FaceId face, std::uint32_t glyph) const {
    const LoadedFace* loaded = impl_->loaded(face);
    hb_glyph_extents_t extents{};
    if (loaded == nullptr || hb_font_get_glyph_extents(loaded->font.get(), glyph, &extents) == 0)
        return std::nullopt;
    // y_bearing is the top, height negative (y up).
    return TypeReach{extents.y_bearing / loaded->units_per_em,
                     -(extents.y_bearing + extents.height) / loaded->units_per_em};
}

TypeReach ink_of(const FontProvider& fonts, FaceId face, const std::vector<ShapedGlyph>& glyphs,
                 double size) {
    TypeReach ink;
    for (const ShapedGlyph& glyph : glyphs) {
        const std::optional<TypeReach> reach = fonts.glyph_ink(face, glyph.glyph);
        if (!reach) continue;
        ink.ascent = std::max(ink.ascent, (reach->ascent + glyph.y_offset) * size);
        ink.descent = std::max(ink.descent, (reach->descent - glyph.y_offset) * size);
    }
    return ink;
}

bool SystemFonts::draw_glyph(FaceId face, std::uint32_t glyph, OutlineSink& sink) const {
    const LoadedFace* loaded = impl_->loaded(face);
    if (loaded == nullptr) return false;
    OutlineDrawing drawing{&sink, loaded->units_per_em};
    hb_font_get_glyph_shape(loaded->font.get(), glyph, impl_->outline_funcs.get(), &drawing);
    if (drawing.drew_anything) return true;
    // A glyph with no ink (a space, a joiner in Persian text) is drawn by
    // drawing nothing.
    hb_glyph_extents_t extents{};
    return glyph < hb_face_get_glyph_count(loaded->face.get()) &&
           hb_font_get_glyph_extents(loaded->font.get(), glyph, &extents) && extents.width == 0 &&
           extents.height == 0;
}

const std::string& SystemFonts::last_failure() const {
    return impl_->last_failure;
}

std::optional<char32_t> composed_character(std::string_view text) {
    std::size_t offset = 0;
    if (text.empty()) return std::nullopt;
    hb_codepoint_t composed = utf8::next(text, offset);
    if (offset == text.size()) return std::nullopt;  // a single character composes nothing
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    std::vector<hb_codepoint_t> marks;
    while (offset < text.size()) marks.push_back(utf8::next(text, offset));
    // Marks compose in canonical order (by combining class), as shaping
    // puts them: "e" U+0302 U+0323 is "ệ" too.
    std::stable_sort(marks.begin(), marks.end(), [unicode](hb_codepoint_t left, hb_codepoint_t right) {
        return hb_unicode_combining_class(unicode, left) < hb_unicode_combining_class(unicode, right);
    });
    for (const hb_codepoint_t mark : marks) {
        hb_codepoint_t pair = 0;
        if (!hb_unicode_compose(unicode, composed, mark, &pair)) return std::nullopt;
        composed = pair;
    }
    return static_cast<char32_t>(composed);
}

// --- family names -------------------------------------------------------

namespace {

/// Words in the names of serif families (and of the Times and Garamond
/// look-alikes), lower case. A family whose name also says "sans" is not
/// serif, whatever else it says ("Sans Serif").
constexpr std::array<std::string_view, 19> serif_name_parts{
    "serif",   "times",     "roman",        "garamond", "georgia", "baskerville", "palatino",
    "pagella", "termes",    "cambria",      "caslon",   "bodoni",  "didot",       "minion",
    "charter", "libertine", "merriweather", "crimson",  "tinos",
};

}  // namespace

bool is_serif_family(std::string_view family) {
    const std::string lower = ascii_lowercase(family);
    if (lower.find("sans") != std::string::npos) return false;
    return std::any_of(serif_name_parts.begin(), serif_name_parts.end(),
                       [&](std::string_view part) { return lower.find(part) != std::string::npos; });
}

}  // namespace vitae::layout
