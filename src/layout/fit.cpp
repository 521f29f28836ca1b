#include "vitae/layout/fit.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <tuple>

#include "document.hpp"
#include "vitae/base/numbers.hpp"
#include "vitae/compose/blocks.hpp"

namespace vitae::layout {

namespace {

/// Spacing comes down in steps of this share of the design: small enough
/// that a CV a few lines too long is not squeezed more than it needs.
constexpr double spacing_step = 0.05;
/// Type sizes come down in steps of this much of the body size (pt), the
/// finest step a reader can tell apart on paper.
constexpr double font_step = 0.25;
/// Margins come down in steps of 0.05 in.
constexpr double margin_step = 3.6;
/// Comparisons of scales and lengths.
constexpr double epsilon = 1e-9;

struct Tightening {
    double spacing = 1;  ///< share of the designed gaps
    double font = 1;     ///< share of the designed sizes
    double margin = -1;  ///< largest margin allowed (pt); negative: as designed

    bool operator==(const Tightening&) const = default;
};

/// How far beyond what smaller type and margins can gain a CV's page count
/// must be before those layouts are not even tried: twice, so that line
/// breaking and page breaking at the smaller size, which the estimate
/// ignores, cannot make it wrong.
constexpr double hopeless_margin = 2;

/// The first of `count` steps, ordered from the loosest to the tightest, at
/// which the CV fits; nothing when even the last does not. A binary search:
/// it takes a tighter step never to need more pages than a looser one, which
/// holds but for rare pagination accidents, and then finds the step a
/// search from the loosest would find, in log2(count) layouts instead of
/// count.
template <typename Fits>
std::optional<std::size_t> first_that_fits(std::size_t count, Fits&& fits) {
    if (count == 0 || !fits(count - 1)) return std::nullopt;
    std::size_t low = 0;
    std::size_t high = count - 1;  // fits
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (fits(middle)) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return high;
}

/// The line height at a share of the designed gaps: it follows the gaps,
/// from its design down to its own bound.
double line_height_at(const style::Sheet& design, double spacing) {
    const double min_scale = design.fit.min_spacing_scale;
    if (design.line_height <= design.fit.min_line_height || min_scale >= 1) return design.line_height;
    const double progress = std::clamp((1 - spacing) / (1 - min_scale), 0.0, 1.0);
    return design.line_height - progress * (design.line_height - design.fit.min_line_height);
}

style::Sheet tightened(const style::Sheet& design, const Tightening& tightening) {
    style::Sheet sheet = design;
    const double spacing = tightening.spacing;
    for (const compose::Gap gap : compose::all_gaps) {
        if (double* amount = compose::gap_setting(sheet, gap)) *amount *= spacing;
    }
    sheet.line_height = line_height_at(design, spacing);
    for (style::TextStyle* style : sheet.text_styles()) style->size *= tightening.font;
    if (tightening.margin >= 0) {
        for (double* margin :
             {&sheet.margins.top, &sheet.margins.right, &sheet.margins.bottom, &sheet.margins.left}) {
            *margin = std::min(*margin, tightening.margin);
        }
    }
    return sheet;
}

/// A tuning figure as the fit report shows it: two places at most.
std::string number(double value) {
    return compact_decimal(value, 2);
}

/// "body 10→9 pt": a figure of the design and the one used.
std::string change(std::string_view what, double design, double used, std::string_view unit) {
    return fmt::format("{} {}\u2192{}{}", what, number(design), number(used), unit);
}

/// Something the fitter may leave out: an entry, publication, skill row,
/// list item or a whole text section, or a part of an entry or row (a
/// role, a highlight, a skill). Each has its own priority; a list item
/// takes the lower of its own and its section's, a text section its
/// section's, so that every kind of item is weighed on the same scale.
struct Candidate {
    static constexpr std::size_t whole = static_cast<std::size_t>(-1);
    std::size_t section = 0;
    std::size_t index = 0;     ///< in its section's items of its kind; 0 for a text section
    std::size_t role = whole;  ///< a role of the entry, or the entry itself
    std::size_t part = whole;  ///< a highlight (of the entry or role) or a row's skill
    int priority = cv::Selectable::default_priority;
    double relevance = 0;
    SourceRegion where;
    std::string what;

