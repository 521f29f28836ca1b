// A long CV's pages are streamed into the PDF: laid out twice, each page
// written as soon as it is made, and the PDF is byte for byte the one the
// whole layout gives.
#include <catch2/catch.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "vitae/layout/fit.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/render/base14_fonts.hpp"
#include "vitae/render/pdf.hpp"
#include "vitae/render/trace.hpp"

namespace {

using vitae::Diagnostics;
using vitae::layout::FaceId;

/// The base-14 fonts (no system font needed), counting the texts shaped:
/// a layout shapes every text once, so the count tells how many layouts
/// ran and when a page arrived.
class CountingFonts final : public vitae::layout::FontProvider, public vitae::layout::FontData {
public:
    std::optional<FaceId> find_face(const vitae::layout::FontRequest& request) override {
        return fonts_.find_face(request);
    }
    const vitae::layout::FaceInfo& face(FaceId face) const override { return fonts_.face(face); }
    bool has_glyph(FaceId face, char32_t code_point) const override {
        return fonts_.has_glyph(face, code_point);
    }
    std::optional<std::uint32_t> glyph_for(FaceId face, char32_t code_point) const override {
        return fonts_.glyph_for(face, code_point);
    }
    std::vector<vitae::layout::ShapedGlyph> shape(FaceId face, std::string_view text) const override {
        ++shaped;
        return fonts_.shape(face, text);
    }
    std::optional<std::string> subset(FaceId face, const std::vector<char32_t>& code_points) const override {
        return fonts_.subset(face, code_points);
    }
    bool draw_glyph(FaceId face, std::uint32_t glyph, vitae::layout::OutlineSink& sink) const override {
        return fonts_.draw_glyph(face, glyph, sink);
    }

    mutable std::size_t shaped = 0;

private:
    vitae::render::Base14Fonts fonts_;
};

/// What a sink saw: texts shaped when it began, at its first page and
/// when it ended; pages planned and received; bookmarks.
struct Seen {
    std::size_t shaped_at_begin = 0;
    std::size_t shaped_at_first_page = 0;
    std::size_t shaped_at_end = 0;
    std::size_t pages_planned = 0;
    std::size_t pages = 0;
    std::size_t bookmarks = 0;
};

/// Writes the PDF, noting what it sees.
class WatchedPdf final : public vitae::layout::PageSink {
public:
    WatchedPdf(const CountingFonts& fonts, Diagnostics& diagnostics)
        : fonts_(fonts), pdf_(fonts, fonts, {}, diagnostics) {}
    void begin(const vitae::layout::DocumentPlan& plan) override {
        seen.shaped_at_begin = fonts_.shaped;
        seen.pages_planned = plan.page_count;
        pdf_.begin(plan);
    }
    void block(const vitae::layout::BlockNote& note) override { pdf_.block(note); }
    void page(const vitae::layout::Page& page) override {
        if (seen.pages == 0) seen.shaped_at_first_page = fonts_.shaped;
        ++seen.pages;
        pdf_.page(page);
    }
    void end(const std::vector<vitae::layout::Bookmark>& bookmarks) override {
        seen.shaped_at_end = fonts_.shaped;
        seen.bookmarks = bookmarks.size();
        pdf_.end(bookmarks);
    }
    std::optional<std::string> take() { return pdf_.take(); }

