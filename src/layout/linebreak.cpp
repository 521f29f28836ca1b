#include "linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace vitae::layout {

namespace {

/// Badness is capped here, as in TeX: "infinitely bad".
constexpr double infinitely_bad = 10000;
/// A second pass accepts any line that is not overfull (TeX's
/// \emergencystretch-free second pass with \tolerance = 10000).
constexpr double second_pass_tolerance = infinitely_bad;
/// Fitness classes: very loose, loose, decent, tight (TeX's 0–3), from the
/// glue ratio thresholds TeX uses.
constexpr double very_loose_ratio = 1.0;
constexpr double loose_ratio = 0.5;
constexpr double tight_ratio = -0.5;
/// Ratios below this are overfull.
constexpr double overfull_ratio = -1.0;
/// Two widths closer than this are equal (a thousandth of a point).
constexpr double width_epsilon = 1e-3;

int fitness_class(double ratio) {
    if (ratio > very_loose_ratio) return 0;
    if (ratio > loose_ratio) return 1;
    if (ratio >= tight_ratio) return 2;
    return 3;
}

double badness(double ratio) {
    if (ratio < overfull_ratio) return infinitely_bad + 1;
    return std::min(infinitely_bad, 100 * std::pow(std::abs(ratio), 3));
}

struct Totals {
    double width = 0;
    double stretch = 0;
    double shrink = 0;
};

struct Node {
    std::size_t position = 0;  ///< the break item
    std::size_t line = 0;      ///< lines before this break
    int fitness = 2;
    Totals totals;  ///< sums after the break (discardables skipped)
    double demerits = 0;
    bool hyphenated = false;
    int hyphens_in_a_row = 0;             ///< lines ending at a hyphen, up to this one
    double ratio = 0;                     ///< glue set ratio of the line ending here
    std::optional<std::size_t> previous;  ///< index into the node store
};

bool is_feasible_break(const std::vector<BreakItem>& items, std::size_t index) {
    const BreakItem& item = items[index];
    if (item.kind == BreakItem::Kind::penalty) return item.penalty < infinite_penalty;
    if (item.kind == BreakItem::Kind::glue) return index > 0 && items[index - 1].kind == BreakItem::Kind::box;
    return false;
}

class KnuthPlass {
public:
    KnuthPlass(const std::vector<BreakItem>& items, double line_width, double right_stretch,
               const style::LineBreaking& settings)
        : items_(items), line_width_(line_width), right_stretch_(right_stretch), settings_(settings) {
        if (!settings.justify) find_later_breaks();
    }

    /// One pass; breaks at hyphens (flagged penalties) are considered when
    /// `at_hyphens`.
    std::optional<std::vector<BrokenLine>> run(double tolerance, bool at_hyphens) {
        nodes_.clear();
        active_.clear();
        nodes_.push_back(Node{});
        active_.push_back(0);
        Totals running;
        for (std::size_t index = 0; index < items_.size(); ++index) {
            const BreakItem& item = items_[index];
            if (item.kind == BreakItem::Kind::box) {
                running.width += item.width;
                continue;
            }
            // A discretionary break (it shows a hyphen: hyphenation, a soft
            // hyphen) is always a candidate; an explicit hyphen's is when
            // `at_hyphens`.
            const bool at_explicit_hyphen =
                item.kind == BreakItem::Kind::penalty && item.flagged && item.width == 0;
            if (is_feasible_break(items_, index) && (at_hyphens || !at_explicit_hyphen))
                consider_break(index, running, tolerance);
            if (item.kind == BreakItem::Kind::glue) {
                running.width += item.width;
                running.stretch += item.stretch;
                running.shrink += item.shrink;
            }
            if (active_.empty()) return std::nullopt;
        }
        return best_lines();
    }

private:
    /// Sums from the start of the paragraph to just after a break at
    /// `index`: glue and penalties right after a break are discarded.
    Totals totals_after(std::size_t index, const Totals& running) const {
        Totals totals = running;
        for (std::size_t next = index; next < items_.size(); ++next) {
            const BreakItem& item = items_[next];
            if (item.kind == BreakItem::Kind::box) break;
            if (item.kind == BreakItem::Kind::penalty && item.penalty <= -infinite_penalty && next > index)
                break;
            if (item.kind == BreakItem::Kind::glue) {
                totals.width += item.width;
                totals.stretch += item.stretch;
                totals.shrink += item.shrink;
            }
        }
        return totals;
    }

