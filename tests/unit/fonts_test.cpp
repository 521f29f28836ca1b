// SystemFonts against the fonts installed on this machine (fonts-lato,
// fonts-dejavu-core, fonts-symbola, fonts-font-awesome). The subset checks
// reload the bytes with HarfBuzz itself: libharu may only be included by
// the PDF backend.

#include <harfbuzz/hb.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "vitae/layout/fonts.hpp"
#include "vitae/model/model.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using vitae::layout::FaceId;
using vitae::layout::FontRequest;
using vitae::layout::SystemFonts;

namespace {

FaceId require_face(SystemFonts& fonts, const FontRequest& request) {
    const std::optional<FaceId> face = fonts.find_face(request);
    INFO("family '" << request.family << "': " << fonts.last_failure());
    REQUIRE(face.has_value());
    return *face;
}

FontRequest lato(bool bold = false, bool italic = false) {
    return FontRequest{"Lato", bold, italic, true};
}

FontRequest outlines_only(std::string family) {
    return FontRequest{std::move(family), false, false, false};
}

/// Records an outline's commands and the box around its points.
class OutlineRecorder final : public vitae::layout::OutlineSink {
public:
    int moves = 0;
    int lines = 0;
    int cubics = 0;
    int closes = 0;
    int raised_quadratics = 0;  ///< cubics whose controls are 2/3 of the way to one quadratic control
    double min_x = std::numeric_limits<double>::max();
    double min_y = std::numeric_limits<double>::max();
    double max_x = std::numeric_limits<double>::lowest();
    double max_y = std::numeric_limits<double>::lowest();

    void move_to(double x, double y) override {
        ++moves;
        include(x, y);
    }
    void line_to(double x, double y) override {
        ++lines;
        include(x, y);
    }
    void cubic_to(double x1, double y1, double x2, double y2, double x, double y) override {
        ++cubics;
        // A quadratic p0 q p raised to a cubic has c1 = p0 + 2/3 (q - p0)
        // and c2 = p + 2/3 (q - p): both give back the same q.
        const double from_start_x = current_x_ + 1.5 * (x1 - current_x_);
        const double from_start_y = current_y_ + 1.5 * (y1 - current_y_);
        const double from_end_x = x + 1.5 * (x2 - x);
        const double from_end_y = y + 1.5 * (y2 - y);
        constexpr double tolerance = 1e-4;  // ems; the callbacks pass floats
        if (std::abs(from_start_x - from_end_x) < tolerance &&
            std::abs(from_start_y - from_end_y) < tolerance) {
            ++raised_quadratics;
        }
        include(x1, y1);
        include(x2, y2);
        include(x, y);
    }
    void close() override { ++closes; }

private:
    double current_x_ = 0;
    double current_y_ = 0;

