// Scaling tests: each path that hostile input could make quadratic is run
// on n and 8n items, and its time must grow less than 40-fold, while a
// quadratic path grows 64-fold and more. Linear paths measure 8 to 30 here:
// on a loaded two-core virtual machine the larger input falls out of the
// caches, and n is chosen so that the smaller one mostly has too.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <malloc.h>
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "load/bibtex.hpp"
#include "load/string_positions.hpp"
#include "vitae/base/suggest.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/model/model.hpp"
#include "vitae/style/select.hpp"
#include "vitae/verify/ats.hpp"

namespace {

constexpr std::size_t growth_factor = 8;
/// Linear work grows by 8, quadratic by 64: 40 tells them apart with room for cache effects.
constexpr double max_time_ratio = 40.0;
constexpr int repetitions = 3;
/// Whole measurements of a ratio before it counts as over the bound.
constexpr int attempts = 3;

/// The fastest of a few runs: the one least disturbed by other load.
double fastest_seconds(const std::function<void()>& run) {
    double best = 1e300;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
    }
    return best;
}

/// How much longer `prepare(8n)`'s work takes than `prepare(n)`'s; `prepare`
/// builds the input (not timed) and returns the work to time.
double time_ratio(std::size_t n, const std::function<std::function<void()>(std::size_t)>& prepare) {
    // Freed memory stays in the process, so that the timed runs after the
    // first reuse it instead of paying page faults again: on a virtual
    // machine those cost more than the work measured, and more per page for
    // larger blocks.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    const std::function<void()> small = prepare(n);
    const std::function<void()> large = prepare(n * growth_factor);
    // Measured again when over the bound: a burst of other load can stretch
    // one measurement of a linear path past it, while a quadratic path is
    // over it every time.
    double lowest = 1e300;
    for (int attempt = 0; attempt < attempts && lowest >= max_time_ratio; ++attempt) {
        const double small_seconds = std::max(fastest_seconds(small), 1e-6);
        lowest = std::min(lowest, fastest_seconds(large) / small_seconds);
    }
    return lowest;
}

/// A CV of `count` list sections titled "Section <i>", one item each.
std::string cv_with_sections(std::size_t count) {
    std::string text = "[person]\nname = \"Ada\"\n";
    for (std::size_t i = 0; i < count; ++i) {
        text +=
            "[[section]]\ntitle = \"Section " + std::to_string(i) + "\"\nkind = \"list\"\nitems = [\"x\"]\n";
    }
    return text;
}

vitae::cv::Span plain_span(std::string text) {
    vitae::cv::Span span;
    span.text = std::move(text);
    return span;
}

std::vector<std::string> numbered(std::string_view prefix, std::size_t count) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < count; ++i) words.push_back(std::string{prefix} + std::to_string(i));
    return words;
}

}  // namespace

TEST_CASE("string positions on one long line grow linearly with the strings", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        auto source = std::make_shared<std::string>("items = [");
        std::vector<std::uint32_t> columns;
        for (std::size_t i = 0; i < count; ++i) {
            columns.push_back(static_cast<std::uint32_t>(source->size() + 1));
            *source += "\"it\\u00e9m\", ";
        }
        *source += "]\n";
        return [source, columns] {
            const vitae::detail::SourceText text{*source};
            for (const std::uint32_t column : columns) {
                REQUIRE(vitae::detail::string_positions(text, {1, column}, "itém").size() == 4);
            }
        };
    };
    CHECK(time_ratio(1000, prepare) < max_time_ratio);
}

TEST_CASE("BibTeX fields and entries: time grows linearly with their number, on many lines or one",
          "[bibtex][scaling]") {
    // 50,000 fields took seconds: each was compared with all before it, and
    // each column counted from the start of its line.
    const auto fields = [](std::size_t count, const char* separator) {
        std::string text = std::string{"@misc{many,"} + separator;
        for (std::size_t i = 0; i < count; ++i)
            text += "field" + std::to_string(i) + " = {value}," + separator;
        return text + "}\n";
    };
    const auto entries = [](std::size_t count, const char* separator) {
        std::string text;
        for (std::size_t i = 0; i < count; ++i)
            text += "@misc{key" + std::to_string(i) + ", title = {T}}" + separator;
        return text;
    };
    using Maker = std::function<std::string(std::size_t, const char*)>;
    for (const auto& [make, count] :
         std::vector<std::pair<Maker, std::size_t>>{{fields, 5000}, {entries, 2000}}) {
        for (const char* separator : {"\n", " "}) {
            auto prepare = [&](std::size_t n) -> std::function<void()> {
                auto text = std::make_shared<const std::string>(make(n, separator));
                return [text] {
                    vitae::Diagnostics diagnostics;
                    const auto path = std::make_shared<const std::string>("many.bib");
                    (void)vitae::bibtex::parse(*text, path, diagnostics);
                    REQUIRE(diagnostics.empty());
                };
            };
            INFO(make(1, separator));
            CHECK(time_ratio(count, prepare) < max_time_ratio);
        }
    }
}

TEST_CASE("duplicate section titles are found in linear time", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        auto text = std::make_shared<std::string>(cv_with_sections(count));
        return [text, count] {
            vitae::Diagnostics diagnostics;
            const vitae::cv::Document document = vitae::load_cv_text(*text, "cv.toml", diagnostics);
            REQUIRE(document.sections.size() == count);
            REQUIRE_FALSE(diagnostics.has_errors());
        };
    };
    // Loading itself is linear: the ratio stays near 4 unless the title check is pairwise.
    CHECK(time_ratio(4000, prepare) < max_time_ratio);
}