    double ratio_for(const Node& from, std::size_t index, const Totals& running) const {
        double width = running.width - from.totals.width;
        if (items_[index].kind == BreakItem::Kind::penalty) width += items_[index].width;
        const double stretch = running.stretch - from.totals.stretch + right_stretch_;
        const double shrink = running.shrink - from.totals.shrink;
        if (width < line_width_ - width_epsilon) {
            return stretch > 0 ? (line_width_ - width) / stretch : infinitely_bad;
        }
        if (width > line_width_ + width_epsilon) {
            return shrink > 0 ? (line_width_ - width) / shrink : -infinitely_bad;
        }
        return 0;
    }

    void consider_break(std::size_t index, const Totals& running, double tolerance) {
        const BreakItem& item = items_[index];
        const bool forced = item.kind == BreakItem::Kind::penalty && item.penalty <= -infinite_penalty;
        // The best node for each fitness class and number of hyphenated
        // lines in a row: a path with fewer may go on to hyphenate where
        // a cheaper one with more may not.
        const auto most_in_a_row = static_cast<std::size_t>(std::max(settings_.consecutive_hyphens, 0));
        const std::size_t classes = 4 * (most_in_a_row + 1);
        std::vector<Node> candidates(classes);
        std::vector<bool> has_candidate(classes, false);
        std::vector<std::size_t> still_active;
        for (const std::size_t node_index : active_) {
            const Node& from = nodes_[node_index];
            const double ratio = ratio_for(from, index, running);
            if (ratio < overfull_ratio || forced) {
                // This node cannot reach any later break (too much on the
                // line), or the paragraph ends here.
            } else {
                still_active.push_back(node_index);
            }
            const double line_badness = badness(ratio);
            if (ratio < overfull_ratio || line_badness > tolerance) continue;
            if (!forced && fills_further(from, index)) continue;
            double demerits = std::pow(settings_.line_penalty + line_badness, 2);
            if (item.kind == BreakItem::Kind::penalty) {
                if (item.penalty >= 0) {
                    demerits += item.penalty * item.penalty;
                } else if (item.penalty > -infinite_penalty) {
                    demerits -= item.penalty * item.penalty;
                }
            }
            const bool hyphenated = item.kind == BreakItem::Kind::penalty && item.flagged;
            const int in_a_row = hyphenated ? from.hyphens_in_a_row + 1 : 0;
            if (in_a_row > settings_.consecutive_hyphens) continue;
            if (hyphenated && from.hyphenated) demerits += settings_.double_hyphen_demerits;
            // The paragraph's last line starts with a word's end.
            if (forced && from.hyphenated) demerits += settings_.final_hyphen_demerits;
            const int fitness = fitness_class(ratio);
            if (std::abs(fitness - from.fitness) > 1) demerits += settings_.fitness_demerits;
            demerits += from.demerits;
            const auto cls =
                static_cast<std::size_t>(fitness) * (most_in_a_row + 1) + static_cast<std::size_t>(in_a_row);
            if (!has_candidate[cls] || demerits < candidates[cls].demerits) {
                has_candidate[cls] = true;
                candidates[cls] = Node{index,     from.line + 1, fitness,  totals_after(index, running),
                                       demerits,  hyphenated,    in_a_row, ratio,
                                       node_index};
            }
        }
        active_ = std::move(still_active);
        for (std::size_t cls = 0; cls < candidates.size(); ++cls) {
            if (!has_candidate[cls]) continue;
            nodes_.push_back(candidates[cls]);
            active_.push_back(nodes_.size() - 1);
        }
        if (forced) {
            // Only the nodes just made at the final break survive.
            std::vector<std::size_t> final_nodes;
            for (const std::size_t node_index : active_) {
                if (nodes_[node_index].position == index) final_nodes.push_back(node_index);
            }
            active_ = std::move(final_nodes);
        }
    }