    [[nodiscard]] bool is_part() const { return role != whole || part != whole; }
    /// Its place among its siblings: the tie-break trims from the tails.
    [[nodiscard]] std::size_t place() const { return part != whole ? part : role != whole ? role : index; }
    /// Where it is: section, index, role, part.
    using Path = std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>;
    [[nodiscard]] Path path() const { return {section, index, role, part}; }
};

std::vector<Candidate> candidates(const cv::Document& document) {
    std::vector<Candidate> found;
    for (std::size_t s = 0; s < document.sections.size(); ++s) {
        const cv::Section& section = document.sections[s];
        const std::string title = section.title.plain();
        constexpr std::size_t whole = Candidate::whole;
        auto add = [&](std::size_t index, std::size_t role, std::size_t part, const cv::Selectable& item,
                       std::string what, int at_most = std::numeric_limits<int>::max()) {
            found.push_back({s, index, role, part, std::min(item.priority, at_most), item.relevance,
                             item.where, std::move(what)});
        };
        for (std::size_t i = 0; i < section.entries.size(); ++i) {
            const cv::Entry& entry = section.entries[i];
            const std::string name = entry.title.plain();
            add(i, whole, whole, entry, fmt::format("entry '{}' in '{}'", name, title));
            for (std::size_t h = 0; h < entry.highlights.size(); ++h) {
                add(i, whole, h, entry.highlights[h],
                    fmt::format("highlight '{}' of '{}'", entry.highlights[h].text.plain(), name));
            }
            for (std::size_t r = 0; r < entry.roles.size(); ++r) {
                const cv::Role& role = entry.roles[r];
                add(i, r, whole, role, fmt::format("role '{}' at '{}'", role.title.plain(), name));
                for (std::size_t h = 0; h < role.highlights.size(); ++h) {
                    add(i, r, h, role.highlights[h],
                        fmt::format("highlight '{}' of '{}' at '{}'", role.highlights[h].text.plain(),
                                    role.title.plain(), name));
                }
            }
        }
        for (std::size_t i = 0; i < section.publications.size(); ++i) {
            add(i, whole, whole, section.publications[i],
                fmt::format("publication '{}' in '{}'", section.publications[i].title.plain(), title));
        }
        for (std::size_t i = 0; i < section.skills.size(); ++i) {
            const cv::SkillRow& row = section.skills[i];
            add(i, whole, whole, row, fmt::format("skill row '{}' in '{}'", row.label.plain(), title));
            for (std::size_t k = 0; k < row.items.size(); ++k) {
                add(i, whole, k, row.items[k],
                    fmt::format("skill '{}' in '{}'", row.items[k].text.plain(), row.label.plain()));
            }
        }
        for (std::size_t i = 0; i < section.items.size(); ++i) {
            add(i, whole, whole, section.items[i],
                fmt::format("list item '{}' in '{}'", section.items[i].text.plain(), title),
                section.priority);
        }
        if (section.kind == cv::SectionKind::text) {
            add(0, whole, whole, section, fmt::format("text section '{}'", title), section.priority);
        }
    }
    // Lowest priority first, then the least relevant to the job ad (all
    // equal without one); among equals, parts before whole items (a
    // bullet before its job), and the last of their kind first (the fifth
    // of any before the fourth of any), the later section first among
    // those: the longest lists are trimmed from their tails, and no
    // section loses its first item while another still has a second —
    // rather than the CV losing its last sections whole (Education,
    // Skills) to keep every item of its first.
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        if (a.priority != b.priority) return a.priority < b.priority;
        if (a.relevance != b.relevance) return a.relevance < b.relevance;
        if (a.is_part() != b.is_part()) return a.is_part();
        return std::tuple(a.place(), a.index, a.section) > std::tuple(b.place(), b.index, b.section);
    });
    return found;
}