TEST_CASE("selecting sections by title is linear in the titles on both sides", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        vitae::Diagnostics diagnostics;
        auto document = std::make_shared<vitae::cv::Document>(
            vitae::load_cv_text(cv_with_sections(count), "cv.toml", diagnostics));
        auto selection = std::make_shared<vitae::style::Selection>();
        // Every CV title listed in reverse, and as many titles the CV lacks
        // (misspelt: each gets a warning, the first ones a suggestion).
        for (std::size_t i = count; i-- > 0;)
            selection->sections.push_back({"SECTION " + std::to_string(i), {}});
        for (std::size_t i = 0; i < count; ++i)
            selection->exclude_sections.push_back({"Sektion " + std::to_string(i), {}});
        return [document, selection, count] {
            vitae::Diagnostics warnings;
            const auto result = vitae::style::select(*document, *selection, {}, warnings);
            REQUIRE(result.document.sections.size() == count);
            REQUIRE(result.document.sections.front().title.plain() == "Section " + std::to_string(count - 1));
            REQUIRE(warnings.warning_count() == count);
        };
    };
    CHECK(time_ratio(4000, prepare) < max_time_ratio);
}

TEST_CASE("selecting by tags is linear in the tags on both sides", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        // One entry with `count` tags, one untagged; half the tags selected,
        // and as many selected tags that nothing carries.
        auto document = std::make_shared<vitae::cv::Document>();
        vitae::cv::Section section;
        section.title.spans.push_back(plain_span("Work"));
        vitae::cv::Entry entry;
        entry.title.spans.push_back(plain_span("Job"));
        entry.tags = numbered("job", count);
        section.entries.push_back(entry);
        section.entries.emplace_back();
        document->sections.push_back(std::move(section));
        auto tags = std::make_shared<std::vector<std::string>>(numbered("jb", count));
        for (std::string& tag : numbered("job", count / 2)) tags->push_back(std::move(tag));
        return [document, tags, count] {
            vitae::Diagnostics warnings;
            const auto result = vitae::style::select(*document, {}, *tags, warnings);
            REQUIRE(result.document.sections.front().entries.size() == 2);
            REQUIRE(warnings.warning_count() == count);
        };
    };
    CHECK(time_ratio(20000, prepare) < max_time_ratio);
}

TEST_CASE("suggestions against many candidates do bounded work", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        auto candidates = std::make_shared<std::vector<std::string>>(numbered("candidate-key-", count));
        auto misses = std::make_shared<std::vector<std::string>>(numbered("candidat-key-", count));
        return [candidates, misses] {
            vitae::Suggester suggester{{candidates->begin(), candidates->end()}};
            for (const std::string& miss : *misses) (void)suggester.did_you_mean(miss);
        };
    };
    CHECK(time_ratio(1000, prepare) < max_time_ratio);
}

TEST_CASE("equal contributors and groups are found in linear time", "[scaling]") {
    auto prepare = [](std::size_t count) -> std::function<void()> {
        std::string text =
            "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n";
        std::string authors;
        for (const std::string& name : numbered("Author ", count)) authors += "\"" + name + "\", ";
        text += "[[section.entry]]\ntitle = \"All\"\nauthors = [" + authors + "]\n";
        text += "equal_contribution = [" + authors + "]\n";
        for (std::size_t i = 0; i < count; ++i) {
            text += "[[section.entry]]\ntitle = \"P\"\ngroup = \"G" + std::to_string(i) + "\"\n";
        }
        auto source = std::make_shared<std::string>(std::move(text));
        return [source, count] {
            vitae::Diagnostics diagnostics;
            const vitae::cv::Document document = vitae::load_cv_text(*source, "cv.toml", diagnostics);
            REQUIRE_FALSE(diagnostics.has_errors());
            const vitae::cv::Publication& all = document.sections.front().publications.front();
            for (const vitae::cv::RichText& author : all.authors) REQUIRE(all.is_equal_contributor(author));
            REQUIRE(vitae::cv::group_publications(document.sections.front().publications).size() ==
                    count + 1);
        };
    };
    CHECK(time_ratio(4000, prepare) < max_time_ratio);
}

TEST_CASE("scaling: the ATS check of a PDF that reads none of the CV's words", "[scaling][ats]") {
    // Every word missing is looked for in the text read: among the places
    // that word is read, not along the whole text.
    constexpr std::size_t words_per_unit = 10;
    const auto prepare = [](std::size_t words) -> std::function<void()> {
        auto expected = std::make_shared<vitae::verify::Expected>();
        auto read = std::make_shared<vitae::verify::PdfText>();
        std::string& page = read->pages.emplace_back();
        for (std::size_t unit = 0; unit * words_per_unit < words; ++unit) {
            vitae::verify::ExpectedUnit& added = expected->units.emplace_back();
            added.block = unit;
            expected->items.push_back({vitae::verify::Field::bullet, "", {}, true});
            for (std::size_t word = 0; word < words_per_unit; ++word) {
                const std::string suffix = fmt::format("{}-{}", unit, word);
                added.words.push_back({"said" + suffix, {}, {}, unit});
                page += "read" + suffix + (word + 1 == words_per_unit ? "\n" : " ");
            }
        }
        return [expected, read] { (void)vitae::verify::compare(*expected, *read); };
    };
    CHECK(time_ratio(1500, prepare) < max_time_ratio);
}
