#pragma once
// Telling the CV's owner in author lists, however a paper spells the name:
// "Zangwei Zheng", "Zheng, Zangwei", "Z. Zheng", "Zheng Z.", "zangwei zheng".
//
// Rules (docs/cv-format.md, "Finding the owner in author lists"):
// - Names are compared folded: case is ignored, accents are dropped (é → e,
//   ü → u, ß → ss, ø → o), periods and apostrophes are ignored, runs of
//   spaces are one space. Folding covers ASCII, Latin-1 Supplement, Latin
//   Extended-A and combining accents; other scripts compare as written.
// - "Last, First" puts the surname first; so do trailing initials without a
//   comma ("Zheng Z.", "Sartre J.-P."). Otherwise the last word is the
//   surname.
// - Hyphens and spaces inside a given name or a surname are alike:
//   "Jean-Paul" = "Jean Paul", "Núñez-García" = "Núñez García".
// - The surname is compared whole: "García" is not "Núñez-García".
// - Given names match part by part, where an initial in the author list
//   stands for any name with that first letter ("J.-P." = "Jean-Paul");
//   a single initial stands for all given names ("J. Sartre"). So
//   "Z. Zheng" is taken for "Zangwei Zheng" although another Z. Zheng may
//   exist: ambiguous, by design. A full given name must equal the owner's
//   ("Zian Zheng" is not "Zangwei Zheng").
// - An initial among the owner's own spellings stands only for itself: an
//   alias "Z. Zheng" matches "Z. Zheng", never "Zian Zheng".
// - Given names written without a break match ("Zang Wei" = "Zangwei").

#include <string>
#include <string_view>
#include <vector>

#include "vitae/model/model.hpp"

namespace vitae::style {

/// `name` as names are compared: case folded, accents and periods dropped,
/// whitespace collapsed ("  José  M. Núñez " → "jose m nunez").
[[nodiscard]] std::string fold_name(std::string_view name);

/// A personal name split for comparison, each word or hyphenated piece of
/// a word folded into a part of its own.
struct NameParts {
    std::vector<std::string> given;    ///< in order: "Jean-Paul" → {"jean", "paul"}
    std::vector<std::string> surname;  ///< "Núñez-García" → {"nunez", "garcia"}

    friend bool operator==(const NameParts&, const NameParts&) = default;
};

/// Splits `name` into given names and surname by the rules above.
[[nodiscard]] NameParts split_name(std::string_view name);

/// Whether `author`, as an author list prints it, names the person whose
/// name is spelled `owner`. Not symmetric: initials in `author` stand for
/// full names in `owner`, not the other way round.
[[nodiscard]] bool is_same_person(std::string_view author, std::string_view owner);

/// Finds the CV's owner in author lists: the owner's name and aliases,
/// split once, compared with each author.
class NameMatcher {
public:
    /// Matches nothing.
    NameMatcher() = default;
    /// The person's name (its plain text) and every alias.
    explicit NameMatcher(const cv::Person& person);
    explicit NameMatcher(const std::vector<std::string>& owner_spellings);

    [[nodiscard]] bool matches(std::string_view author) const;
    /// Markup does not count: the author's plain text is compared.
    [[nodiscard]] bool matches(const cv::RichText& author) const;

private:
    std::vector<NameParts> owner_spellings_;
};

}  // namespace vitae::style