/// Where the first `count` candidates of `order` are.
std::set<Candidate::Path> first_paths(const std::vector<Candidate>& order, std::size_t count) {
    std::set<Candidate::Path> paths;
    for (std::size_t i = 0; i < count; ++i) paths.insert(order[i].path());
    return paths;
}

/// The candidates a part belongs to: its entry or skill row, and its
/// role for a role's highlight; none for a whole item.
std::vector<Candidate::Path> owners_of(const Candidate& candidate) {
    constexpr std::size_t whole = Candidate::whole;
    if (!candidate.is_part()) return {};
    std::vector<Candidate::Path> owners{{candidate.section, candidate.index, whole, whole}};
    if (candidate.role != whole && candidate.part != whole)
        owners.emplace_back(candidate.section, candidate.index, candidate.role, whole);
    return owners;
}

/// Where the CV's own page breaks (page_break_before) ask for page
/// `max_pages + 1`: the break that starts it at the earliest.
std::optional<SourceRegion> break_beyond(const cv::Document& document, std::size_t max_pages) {
    std::size_t breaks = 0;
    const auto starts_page = [&](const cv::PageBreaks& asked) {
        return asked.page_break_before && ++breaks >= max_pages;
    };
    for (const cv::Section& section : document.sections) {
        // A section whose first entry starts a page starts it with that entry: one break.
        const cv::Entry* first = cv::first_shown_entry(section.entries);
        const cv::PageBreaks& opening =
            section.breaks.page_break_before || first == nullptr ? section.breaks : first->breaks;
        if (starts_page(opening)) return opening.where;
        for (const cv::Entry& entry : section.entries) {
            if (&entry != first && starts_page(entry.breaks)) return entry.breaks.where;
        }
    }
    return std::nullopt;
}

bool has_items(const cv::Section& section) {
    return !section.entries.empty() || !section.publications.empty() || !section.skills.empty() ||
           !section.items.empty();
}

/// The CV without the first `count` candidates; sections left empty go
/// too, and so do skill rows left without skills.
cv::Document without(const cv::Document& document, const std::vector<Candidate>& order, std::size_t count) {
    using Path = Candidate::Path;
    const std::set<Path> dropped = first_paths(order, count);
    constexpr std::size_t whole = Candidate::whole;
    // Erases the elements whose path (made from their place in the list) is dropped.
    auto keep = [&](auto& items, auto path_of) {
        std::size_t place = 0;
        std::erase_if(items, [&](const auto&) { return dropped.contains(path_of(place++)); });
    };
    cv::Document result = document;
    result.sections.clear();
    for (std::size_t s = 0; s < document.sections.size(); ++s) {
        const cv::Section& original = document.sections[s];
        if (original.kind == cv::SectionKind::text && dropped.contains(Path{s, 0, whole, whole})) continue;
        cv::Section section = original;
        for (std::size_t i = 0; i < section.entries.size(); ++i) {
            cv::Entry& entry = section.entries[i];
            keep(entry.highlights, [&](std::size_t h) { return Path{s, i, whole, h}; });
            for (std::size_t r = 0; r < entry.roles.size(); ++r) {
                keep(entry.roles[r].highlights, [&](std::size_t h) { return Path{s, i, r, h}; });
            }
            keep(entry.roles, [&](std::size_t r) { return Path{s, i, r, whole}; });
        }
        for (std::size_t i = 0; i < section.skills.size(); ++i) {
            keep(section.skills[i].items, [&](std::size_t k) { return Path{s, i, whole, k}; });
        }
        const auto item_path = [&](std::size_t i) { return Path{s, i, whole, whole}; };
        keep(section.entries, item_path);
        keep(section.publications, item_path);
        keep(section.skills, item_path);
        keep(section.items, item_path);
        std::erase_if(section.skills, [](const cv::SkillRow& row) { return row.items.empty(); });
        if (has_items(original) && !has_items(section)) continue;
        result.sections.push_back(std::move(section));
    }
    return result;
}