    /// Ragged text fills each line first: total fit alone would end a line
    /// early, leaving out a word that fits, to make a later line fuller,
    /// since a line's badness grows with the cube of its free space.
    /// Justified text needs that balance; a ragged margin does not, and a
    /// reader sees the word that would have fitted. So a ragged line may not
    /// end where a break at least as good (no higher penalty) still fits on
    /// it further on.
    void find_later_breaks() {
        width_before_.resize(items_.size() + 1);
        double width = 0;
        for (std::size_t index = 0; index < items_.size(); ++index) {
            width_before_[index] = width;
            if (items_[index].kind != BreakItem::Kind::penalty) width += items_[index].width;
        }
        width_before_[items_.size()] = width;
        // The next break no worse than each break: a stack of the breaks
        // after it, their penalties rising from the top (the next smaller
        // element, in one pass from the end).
        next_no_worse_.assign(items_.size(), std::nullopt);
        std::vector<std::size_t> later;
        for (std::size_t index = items_.size(); index-- > 0;) {
            if (!is_feasible_break(items_, index)) continue;
            while (!later.empty() && penalty_of(later.back()) > penalty_of(index)) later.pop_back();
            if (!later.empty()) next_no_worse_[index] = later.back();
            later.push_back(index);
        }
    }

    [[nodiscard]] double penalty_of(std::size_t index) const {
        return items_[index].kind == BreakItem::Kind::penalty ? items_[index].penalty : 0;
    }

    /// Whether a ragged line from `from` could end at a break no worse than
    /// `index`, further on (see find_later_breaks).
    [[nodiscard]] bool fills_further(const Node& from, std::size_t index) const {
        if (next_no_worse_.empty() || !next_no_worse_[index]) return false;
        const std::size_t later = *next_no_worse_[index];
        double width = width_before_[later] - from.totals.width;
        if (items_[later].kind == BreakItem::Kind::penalty) width += items_[later].width;
        return width <= line_width_ + width_epsilon;
    }

    std::optional<std::vector<BrokenLine>> best_lines() const {
        if (active_.empty()) return std::nullopt;
        const std::size_t best = *std::min_element(
            active_.begin(), active_.end(),
            [&](std::size_t a, std::size_t b) { return nodes_[a].demerits < nodes_[b].demerits; });
        std::vector<std::size_t> chain;
        for (std::optional<std::size_t> node = best; node && *node != 0; node = nodes_[*node].previous) {
            chain.push_back(*node);
        }
        std::reverse(chain.begin(), chain.end());
        std::vector<BrokenLine> lines;
        std::size_t previous = 0;
        for (const std::size_t node_index : chain) {
            const Node& node = nodes_[node_index];
            const Node& from = nodes_[previous];
            lines.push_back(
                BrokenLine{first_kept(from.position, previous == 0), node.position, node.ratio, false});
            previous = node_index;
        }
        return lines;
    }

    /// The first item of a line: after a break, discardable items go.
    std::size_t first_kept(std::size_t break_position, bool paragraph_start) const {
        if (paragraph_start) return 0;
        std::size_t index = break_position + 1;
        while (index < items_.size() && items_[index].kind != BreakItem::Kind::box) {
            if (items_[index].kind == BreakItem::Kind::penalty && items_[index].penalty <= -infinite_penalty)
                break;
            ++index;
        }
        return index;
    }