    Seen seen;

private:
    const CountingFonts& fonts_;
    vitae::render::PdfPages pdf_;
};

/// A CV of `entries` entries, each about 700 characters, in Western
/// European text (the base-14 fonts show nothing else), with a skills
/// section for a sidebar and a section title per 50 entries.
std::string long_cv(std::size_t entries) {
    std::string toml = "[person]\nname = \"Zoë Ångström\"\nemail = \"zoe@example.org\"\n";
    toml += "[[section]]\ntitle = \"Skills\"\nkind = \"skills\"\n";
    for (int row = 0; row < 30; ++row) {
        toml += "[[section.entry]]\nlabel = \"Área " + std::to_string(row) +
                "\"\nitems = [\"Café\", \"Naïve Bayes\"]\n";
    }
    for (std::size_t entry = 0; entry < entries; ++entry) {
        if (entry % 50 == 0) toml += "[[section]]\ntitle = \"Œuvres " + std::to_string(entry / 50) + "\"\n";
        toml += "[[section.entry]]\ntitle = \"Entrée " + std::to_string(entry) +
                "\"\nstart = \"2001-02\"\nend = \"2003-04\"\nhighlights = [";
        for (int highlight = 0; highlight < 3; ++highlight) {
            toml += "\"Crème brûlée façade — the naïve café's " + std::to_string(highlight) +
                    "th déjà vu, with a long tail of ordinary words that wrap over two or three lines of "
                    "the page and a number " +
                    std::to_string(entry * 7 + static_cast<std::size_t>(highlight)) + ".\", ";
        }
        toml += "]\n";
    }
    return toml;
}

struct Written {
    std::optional<std::string> whole;     ///< laid out whole, then written
    std::optional<std::string> streamed;  ///< laid out into the writer
    std::size_t shaped_by_one_layout = 0;
    Seen seen;  ///< by the writer of the streamed one
    std::size_t whole_bookmarks = 0;
    std::size_t whole_pages = 0;
};

Written write_both_ways(const std::string& toml, const vitae::style::Sheet& sheet) {
    Written written;
    Diagnostics diagnostics;
    const vitae::cv::Document cv = vitae::load_cv_text(toml, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    {
        CountingFonts fonts;
        Diagnostics layout_diagnostics;
        const vitae::layout::PagedDocument pages =
            vitae::layout::layout_document(cv, sheet, fonts, layout_diagnostics);
        written.shaped_by_one_layout = fonts.shaped;
        written.whole_pages = pages.pages.size();
        written.whole_bookmarks = pages.bookmarks.size();
        written.whole = vitae::render::write_pdf(pages, fonts, fonts, {}, layout_diagnostics);
        REQUIRE_FALSE(layout_diagnostics.has_errors());
    }
    CountingFonts fonts;
    Diagnostics layout_diagnostics;
    WatchedPdf pdf{fonts, layout_diagnostics};
    vitae::layout::layout_document(cv, sheet, fonts, layout_diagnostics, pdf);
    REQUIRE_FALSE(layout_diagnostics.has_errors());
    written.streamed = pdf.take();
    written.seen = pdf.seen;
    return written;
}

/// A sheet with a footer that counts the pages, and a sidebar if asked.
vitae::style::Sheet sheet_with(bool footer, bool sidebar) {
    vitae::style::Sheet sheet;
    sheet.footer = footer;
    sheet.footer_updated = "updated {date}";
    sheet.sidebar = sidebar;
    sheet.sidebar_kinds = {"skills"};
    return sheet;
}

}  // namespace

TEST_CASE("a long CV is streamed into the PDF: each page written as it is made, the same bytes",
          "[pdf][stream]") {
    // Well past the layout's limit for holding them all.
    const std::string toml = long_cv(700);
    const int variant = GENERATE(0, 1, 2);
    const std::string name = variant == 0   ? "one column"
                             : variant == 1 ? "footer with the page count"
                                            : "sidebar";
    const vitae::style::Sheet sheet = sheet_with(variant >= 1, variant == 2);
    INFO(name);
    const Written written = write_both_ways(toml, sheet);
    REQUIRE(written.whole);
    REQUIRE(written.streamed);
    CHECK(written.whole_pages > 50);
    // Streamed: the pages come while the second layout is under way.
    CHECK(written.seen.shaped_at_begin == written.shaped_by_one_layout);
    CHECK(written.seen.shaped_at_first_page < written.shaped_by_one_layout * 11 / 10);
    CHECK(written.seen.shaped_at_end == 2 * written.shaped_by_one_layout);
    CHECK(written.seen.pages_planned == written.whole_pages);
    CHECK(written.seen.pages == written.whole_pages);
    CHECK(written.seen.bookmarks == written.whole_bookmarks);
    CHECK(*written.streamed == *written.whole);
}

TEST_CASE("a CV of ordinary length is laid out once, then written", "[pdf][stream]") {
    const Written written = write_both_ways(long_cv(20), sheet_with(true, false));
    REQUIRE(written.streamed);
    CHECK(written.seen.shaped_at_begin == written.shaped_by_one_layout);
    CHECK(written.seen.shaped_at_end == written.shaped_by_one_layout);
    CHECK(*written.streamed == *written.whole);
}

TEST_CASE("a long CV fitted to a page limit it meets is the CV laid out whole", "[pdf][stream][fit]") {
    // The fitter's trials of a CV this long count its pages without
    // holding them; the one chosen is laid out again, whole.
    Diagnostics diagnostics;
    const vitae::cv::Document cv = vitae::load_cv_text(long_cv(700), "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    vitae::style::Sheet sheet = sheet_with(true, false);
    CountingFonts fonts;
    const vitae::layout::PagedDocument whole = vitae::layout::layout_document(cv, sheet, fonts, diagnostics);
    const auto natural = static_cast<int>(whole.pages.size());
    for (const int limit : {natural, natural - 1}) {
        INFO("max_pages " << limit << " of " << natural);
        sheet.max_pages = limit;
        vitae::layout::FitResult fitted = vitae::layout::fit_to_pages(cv, sheet, fonts, diagnostics);
        REQUIRE_FALSE(diagnostics.has_errors());
        CHECK(fitted.fits);
        CHECK(fitted.pages.pages.size() <= static_cast<std::size_t>(limit));
        if (limit == natural) {
            CHECK(fitted.steps.empty());
            CHECK(vitae::render::write_pdf(fitted.pages, fonts, fonts, {}, diagnostics) ==
                  vitae::render::write_pdf(whole, fonts, fonts, {}, diagnostics));
        } else {
            CHECK_FALSE(fitted.steps.empty());  // tightened, not left as designed
        }
    }
}

TEST_CASE("a plan without pages tells what the layout would: faces, characters, page count", "[stream]") {
    for (const std::size_t entries : {std::size_t{20}, std::size_t{700}}) {
        INFO(entries << " entries");
        Diagnostics diagnostics;
        const vitae::cv::Document cv = vitae::load_cv_text(long_cv(entries), "cv.toml", diagnostics);
        const vitae::style::Sheet sheet = sheet_with(true, true);
        CountingFonts fonts;
        const vitae::layout::DocumentPlan expected =
            vitae::layout::plan_of(vitae::layout::layout_document(cv, sheet, fonts, diagnostics), fonts);
        const vitae::layout::DocumentPlan plan = vitae::layout::plan_document(cv, sheet, fonts, diagnostics);
        REQUIRE_FALSE(diagnostics.has_errors());
        CHECK(plan.page_count == expected.page_count);
        CHECK(plan.faces == expected.faces);
        CHECK(plan.characters == expected.characters);
        CHECK(plan.metadata.title == expected.metadata.title);
    }
}

TEST_CASE("a long CV's frame trace is streamed too, the same text", "[stream][trace]") {
    Diagnostics diagnostics;
    const vitae::cv::Document cv = vitae::load_cv_text(long_cv(700), "cv.toml", diagnostics);
    const vitae::style::Sheet sheet = sheet_with(true, true);
    CountingFonts fonts;
    const std::string whole =
        vitae::render::trace_frames(vitae::layout::layout_document(cv, sheet, fonts, diagnostics), fonts);
    vitae::render::FrameTrace trace{fonts};
    vitae::layout::layout_document(cv, sheet, fonts, diagnostics, trace);
    REQUIRE_FALSE(diagnostics.has_errors());
    CHECK(trace.take() == whole);
}