/// A layout of the CV at one tightening, with what it reported.
struct Trial {
    PagedDocument pages;
    Diagnostics diagnostics;
};

class Fitter {
public:
    Fitter(const style::Sheet& design, FontProvider& fonts)
        : design_(design), fonts_(fonts), max_pages_(static_cast<std::size_t>(design.max_pages)) {}

    /// Whether the CV fits at a tightening, laying it out; `skeleton`, when
    /// given, receives the layout's page skeleton.
    [[nodiscard]] bool fits(const cv::Document& document, const Tightening& tightening,
                            PageSkeleton* skeleton = nullptr) {
        Trial trial;
        TrialLayout laid_out = layout_trial(document, tightened(design_, tightening), fonts_,
                                            trial.diagnostics, memo_, skeleton);
        if (laid_out.page_count > max_pages_) return false;
        // A CV this long that fits is laid out again at the end.
        if (!laid_out.held) return true;
        trial.pages = std::move(laid_out.pages);
        // The last layout that fit is usually the one chosen: keeping it
        // saves laying the CV out once more at the end.
        last_fit_ = LastFit{&document, tightening, std::move(trial)};
        return true;
    }

    /// Whether the CV fits as designed; keeps the layout's skeleton, which
    /// counts the pages of every spacing step without a layout.
    [[nodiscard]] bool fits_as_designed(const cv::Document& document) {
        skeleton_.emplace(&document, PageSkeleton{});
        return fits(document, {}, &skeleton_->second);
    }

    /// The layout at a tightening, reusing the last trial when it was this one.
    [[nodiscard]] PagedDocument lay_out(const cv::Document& document, const Tightening& tightening,
                                        Diagnostics& diagnostics) {
        if (last_fit_ && last_fit_->document == &document && last_fit_->tightening == tightening) {
            diagnostics.append(last_fit_->trial.diagnostics);
            return std::move(last_fit_->trial.pages);
        }
        return layout_document(document, tightened(design_, tightening), fonts_, diagnostics, memo_);
    }

    /// Forgets what was kept of a document that ends.
    void forget_document() {
        last_fit_.reset();
        skeleton_.reset();
    }

    [[nodiscard]] Tightening tightest() const {
        return {design_.fit.min_spacing_scale, design_.fit.min_font_scale, design_.fit.min_margin};
    }

    /// The least tightening that fits, trying spacing, then size, then
    /// margins, each in small steps from the design; nothing if even the
    /// tightest allowed does not fit. Each kind of tightening is searched
    /// only when the one before, at its bound, is not enough.
    std::optional<Tightening> least_tightening(const cv::Document& document) {
        const std::vector<std::vector<Tightening>> phases = tightening_phases();
        for (std::size_t phase = 0; phase < phases.size(); ++phase) {
            const std::vector<Tightening>& steps = phases[phase];
            const auto laid_out = [&](std::size_t step) { return fits(document, steps[step]); };
            std::optional<std::size_t> first;
            if (phase == 0) {
                // Spacing changes heights only: the skeleton of the design
                // layout counts the pages of each step, and only the step
                // found is laid out. Should the two ever disagree (a space
                // that does not scale with the spacing), the layouts decide.
                const PageSkeleton& skeleton = design_skeleton(document);
                first = first_that_fits(steps.size(), [&](std::size_t step) {
                    return skeleton.pages(steps[step].spacing,
                                          line_height_at(design_, steps[step].spacing)) <= max_pages_;
                });
                if (first && !laid_out(*first)) first = first_that_fits(steps.size(), laid_out);
                if (!first && beyond_any_tightening(skeleton)) return std::nullopt;
            } else {
                first = first_that_fits(steps.size(), laid_out);
            }
            if (first) return steps[*first];
        }
        return std::nullopt;
    }