    const std::vector<BreakItem>& items_;
    double line_width_;
    double right_stretch_;
    const style::LineBreaking& settings_;
    std::vector<Node> nodes_;
    std::vector<std::size_t> active_;
    /// Ragged text only: the natural width before each item, and the next
    /// feasible break with no higher penalty after each feasible break.
    std::vector<double> width_before_;
    std::vector<std::optional<std::size_t>> next_no_worse_;
};

/// Greedy breaking: as many items per line as fit; a box wider than the
/// line makes an overfull line of its own.
std::vector<BrokenLine> first_fit(const std::vector<BreakItem>& items, double line_width,
                                  double right_stretch) {
    std::vector<BrokenLine> lines;
    std::size_t begin = 0;
    while (begin < items.size()) {
        double width = 0;
        double stretch = right_stretch;
        double shrink = 0;
        std::optional<std::size_t> last_break;
        double width_at_break = 0;
        double stretch_at_break = 0;
        double shrink_at_break = 0;
        std::size_t index = begin;
        bool forced = false;
        for (; index < items.size(); ++index) {
            const BreakItem& item = items[index];
            if (is_feasible_break(items, index) && index > begin) {
                const double break_width = width + (item.kind == BreakItem::Kind::penalty ? item.width : 0);
                if (break_width - shrink > line_width + width_epsilon && last_break) break;
                last_break = index;
                width_at_break = break_width;
                stretch_at_break = stretch;
                shrink_at_break = shrink;
                if (item.kind == BreakItem::Kind::penalty && item.penalty <= -infinite_penalty) {
                    forced = true;
                    break;
                }
            }
            if (item.kind != BreakItem::Kind::penalty) width += item.width;
            if (item.kind == BreakItem::Kind::glue) {
                stretch += item.stretch;
                shrink += item.shrink;
            }
        }
        const std::size_t end = last_break.value_or(items.size());
        double ratio = 0;
        if (width_at_break < line_width) {
            ratio = stretch_at_break > 0 ? (line_width - width_at_break) / stretch_at_break : 0;
        } else if (width_at_break > line_width) {
            ratio =
                shrink_at_break > 0 ? (line_width - width_at_break) / shrink_at_break : overfull_ratio - 1;
        }
        lines.push_back(BrokenLine{begin, end, std::max(ratio, overfull_ratio), ratio < overfull_ratio});
        if (forced || end >= items.size()) break;
        begin = end + 1;
        while (begin < items.size() && items[begin].kind != BreakItem::Kind::box) ++begin;
        if (begin >= items.size()) break;
    }
    return lines;
}

}  // namespace

void finish_paragraph(std::vector<BreakItem>& items) {
    // TeX ends a paragraph with \penalty10000 \parfillskip \penalty-10000.
    items.push_back(BreakItem::make_penalty(0, infinite_penalty));
    items.push_back(BreakItem::glue(0, infinite_stretch, 0));
    items.push_back(BreakItem::make_penalty(0, -infinite_penalty));
}

LineBreakResult break_lines(const std::vector<BreakItem>& items, double line_width, double font_size,
                            const style::LineBreaking& settings) {
    // Ragged right: the right margin stretches (TeX's \rightskip); the
    // interword glue of the items should then have no stretch or shrink.
    const double right_stretch = settings.justify ? 0 : settings.ragged_stretch * font_size;
    KnuthPlass algorithm{items, line_width, right_stretch, settings};
    // Ragged right, a line ending early costs nothing but a shorter line,
    // while a word broken at its hyphen ("Vision-" / "Language") reads as
    // two words in pdfminer and MuPDF (which ignore /ActualText): so any
    // line that is not overfull comes before a break at an explicit
    // hyphen, which is left for a word wider than the column. Breaks at
    // hyphenation points and soft hyphens, which a style asks for or a
    // writer puts, are weighed in every pass, at their penalty. Justified,
    // a line that loose would gape: TeX's order, hyphens and tolerance
    // together.
    if (!settings.justify) {
        if (auto lines = algorithm.run(settings.tolerance, false)) return {std::move(*lines), false};
        if (auto lines = algorithm.run(second_pass_tolerance, false)) return {std::move(*lines), false};
    } else if (auto lines = algorithm.run(settings.tolerance, true)) {
        return {std::move(*lines), false};
    }
    if (auto lines = algorithm.run(second_pass_tolerance, true)) return {std::move(*lines), false};
    return {first_fit(items, line_width, right_stretch), true};
}

}  // namespace vitae::layout
