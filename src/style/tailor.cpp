// Tailoring: BM25 between a job ad and each item of a CV. The items are
// the documents (the "leaves": highlights, skills, list items, the heads
// of entries and roles, publications, text sections), the ad is the query.
// An entry, role or skill row scores as the best of its head and its
// parts, so that a job whose one bullet matches outranks one that matches
// nothing, and the fitter drops a weak bullet before its job.
#include "vitae/style/tailor.hpp"

#include <fmt/format.h>
#include <libstemmer.h>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "vitae/base/utf8.hpp"
#include "vitae/model/language.hpp"

namespace vitae::style {

namespace {

// --- BM25's settings --------------------------------------------------------

/// Term-frequency saturation: Robertson and Zaragoza's recommended range is
/// 1.2–2.0; the low end suits short texts like bullets, where a repeated
/// word says little more.
constexpr double bm25_k1 = 1.2;
/// Length normalisation, the value of the Okapi experiments (and Lucene's
/// default): a long bullet is not favoured for holding more words.
constexpr double bm25_b = 0.75;
/// Saturation of a term's frequency in the ad (Okapi's k3, 7–1000 in the
/// TREC runs): a word the ad repeats weighs more, eight times not eight-fold.
constexpr double bm25_k3 = 8;
/// Scores closer than this are equal: sums in another order must not
/// reorder bullets.
constexpr double score_epsilon = 1e-9;
/// A word of one character (after case folding) carries no meaning of its
/// own in a Latin script ("a", "I", the "s" of "it's").
constexpr std::size_t shortest_latin_term = 2;
/// The matched terms --explain lists for one item, the weightiest first:
/// an entry matches the union of its bullets' terms, which would fill lines.
constexpr std::size_t explained_terms = 8;
/// The language whose stemmer serves a CV that names none.
constexpr std::string_view fallback_language = "en";

// --- words ------------------------------------------------------------------

/// Scripts written without spaces: a run of their characters is cut into
/// overlapping pairs (bigrams), the usual unit of CJK retrieval.
bool is_unspaced_script(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) ||  // hiragana, katakana
           (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
           (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
           (c >= 0x20000 && c <= 0x2FA1F);  // CJK extensions B–F
}

/// Letters and digits of any script; punctuation, symbols and spaces part
/// words (a rough division that needs no character database: the blocks of
/// punctuation and symbols are excluded by range).
bool is_word_character(char32_t c) {
    if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
    if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
    if (c >= 0xFE30 && c <= 0xFE4F) return false;  // CJK compatibility forms
    if (c >= 0xFF00 && c <= 0xFF0F) return false;  // fullwidth punctuation
    if (c >= 0xFF1A && c <= 0xFF20) return false;
    if (c >= 0xFF3B && c <= 0xFF40) return false;
    if (c >= 0xFF5B && c <= 0xFF65) return false;
    return !utf8::is_space(c) && !utf8::is_control(c);
}

/// A word as written and as compared.
struct Word {
    std::string surface;  ///< as written
    std::string term;     ///< folded and stemmed
};

/// Function words of the languages with a list: they match everything
/// and mean nothing. Other languages rely on BM25's rarity weight alone.
const std::unordered_set<std::string_view>& stop_words(std::string_view language) {
    static const std::unordered_map<std::string_view, std::unordered_set<std::string_view>> lists{
#include "stop_words.inc"
    };
    static const std::unordered_set<std::string_view> none;
    const auto found = lists.find(language);
    return found == lists.end() ? none : found->second;
}

struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using Stemmer = std::unique_ptr<sb_stemmer, StemmerDeleter>;

/// Snowball's name of a language: its ISO 639-1 code, but for the two
/// written forms of Norwegian, which share Snowball's one stemmer ("no").
std::string snowball_language(std::string_view language) {
    if (language == "nb" || language == "nn") return "no";
    return std::string{language};
}

/// Cuts texts into terms: case folded, stop words out, stemmed by the
/// language's Snowball stemmer when there is one.
class Analyzer {
public:
    explicit Analyzer(std::string_view language)
        : stemmer_(sb_stemmer_new(snowball_language(language).c_str(), "UTF_8")),
          stop_words_(stop_words(language)) {}

    [[nodiscard]] std::vector<Word> words(std::string_view text) const {
        std::vector<Word> found;
        std::size_t offset = 0;
        while (offset < text.size()) {
            const std::size_t start = offset;
            const char32_t c = utf8::next(text, offset);
            if (is_unspaced_script(c)) {
                offset = unspaced_run(text, start, found);
            } else if (is_word_character(c)) {
                offset = spaced_word(text, start, found);
            }
        }
        return found;
    }

private:
    /// "C++", "C#", "Node.js", "ASP.NET": a word may hold `+` and `#` at its
    /// end and `.` between letters; a hyphen or apostrophe parts it.
    std::size_t spaced_word(std::string_view text, std::size_t start, std::vector<Word>& found) const {
        std::size_t end = start;
        std::size_t offset = start;
        while (offset < text.size()) {
            std::size_t next = offset;
            const char32_t c = utf8::next(text, next);
            if (is_word_character(c) && !is_unspaced_script(c)) {
                end = offset = next;
            } else if ((c == U'+' || c == U'#') && end == offset) {
                end = offset = next;
            } else if (c == U'.' && end == offset && next < text.size()) {
                std::size_t after = next;
                if (!is_word_character(utf8::next(text, after))) break;
                offset = next;
            } else {
                break;
            }
        }
        add(text.substr(start, end - start), found);
        return std::max(end, start + 1);
    }

    /// Overlapping pairs of characters, a single one alone.
    static std::size_t unspaced_run(std::string_view text, std::size_t start, std::vector<Word>& found) {
        std::vector<std::size_t> starts;
        std::size_t offset = start;
        while (offset < text.size()) {
            std::size_t next = offset;
            if (!is_unspaced_script(utf8::next(text, next))) break;
            starts.push_back(offset);
            offset = next;
        }
        starts.push_back(offset);
        if (starts.size() == 2) {
            const std::string single{text.substr(start, offset - start)};
            found.push_back({single, single});
        }
        for (std::size_t i = 0; i + 2 < starts.size(); ++i) {
            const std::string pair{text.substr(starts[i], starts[i + 2] - starts[i])};
            found.push_back({pair, pair});
        }
        return offset;
    }

    void add(std::string_view surface, std::vector<Word>& found) const {
        std::string folded;
        std::size_t offset = 0;
        bool plain_letters = true;  // no `+`, `#` or `.`: a word the stemmer knows
        while (offset < surface.size()) {
            const char32_t c = utf8::next(surface, offset);
            if (c == U'+' || c == U'#' || c == U'.') plain_letters = false;
            utf8::append(folded, utf8::to_lower(c));
        }
        if (utf8::length(folded) < shortest_latin_term || stop_words_.contains(folded)) return;
        std::string term = folded;
        if (plain_letters && stemmer_) {
            const sb_symbol* stemmed =
                sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(folded.data()),
                                static_cast<int>(folded.size()));
            if (stemmed != nullptr) {
                term.assign(reinterpret_cast<const char*>(stemmed),
                            static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
            }
        }
        found.push_back({std::string{surface}, std::move(term)});
    }

    Stemmer stemmer_;
    const std::unordered_set<std::string_view>& stop_words_;
};

// --- synonyms ---------------------------------------------------------------

/// Names a job ad and a CV often write differently. A CV adds its own
/// groups with `synonyms`.
const std::vector<std::vector<std::string_view>>& built_in_synonyms() {
    static const std::vector<std::vector<std::string_view>> groups{
        {"JavaScript", "JS", "ECMAScript"},
        {"TypeScript", "TS"},
        {"Kubernetes", "k8s"},
        {"PostgreSQL", "Postgres"},
        {"machine learning", "ML"},
        {"deep learning", "DL"},
        {"artificial intelligence", "AI"},
        {"natural language processing", "NLP"},
        {"large language model", "LLM"},
        {"reinforcement learning", "RL"},
        {"continuous integration", "CI"},
        {"continuous delivery", "continuous deployment", "CD"},
        {"Amazon Web Services", "AWS"},
        {"Google Cloud", "GCP", "Google Cloud Platform"},
        {"Microsoft Azure", "Azure"},
        {"user experience", "UX"},
        {"user interface", "UI"},
        {"quality assurance", "QA"},
        {"Golang", "Go"},
        {"C++", "CPP"},
    };
    return groups;
}

/// The term that stands for a synonym group: `≈N`, which no word can be
/// (the analyzer parts words at `≈`).
std::string group_term(std::size_t group) {
    return fmt::format("\u2248{}", group);
}

bool is_group(std::string_view term) {
    return term.starts_with("\u2248");
}

/// A phrase of a synonym group, as terms.
struct Phrase {
    std::vector<std::string> terms;
    std::size_t group = 0;
};

/// Adds a group's term (written `≈N`, which no word can be) after every
/// phrase of the group found in a text's terms.
class Synonyms {
public:
    Synonyms(const Analyzer& analyzer, const std::vector<cv::SynonymGroup>& own) {
        for (const auto& group : built_in_synonyms()) add_group(group, analyzer);
        for (const cv::SynonymGroup& group : own) add_group(group.phrases, analyzer);
    }

    [[nodiscard]] std::vector<Word> expanded(std::vector<Word> words) const {
        const std::size_t count = words.size();
        for (std::size_t i = 0; i < count; ++i) {
            const auto found = by_first_term_.find(words[i].term);
            if (found == by_first_term_.end()) continue;
            for (const Phrase& phrase : found->second) {
                if (i + phrase.terms.size() > count) continue;
                bool matches = true;
                for (std::size_t k = 1; k < phrase.terms.size() && matches; ++k) {
                    matches = words[i + k].term == phrase.terms[k];
                }
                if (matches) words.push_back({labels_[phrase.group], group_term(phrase.group)});
            }
        }
        return words;
    }

private:
    template <typename Text>
    void add_group(const std::vector<Text>& phrases, const Analyzer& analyzer) {
        const std::size_t group = labels_.size();
        std::vector<std::string> written;
        for (const auto& phrase : phrases) {
            std::vector<std::string> terms;
            for (Word& word : analyzer.words(phrase)) terms.push_back(std::move(word.term));
            if (terms.empty()) continue;
            written.emplace_back(phrase);
            by_first_term_[terms.front()].push_back({std::move(terms), group});
        }
        labels_.push_back(fmt::format("{}", fmt::join(written, " \u2248 ")));
    }

    std::unordered_map<std::string, std::vector<Phrase>> by_first_term_;
    std::vector<std::string> labels_;  ///< per group: "PyTorch ≈ deep learning"
};

// --- the items --------------------------------------------------------------

/// A text BM25 scores: the head of an entry, a bullet, a skill.
struct Leaf {
    std::map<std::string, std::size_t> counts;  ///< term → times
    std::size_t length = 0;
};

/// One item of the CV, with the leaves that stand for it: its own text
/// and, for an entry, role or skill row, the items inside it.
struct Scored {
    cv::Selectable* item = nullptr;
    std::string what;
    Leaf own;
    std::vector<std::size_t> parts;  ///< indexes of the items inside it
    double score = 0;
    std::vector<std::string> terms;  ///< matched terms, ad's terms
};

class Tailor {
public:
    Tailor(cv::Document& document, std::string_view ad)
        : document_(document), analyzer_(language_of(document)), synonyms_(analyzer_, document.synonyms) {
        for (const Word& word : synonyms_.expanded(analyzer_.words(ad))) {
            auto [place, added] = ad_terms_.try_emplace(word.term, AdTerm{word.surface, 0});
            if (added) ad_order_.push_back(word.term);
            ++place->second.count;
        }
    }

    Tailoring run(std::string ad_path) {
        collect();
        statistics();
        for (Scored& scored : scored_) score_own(scored);
        // Parts come after their owner in scored_: owners are finished last.
        for (std::size_t i = scored_.size(); i-- > 0;) take_best_part(scored_[i]);
        for (Scored& scored : scored_) scored.item->relevance = scored.score;
        Tailoring result;
        result.ad_path = std::move(ad_path);
        result.ad_terms = static_cast<std::size_t>(std::count_if(
            ad_order_.begin(), ad_order_.end(), [](const std::string& term) { return !is_group(term); }));
        reorder(result);
        missing(result);
        return result;
    }

private:
    struct AdTerm {
        std::string surface;
        std::size_t count = 0;
    };

    static std::string language_of(const cv::Document& document) {
        return document.language.empty() ? std::string{fallback_language}
                                         : cv::primary_language(document.language);
    }

    /// A bullet's text and the text of the bullets under it: they stand,
    /// are scored and go together.
    static std::vector<const cv::RichText*> texts_of(const cv::Item& item) {
        std::vector<const cv::RichText*> texts{&item.text};
        for (const cv::Item& under : item.items) {
            const std::vector<const cv::RichText*> more = texts_of(under);
            texts.insert(texts.end(), more.begin(), more.end());
        }
        return texts;
    }

    Leaf leaf(const std::vector<const cv::RichText*>& texts) const {
        Leaf made;
        for (const cv::RichText* text : texts) {
            for (const Word& word : synonyms_.expanded(analyzer_.words(text->plain()))) {
                ++made.counts[word.term];
                ++made.length;
            }
        }
        return made;
    }

    std::size_t add(cv::Selectable& item, std::string what, const std::vector<const cv::RichText*>& texts) {
        scored_.push_back({&item, std::move(what), leaf(texts), {}, 0, {}});
        return scored_.size() - 1;
    }

    /// Every item in CV order, each owner before its parts.
    void collect() {
        for (cv::Section& section : document_.sections) {
            const std::string title = section.title.plain();
            for (cv::Entry& entry : section.entries) collect(entry, title);
            for (cv::Publication& publication : section.publications) {
                std::vector<const cv::RichText*> texts{&publication.title, &publication.venue,
                                                       &publication.note, &publication.award};
                add(publication, fmt::format("publication '{}' in '{}'", publication.title.plain(), title),
                    texts);
            }
            for (cv::SkillRow& row : section.skills) {
                const std::size_t owner =
                    add(row, fmt::format("skill row '{}' in '{}'", row.label.plain(), title), {&row.label});
                for (cv::Item& skill : row.items) {
                    const std::size_t part =
                        add(skill, fmt::format("skill '{}' in '{}'", skill.text.plain(), row.label.plain()),
                            {&skill.text});
                    scored_[owner].parts.push_back(part);
                }
            }
            for (cv::Item& item : section.items) {
                add(item, fmt::format("list item '{}' in '{}'", item.text.plain(), title), texts_of(item));
            }
            if (section.kind == cv::SectionKind::text) {
                add(section, fmt::format("text section '{}'", title), {&section.text});
            }
        }
    }

    void collect(cv::Entry& entry, const std::string& section_title) {
        const std::string name = entry.title.plain();
        const std::size_t owner = add(entry, fmt::format("entry '{}' in '{}'", name, section_title),
                                      {&entry.title, &entry.subtitle, &entry.description});
        auto bullets = [&](std::vector<cv::Item>& highlights, std::size_t holder, const std::string& of) {
            for (cv::Item& highlight : highlights) {
                const std::size_t part =
                    add(highlight, fmt::format("highlight '{}' of {}", highlight.text.plain(), of),
                        texts_of(highlight));
                scored_[holder].parts.push_back(part);
            }
        };
        bullets(entry.highlights, owner, fmt::format("'{}'", name));
        for (cv::Role& role : entry.roles) {
            const std::size_t held =
                add(role, fmt::format("role '{}' at '{}'", role.title.plain(), name), {&role.title});
            scored_[owner].parts.push_back(held);
            bullets(role.highlights, held, fmt::format("'{}' at '{}'", role.title.plain(), name));
        }
    }

    /// The collection's statistics: how many leaves hold each term, and
    /// their mean length.
    void statistics() {
        std::size_t total = 0;
        for (const Scored& scored : scored_) {
            total += scored.own.length;
            for (const auto& [term, count] : scored.own.counts) ++holders_[term];
        }
        average_length_ =
            scored_.empty() ? 1
                            : std::max(1.0, static_cast<double>(total) / static_cast<double>(scored_.size()));
    }

    /// Rarity in the CV: Robertson–Spärck Jones, kept positive as Lucene
    /// does (log 1 + …), so a term every bullet holds still counts a little.
    double idf(const std::string& term) const {
        const auto found = holders_.find(term);
        const double holding = found == holders_.end() ? 0 : static_cast<double>(found->second);
        const double all = static_cast<double>(scored_.size());
        return std::log(1 + (all - holding + 0.5) / (holding + 0.5));
    }

    void score_own(Scored& scored) const {
        std::vector<std::pair<double, std::string>> matched;
        const double length_ratio = static_cast<double>(scored.own.length) / average_length_;
        for (const auto& [term, count] : scored.own.counts) {
            const auto in_ad = ad_terms_.find(term);
            if (in_ad == ad_terms_.end()) continue;
            const double tf = static_cast<double>(count);
            const double qtf = static_cast<double>(in_ad->second.count);
            const double weight = idf(term) * (tf * (bm25_k1 + 1)) /
                                  (tf + bm25_k1 * (1 - bm25_b + bm25_b * length_ratio)) *
                                  ((bm25_k3 + 1) * qtf) / (bm25_k3 + qtf);
            scored.score += weight;
            matched.emplace_back(weight, in_ad->second.surface);
        }
        std::stable_sort(matched.begin(), matched.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (auto& [weight, surface] : matched) scored.terms.push_back(std::move(surface));
    }

    /// An owner is as relevant as its best part when that beats its head.
    void take_best_part(Scored& owner) {
        // A set beside the list: an entry of 10,000 bullets stays linear.
        std::unordered_set<std::string> listed(owner.terms.begin(), owner.terms.end());
        for (const std::size_t part : owner.parts) {
            const Scored& held = scored_[part];
            if (held.score > owner.score + score_epsilon) owner.score = held.score;
            for (const std::string& term : held.terms) {
                if (listed.insert(term).second) owner.terms.push_back(term);
            }
        }
    }

    /// Bullets and skills, most relevant first (stable: ties keep the CV's
    /// order); then the decisions in the order of the reordered CV.
    void reorder(Tailoring& result) {
        // scored_ points at the items where they were: moved ones are found
        // by their new address afterwards.
        std::unordered_map<const cv::Selectable*, std::size_t> scored_before;
        std::vector<Relevance> decisions(scored_.size());
        for (std::size_t i = 0; i < scored_.size(); ++i) {
            const Scored& scored = scored_[i];
            scored_before[scored.item] = i;
            decisions[i] = {
                scored.item->where, scored.what, scored.score, scored.terms, scored.item->private_note, 0, 0};
        }
        std::unordered_map<const cv::Selectable*, std::size_t> scored_after;
        auto sort = [&](std::vector<cv::Item>& items) {
            std::vector<std::size_t> order(items.size());
            std::vector<std::size_t> indexes;
            for (std::size_t i = 0; i < items.size(); ++i) {
                order[i] = i;
                indexes.push_back(scored_before.at(&items[i]));
            }
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return items[a].relevance > items[b].relevance + score_epsilon;
            });
            std::vector<cv::Item> sorted;
            sorted.reserve(items.size());
            for (const std::size_t i : order) sorted.push_back(std::move(items[i]));
            items = std::move(sorted);
            for (std::size_t after = 0; after < order.size(); ++after) {
                const std::size_t index = indexes[order[after]];
                decisions[index].place_before = order[after] + 1;
                decisions[index].place_after = after + 1;
                scored_after[&items[after]] = index;
            }
        };
        auto report = [&](const cv::Selectable& item, bool moved) {
            const std::size_t index = moved ? scored_after.at(&item) : scored_before.at(&item);
            result.items.push_back(std::move(decisions[index]));
        };
        for (cv::Section& section : document_.sections) {
            for (cv::Entry& entry : section.entries) {
                sort(entry.highlights);
                report(entry, false);
                for (const cv::Item& highlight : entry.highlights) report(highlight, true);
                for (cv::Role& role : entry.roles) {
                    sort(role.highlights);
                    report(role, false);
                    for (const cv::Item& highlight : role.highlights) report(highlight, true);
                }
            }
            for (const cv::Publication& publication : section.publications) report(publication, false);
            for (cv::SkillRow& row : section.skills) {
                sort(row.items);
                report(row, false);
                for (const cv::Item& skill : row.items) report(skill, true);
            }
            for (const cv::Item& item : section.items) report(item, false);
            if (section.kind == cv::SectionKind::text) report(section, false);
        }
    }

    /// The ad's terms no item holds, the most frequent first.
    void missing(Tailoring& result) const {
        for (const std::string& term : ad_order_) {
            if (holders_.contains(term) || is_group(term)) continue;
            const AdTerm& in_ad = ad_terms_.at(term);
            result.missing.push_back({in_ad.surface, in_ad.count});
        }
        std::stable_sort(result.missing.begin(), result.missing.end(),
                         [](const MissingTerm& a, const MissingTerm& b) { return a.count > b.count; });
    }

    cv::Document& document_;
    Analyzer analyzer_;
    Synonyms synonyms_;
    std::unordered_map<std::string, AdTerm> ad_terms_;
    std::vector<std::string> ad_order_;  ///< the ad's terms in first-seen order
    std::vector<Scored> scored_;
    std::unordered_map<std::string, std::size_t> holders_;
    double average_length_ = 1;
};

std::string ordinal_place(std::size_t place) {
    return fmt::format("#{}", place);
}

}  // namespace

Tailoring tailor(cv::Document& document, std::string_view ad, std::string ad_path, Diagnostics& diagnostics) {
    Tailor tailor{document, ad};
    Tailoring result = tailor.run(std::move(ad_path));
    if (result.ad_terms == 0) {
        diagnostics.warning(SourceRegion{std::make_shared<const std::string>(result.ad_path), {}, {}},
                            "the job ad has no words to match: the CV is written as it is");
    }
    return result;
}

void explain(const Tailoring& tailoring, Diagnostics& diagnostics) {
    for (const Relevance& item : tailoring.items) {
        std::string text = fmt::format("job ad: score {:.2f}", item.score);
        auto to = std::back_inserter(text);
        if (item.terms.empty()) {
            fmt::format_to(to, " (no term of the ad)");
        } else {
            const std::size_t listed = std::min(item.terms.size(), explained_terms);
            fmt::format_to(to, " ({}",
                           fmt::join(item.terms.begin(),
                                     item.terms.begin() + static_cast<std::ptrdiff_t>(listed), ", "));
            if (listed < item.terms.size()) fmt::format_to(to, " and {} more", item.terms.size() - listed);
            fmt::format_to(to, ")");
        }
        fmt::format_to(to, ": {}", item.what);
        if (item.place_before != 0 && item.place_before != item.place_after)
            fmt::format_to(to, ", moved {} \u2192 {}", ordinal_place(item.place_before),
                           ordinal_place(item.place_after));
        if (!item.private_note.empty()) fmt::format_to(to, " [note: {}]", item.private_note);
        diagnostics.note(item.where, std::move(text));
    }
}

std::string job_report(const Tailoring& tailoring) {
    std::string report = fmt::format(
        "# Terms of the job ad {} that the CV does not hold, the most frequent first.\n"
        "# {} of its {} terms are missing. Times in the ad, then the term as the ad writes it.\n",
        tailoring.ad_path, tailoring.missing.size(), tailoring.ad_terms);
    auto to = std::back_inserter(report);
    for (const MissingTerm& term : tailoring.missing) fmt::format_to(to, "{}\t{}\n", term.count, term.term);
    return report;
}

}  // namespace vitae::style