    std::vector<std::string> steps(const style::Sheet& used) const {
        std::vector<std::string> described;
        if (used.body.size < design_.body.size - epsilon) {
            described.push_back(change("body", design_.body.size, used.body.size, " pt"));
        }
        if (used.section_gap_before < design_.section_gap_before - epsilon) {
            described.push_back(
                change("section gap", design_.section_gap_before, used.section_gap_before, " pt"));
            described.push_back(change("entry gap", design_.entry_gap, used.entry_gap, " pt"));
        }
        if (used.line_height < design_.line_height - epsilon) {
            described.push_back(change("line height", design_.line_height, used.line_height, ""));
        }
        const double design_margin = std::max(
            {design_.margins.top, design_.margins.right, design_.margins.bottom, design_.margins.left});
        const double used_margin =
            std::max({used.margins.top, used.margins.right, used.margins.bottom, used.margins.left});
        if (used_margin < design_margin - epsilon) {
            described.push_back(change("margins", design_margin, used_margin, " pt"));
        }
        return described;
    }

private:
    /// Whether the CV is so much longer than max_pages at the tightest
    /// spacing that smaller type and margins cannot bring it in: its
    /// layouts at those settings (each as long as a layout of the whole CV)
    /// are then not tried. Type at a share s of its size holds about 1/s
    /// more characters a line and 1/s more lines a page; smaller margins
    /// widen the text area; hopeless_margin doubles the product.
    [[nodiscard]] bool beyond_any_tightening(const PageSkeleton& skeleton) const {
        const double spacing = design_.fit.min_spacing_scale;
        const auto pages = static_cast<double>(skeleton.pages(spacing, line_height_at(design_, spacing)));
        const style::Sheet tightest_sheet = tightened(design_, tightest());
        const auto text_area = [](const style::Sheet& sheet) {
            return std::max(0.0, sheet.page_width - sheet.margins.left - sheet.margins.right) *
                   std::max(0.0, sheet.page_height - sheet.margins.top - sheet.margins.bottom);
        };
        const double design_area = text_area(design_);
        const double tightest_area = text_area(tightest_sheet);
        if (design_area <= 0 || tightest_area <= 0 || design_.fit.min_font_scale <= 0) return false;
        const double most_gained = tightest_area / design_area /
                                   (design_.fit.min_font_scale * design_.fit.min_font_scale) *
                                   hopeless_margin;
        return pages > static_cast<double>(max_pages_) * most_gained;
    }

    struct LastFit {
        const cv::Document* document = nullptr;
        Tightening tightening;
        Trial trial;
    };

    /// Every tightening the fitter may use, from the least to the tightest,
    /// in three phases: spacing steps, then size steps at the tightest
    /// spacing, then margin steps at the smallest size. Each step is at
    /// least as tight as the one before in every respect.
    [[nodiscard]] std::vector<std::vector<Tightening>> tightening_phases() const {
        std::vector<std::vector<Tightening>> phases(3);
        Tightening tightening;
        for (double spacing = 1 - spacing_step; spacing >= design_.fit.min_spacing_scale - epsilon;
             spacing -= spacing_step) {
            tightening.spacing = std::max(spacing, design_.fit.min_spacing_scale);
            phases[0].push_back(tightening);
        }
        tightening.spacing = design_.fit.min_spacing_scale;
        const double body = design_.body.size;
        for (double size = body - font_step; size / body >= design_.fit.min_font_scale - epsilon;
             size -= font_step) {
            tightening.font = size / body;
            phases[1].push_back(tightening);
        }
        tightening.font = design_.fit.min_font_scale;
        const double widest = std::max(
            {design_.margins.top, design_.margins.right, design_.margins.bottom, design_.margins.left});
        for (double margin = widest - margin_step; margin >= design_.fit.min_margin - epsilon;
             margin -= margin_step) {
            tightening.margin = std::max(margin, design_.fit.min_margin);
            phases[2].push_back(tightening);
        }
        tightening.margin = design_.fit.min_margin;
        phases[2].push_back(tightening);
        return phases;
    }

    const style::Sheet& design_;
    FontProvider& fonts_;
    std::size_t max_pages_;
    /// The skeleton of `document` as designed, laying it out if needed.
    const PageSkeleton& design_skeleton(const cv::Document& document) {
        if (!skeleton_ || skeleton_->first != &document) (void)fits_as_designed(document);
        return skeleton_->second;
    }