    void include(double x, double y) {
        current_x_ = x;
        current_y_ = y;
        min_x = std::min(min_x, x);
        min_y = std::min(min_y, y);
        max_x = std::max(max_x, x);
        max_y = std::max(max_y, y);
    }
};

struct HbBlobDestroy {
    void operator()(hb_blob_t* blob) const { hb_blob_destroy(blob); }
};
struct HbFaceDestroy {
    void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct HbFontDestroy {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};

std::string tag_name(hb_tag_t tag) {
    char name[5] = {};
    hb_tag_to_string(tag, name);
    return name;
}

bool face_has_table(hb_face_t* face, hb_tag_t tag) {
    const std::unique_ptr<hb_blob_t, HbBlobDestroy> table{hb_face_reference_table(face, tag)};
    return hb_blob_get_length(table.get()) > 0;
}

}  // namespace

TEST_CASE("Lato's styles resolve to their own files, the same id each time", "[fonts]") {
    SystemFonts fonts;
    const FaceId regular = require_face(fonts, lato());
    const FaceId bold = require_face(fonts, lato(true));
    const FaceId italic = require_face(fonts, lato(false, true));
    const FaceId bold_italic = require_face(fonts, lato(true, true));

    CHECK_THAT(fonts.face(regular).path, EndsWith("/Lato-Regular.ttf"));
    CHECK_THAT(fonts.face(bold).path, EndsWith("/Lato-Bold.ttf"));
    CHECK_THAT(fonts.face(italic).path, EndsWith("/Lato-Italic.ttf"));
    CHECK_THAT(fonts.face(bold_italic).path, EndsWith("/Lato-BoldItalic.ttf"));
    CHECK(fonts.face(regular).family == "Lato");
    CHECK_FALSE(fonts.face(regular).bold);
    CHECK_FALSE(fonts.face(regular).italic);
    CHECK(fonts.face(bold).bold);
    CHECK_FALSE(fonts.face(bold).italic);
    CHECK(fonts.face(italic).italic);
    CHECK_FALSE(fonts.face(italic).bold);
    CHECK(fonts.face(regular).embeddable);

    CHECK(fonts.find_face(lato()) == regular);
    CHECK(fonts.find_face(lato(true)) == bold);
    CHECK(fonts.find_face(FontRequest{"lato", false, true, true}) == italic);  // family case does not matter
    CHECK(fonts.last_failure().empty());
}

TEST_CASE("requests that resolve to the same file share its face", "[fonts]") {
    SystemFonts fonts;
    const FaceId embeddable = require_face(fonts, lato());
    const vitae::layout::FaceInfo& info = fonts.face(embeddable);
    const FaceId any_outline = require_face(fonts, outlines_only("Lato"));
    CHECK(any_outline == embeddable);
    // References from face() stay valid while more faces are opened.
    for (const char* family : {"DejaVu Sans", "DejaVu Serif", "Symbola"}) {
        (void)require_face(fonts, FontRequest{family, true, true, true});
    }
    CHECK_THAT(info.path, EndsWith("/Lato-Regular.ttf"));
}

TEST_CASE("an unknown family is not installed, whatever fontconfig offers instead", "[fonts]") {
    SystemFonts fonts;
    CHECK_FALSE(fonts.find_face(FontRequest{"No Such Family 123"}).has_value());
    CHECK_THAT(fonts.last_failure(), Contains("font family 'No Such Family 123' is not installed"));
    CHECK_THAT(fonts.last_failure(), Contains("fontconfig offers"));
    // Asking again fails the same way, and a success then clears the reason.
    CHECK_FALSE(fonts.find_face(FontRequest{"No Such Family 123"}).has_value());
    CHECK_THAT(fonts.last_failure(), Contains("'No Such Family 123'"));
    (void)require_face(fonts, lato());
    CHECK(fonts.last_failure().empty());
}

TEST_CASE("an embeddable FontAwesome is its TrueType file, never the CFF one", "[fonts]") {
    SystemFonts fonts;
    const std::optional<FaceId> embeddable = fonts.find_face(FontRequest{"FontAwesome"});
    // Debian's fonts-font-awesome installs both files, the CFF one sorted first.
    if (std::filesystem::exists("/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf")) {
        REQUIRE(embeddable.has_value());
    }
    if (embeddable) {
        CHECK_THAT(fonts.face(*embeddable).path, EndsWith(".ttf"));
        CHECK(fonts.face(*embeddable).embeddable);
    } else {
        CHECK_THAT(fonts.last_failure(),
                   Contains("only an OpenType/CFF file is installed for 'FontAwesome'") &&
                       Contains("vitae needs TrueType to embed it"));
    }
    // For outlines alone either file will do.
    const FaceId outlines = require_face(fonts, outlines_only("FontAwesome"));
    CHECK(fonts.face(outlines).family == "FontAwesome");
}

TEST_CASE("a family installed only as CFF cannot be embedded but can be drawn", "[fonts]") {
    SystemFonts fonts;  // Latin Modern comes from fonts-lmodern as .otf files only
    CHECK_FALSE(fonts.find_face(FontRequest{"Latin Modern Roman"}).has_value());
    CHECK_THAT(fonts.last_failure(),
               Contains("only an OpenType/CFF file is installed for 'Latin Modern Roman' (/") &&
                   Contains(".otf); vitae needs TrueType to embed it"));

    const FaceId outlines = require_face(fonts, outlines_only("Latin Modern Roman"));
    CHECK_FALSE(fonts.face(outlines).embeddable);
    CHECK_FALSE(fonts.subset(outlines, {U'A'}).has_value());
    const std::optional<std::uint32_t> glyph = fonts.glyph_for(outlines, U'S');
    REQUIRE(glyph.has_value());
    OutlineRecorder outline;
    CHECK(fonts.draw_glyph(outlines, *glyph, outline));
    CHECK(outline.cubics > 0);  // CFF curves are cubic already
}

TEST_CASE("glyph coverage comes from the face's cmap", "[fonts]") {
    SystemFonts fonts;
    const FaceId regular = require_face(fonts, lato());
    const FaceId symbola = require_face(fonts, FontRequest{"Symbola"});
    const FaceId dejavu = require_face(fonts, FontRequest{"DejaVu Sans"});

    CHECK(fonts.has_glyph(regular, U'A'));
    CHECK(fonts.has_glyph(regular, U'\u00E9'));
    CHECK_FALSE(fonts.has_glyph(regular, U'\U0001F31F'));
    CHECK(fonts.has_glyph(symbola, U'\U0001F31F'));
    CHECK(fonts.has_glyph(symbola, U'\U0001F3E0'));
    CHECK(fonts.has_glyph(dejavu, U'\u2709'));
    CHECK(fonts.has_glyph(dejavu, U'\u2022'));

    const std::optional<std::uint32_t> glyph = fonts.glyph_for(regular, U'A');
    REQUIRE(glyph.has_value());
    CHECK(*glyph != 0);
    CHECK_FALSE(fonts.glyph_for(regular, U'\U0001F31F').has_value());
}

TEST_CASE("unknown face ids have no glyphs and no info", "[fonts]") {
    SystemFonts fonts;
    const FaceId unknown = 42;
    CHECK_FALSE(fonts.has_glyph(unknown, U'A'));
    CHECK(fonts.shape(unknown, "A").empty());
    CHECK_FALSE(fonts.subset(unknown, {U'A'}).has_value());
    CHECK_THROWS_AS(fonts.face(unknown), std::out_of_range);
}

TEST_CASE("shaping kerns but never ligates", "[fonts]") {
    SystemFonts fonts;
    const FaceId regular = require_face(fonts, lato());

    SECTION("AV is kerned") {
        const auto glyphs = fonts.shape(regular, "AV");
        REQUIRE(glyphs.size() == 2);
        CHECK(glyphs[0].cluster == 0);
        CHECK(glyphs[1].cluster == 1);
        CHECK(glyphs[0].glyph == fonts.glyph_for(regular, U'A'));
        CHECK(glyphs[0].nominal_advance > 0.5);
        CHECK(glyphs[0].advance < glyphs[0].nominal_advance);
        CHECK(glyphs[1].advance == glyphs[1].nominal_advance);
    }
    SECTION("fi stays two glyphs") {
        const auto glyphs = fonts.shape(regular, "fi");
        REQUIRE(glyphs.size() == 2);
        CHECK(glyphs[0].glyph == fonts.glyph_for(regular, U'f'));
        CHECK(glyphs[1].glyph == fonts.glyph_for(regular, U'i'));
        CHECK(glyphs[1].cluster == 1);
    }
    SECTION("a precomposed é is one glyph") {
        const auto glyphs = fonts.shape(regular, "\u00E9");
        REQUIRE(glyphs.size() == 1);
        CHECK(glyphs[0].cluster == 0);
        CHECK(glyphs[0].glyph == fonts.glyph_for(regular, U'\u00E9'));
    }
    SECTION("clusters are byte offsets") {
        const auto glyphs = fonts.shape(regular, "\u00E9t\u00E9");
        REQUIRE(glyphs.size() == 3);
        CHECK(glyphs[0].cluster == 0);
        CHECK(glyphs[1].cluster == 2);
        CHECK(glyphs[2].cluster == 3);
    }
}

TEST_CASE("shaping many short strings completes", "[fonts]") {
    SystemFonts fonts;
    const FaceId regular = require_face(fonts, lato());
    const FaceId bold = require_face(fonts, lato(true));
    constexpr int runs = 10'000;
    std::size_t glyph_count = 0;
    for (int i = 0; i < runs; ++i) {
        const std::string text = "Run " + std::to_string(i);
        glyph_count += fonts.shape(i % 2 == 0 ? regular : bold, text).size();
        glyph_count -= text.size();
    }
    CHECK(glyph_count == 0);
}

TEST_CASE("Lato's vertical metrics are plausible", "[fonts]") {
    SystemFonts fonts;
    const vitae::layout::FaceInfo& info = fonts.face(require_face(fonts, lato()));
    CHECK(info.ascender > 0.7);
    CHECK(info.ascender < 1.1);
    CHECK(info.descender > -0.4);
    CHECK(info.descender < -0.1);
    CHECK(info.line_gap >= 0);
}

TEST_CASE("a face taller than its lines takes its lines' height from its glyphs' ink", "[fonts]") {
    SystemFonts fonts;
    constexpr double line_height = 1.2;  // the serif styles'
    const FaceId amiri = require_face(fonts, {"Amiri", false, false, true});
    const FaceId lato_regular = require_face(fonts, lato());
    // Amiri spans 1.76 em for its marks; Lato 1.2 em.
    CHECK(vitae::layout::is_tall(fonts.face(amiri), line_height));
    CHECK_FALSE(vitae::layout::is_tall(fonts.face(lato_regular), line_height));
    // The final yeh of "ليلى" reaches 0.38 em below the baseline, past the
    // 0.36 em that Amiri's metrics and a 1.2 line leave (the name ran into
    // the line under it).
    const double size = 24;
    const vitae::layout::TypeReach ink =
        vitae::layout::ink_of(fonts, amiri, fonts.shape_directed(amiri, "ليلى", true), size);
    const vitae::layout::FaceInfo& info = fonts.face(amiri);
    const vitae::layout::TypeReach metrics_only =
        vitae::layout::type_reach(info.ascender * size, -info.descender * size, size, line_height);
    INFO("ink " << ink.ascent << " / " << ink.descent << ", metrics " << metrics_only.ascent << " / "
                << metrics_only.descent);
    CHECK(ink.descent > metrics_only.descent);
    const vitae::layout::TypeReach reach =
        vitae::layout::type_reach(info.ascender * size, -info.descender * size, size, line_height, ink);
    CHECK(reach.descent == ink.descent);
    CHECK(reach.ascent == metrics_only.ascent);  // the ink above fits
}

TEST_CASE("a subset keeps only the requested characters", "[fonts]") {
    SystemFonts fonts;
    const FaceId regular = require_face(fonts, lato());
    const std::optional<std::string> bytes = fonts.subset(regular, {U'H', U'e', U'l', U'o'});
    REQUIRE(bytes.has_value());
    const auto original_size = std::filesystem::file_size(fonts.face(regular).path);
    INFO("subset " << bytes->size() << " bytes of " << original_size);
    CHECK(bytes->size() * 10 < original_size);

    const std::unique_ptr<hb_blob_t, HbBlobDestroy> blob{hb_blob_create(
        bytes->data(), static_cast<unsigned>(bytes->size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr)};
    const std::unique_ptr<hb_face_t, HbFaceDestroy> face{hb_face_create(blob.get(), 0)};
    const std::unique_ptr<hb_font_t, HbFontDestroy> font{hb_font_create(face.get())};
    CHECK(hb_face_get_glyph_count(face.get()) >= 5);  // .notdef and four letters
    CHECK(hb_face_get_glyph_count(face.get()) < 20);
    hb_codepoint_t glyph = 0;
    for (const char32_t kept : {U'H', U'e', U'l', U'o'}) {
        INFO("U+" << std::hex << static_cast<std::uint32_t>(kept));
        CHECK(hb_font_get_nominal_glyph(font.get(), kept, &glyph));
    }
    CHECK_FALSE(hb_font_get_nominal_glyph(font.get(), U'A', &glyph));
    for (const hb_tag_t table :
         {HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('c', 'm', 'a', 'p'),
          HB_TAG('h', 'm', 't', 'x'), HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'),
          HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('O', 'S', '/', '2'),
          HB_TAG('p', 'o', 's', 't')}) {
        INFO("table " << tag_name(table));
        CHECK(face_has_table(face.get(), table));
    }
    CHECK_FALSE(face_has_table(face.get(), HB_TAG('f', 'p', 'g', 'm')));  // no hinting
}

TEST_CASE("outlines are drawn in ems with cubic curves", "[fonts]") {
    SystemFonts fonts;
    const FaceId symbola = require_face(fonts, FontRequest{"Symbola"});
    const std::optional<std::uint32_t> star = fonts.glyph_for(symbola, U'\U0001F31F');
    REQUIRE(star.has_value());

    OutlineRecorder outline;
    CHECK(fonts.draw_glyph(symbola, *star, outline));
    CHECK(outline.moves >= 1);
    CHECK(outline.closes >= 1);
    CHECK(outline.lines + outline.cubics > 0);
    CHECK(outline.min_x >= -0.5);
    CHECK(outline.min_y >= -0.5);
    CHECK(outline.max_x <= 1.5);
    CHECK(outline.max_y <= 1.5);
    CHECK(outline.max_x - outline.min_x > 0.1);  // in ems, not font units

    SECTION("TrueType quadratics become exact cubics") {
        const FaceId regular = require_face(fonts, lato());
        const std::optional<std::uint32_t> o = fonts.glyph_for(regular, U'o');
        REQUIRE(o.has_value());
        OutlineRecorder round;
        CHECK(fonts.draw_glyph(regular, *o, round));
        CHECK(round.moves == 2);  // outer and inner contour
        CHECK(round.closes == 2);
        CHECK(round.cubics > 0);
        CHECK(round.raised_quadratics == round.cubics);
    }
    SECTION("a space has no outline: drawn by drawing nothing; a glyph the face lacks fails") {
        const FaceId regular = require_face(fonts, lato());
        const std::optional<std::uint32_t> space = fonts.glyph_for(regular, U' ');
        REQUIRE(space.has_value());
        OutlineRecorder nothing;
        CHECK(fonts.draw_glyph(regular, *space, nothing));
        CHECK(nothing.moves == 0);
        constexpr std::uint32_t beyond_any_face = 0xFFFFFF;
        CHECK_FALSE(fonts.draw_glyph(regular, beyond_any_face, nothing));
    }
}

TEST_CASE("every icon a CV may name is drawn from FontAwesome", "[fonts]") {
    SystemFonts fonts;
    const FaceId icons = require_face(fonts, outlines_only("FontAwesome"));
    for (const std::string_view name : vitae::cv::known_icons()) {
        INFO(name);
        const std::optional<char32_t> code_point = vitae::layout::icon_code_point(name);
        REQUIRE(code_point.has_value());
        const std::optional<std::uint32_t> glyph = fonts.glyph_for(icons, *code_point);
        REQUIRE(glyph.has_value());
        OutlineRecorder outline;
        CHECK(fonts.draw_glyph(icons, *glyph, outline));
    }
}