    std::optional<LastFit> last_fit_;
    std::optional<std::pair<const cv::Document*, PageSkeleton>> skeleton_;
    ContentMemo memo_;
};

}  // namespace

FitResult fit_to_pages(const cv::Document& document, const style::Sheet& sheet, FontProvider& fonts,
                       Diagnostics& diagnostics) {
    FitResult result;
    result.sheet = sheet;
    if (sheet.max_pages <= 0) {
        result.pages = layout_document(document, sheet, fonts, diagnostics);
        return result;
    }
    Fitter fitter{sheet, fonts};
    if (fitter.fits_as_designed(document)) {
        result.pages = fitter.lay_out(document, {}, diagnostics);
        return result;
    }
    if (const std::optional<SourceRegion> beyond =
            break_beyond(document, static_cast<std::size_t>(sheet.max_pages))) {
        // The CV's own breaks need more pages than the style allows: no
        // tightening or dropping of other items can help, and dropping
        // until the break itself went would empty the CV first.
        diagnostics.error(
            *beyond,
            fmt::format("this page_break_before starts page {} or later, but the style fits the CV "
                        "to {} {}",
                        sheet.max_pages + 1, sheet.max_pages, sheet.max_pages == 1 ? "page" : "pages"),
            "remove page_break_before, or raise max_pages");
        result.pages = fitter.lay_out(document, {}, diagnostics);
        result.fits = false;
        return result;
    }

    std::optional<Tightening> tightening = fitter.least_tightening(document);
    std::optional<cv::Document> reduced;
    if (!tightening && sheet.fit.drop_items) {
        // The fewest drops that fit at the tightest allowed, then the least
        // tightening for what remains.
        const std::vector<Candidate> order = candidates(document);
        const std::optional<std::size_t> fewest = first_that_fits(order.size(), [&](std::size_t step) {
            const cv::Document candidate = without(document, order, step + 1);
            const bool fits = fitter.fits(candidate, fitter.tightest());
            fitter.forget_document();  // it ends here
            return fits;
        });
        if (fewest) {
            const std::size_t count = *fewest + 1;
            reduced = without(document, order, count);
            tightening = fitter.least_tightening(*reduced);
            const std::set<Candidate::Path> gone = first_paths(order, count);
            for (std::size_t i = 0; i < count; ++i) {
                // A part whose entry, row or role went too is said by that one's warning.
                const std::vector<Candidate::Path> owners = owners_of(order[i]);
                if (std::any_of(owners.begin(), owners.end(),
                                [&](const Candidate::Path& owner) { return gone.contains(owner); }))
                    continue;
                result.dropped.push_back(
                    DroppedItem{order[i].where, order[i].what, order[i].priority, order[i].relevance});
            }
        }
    }
    const cv::Document& laid_out = reduced ? *reduced : document;
    const Tightening used = tightening.value_or(fitter.tightest());
    result.fits = tightening.has_value();
    result.sheet = tightened(sheet, used);
    result.steps = fitter.steps(result.sheet);
    result.pages = fitter.lay_out(laid_out, used, diagnostics);
    result.reduced = std::move(reduced);
    return result;
}

std::string describe(const FitResult& result, std::size_t max_pages) {
    const std::string_view pages = max_pages == 1 ? "page" : "pages";
    if (!result.fits) {
        return fmt::format("cannot fit in {} {} within the style's bounds ({} at the tightest)", max_pages,
                           pages, result.pages.pages.size());
    }
    std::string text = fmt::format("fit: {} {}", std::min(result.pages.pages.size(), max_pages), pages);
    auto to = std::back_inserter(text);
    if (!result.steps.empty()) fmt::format_to(to, " \u2014 {}", fmt::join(result.steps, ", "));
    if (!result.dropped.empty()) {
        const std::size_t count = result.dropped.size();
        fmt::format_to(to, "; {} {} left out", count, count == 1 ? "item" : "items");
    }
    return text;
}

}  // namespace vitae::layout
