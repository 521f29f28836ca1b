#include <catch2/catch.hpp>

#include "vitae/base/suggest.hpp"

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[suggest]") {
    CHECK(vitae::edit_distance("title", "title") == 0);
    CHECK(vitae::edit_distance("titel", "title") == 1);  // swap
    CHECK(vitae::edit_distance("tite", "title") == 1);
    CHECK(vitae::edit_distance("subtitles", "subtitle") == 1);
    CHECK(vitae::edit_distance("Title", "title") == 0);
    CHECK(vitae::edit_distance("", "abc") == 3);
}

TEST_CASE("a suggestion is made only for a plausible typo", "[suggest]") {
    const std::vector<std::string_view> keys = {"title",      "subtitle", "location",
                                                "highlights", "start",    "end"};
    CHECK(vitae::closest_match("titel", keys) == "title");
    CHECK(vitae::closest_match("hilights", keys) == "highlights");
    CHECK(vitae::closest_match("locaton", keys) == "location");
    CHECK(vitae::closest_match("ned", keys) == "end");
    CHECK(vitae::closest_match("banana", keys).empty());
    CHECK(vitae::did_you_mean("strat", keys) == "did you mean 'start'?");
    CHECK(vitae::did_you_mean("zzzzzz", keys).empty());
}

TEST_CASE("a bounded edit distance stops past its limit", "[suggest]") {
    CHECK(vitae::edit_distance("titel", "title", 1) == 1);
    CHECK(vitae::edit_distance("banana", "title", 2) == 3);  // limit + 1: too far
    CHECK(vitae::edit_distance("a", "abcdefgh", 3) == 4);    // the lengths alone rule it out
    CHECK(vitae::edit_distance("abcdefgh", "abcdefgh", 0) == 0);
}

TEST_CASE("suggestions do bounded work on hostile words and lists", "[suggest]") {
    const std::vector<std::string_view> keys = {"title", "location"};
    // A word longer than any typed key gets no suggestion, even one letter off.
    const std::string long_word(200, 'a');
    const std::string long_candidate = long_word + "b";
    CHECK(vitae::closest_match(long_word, {long_candidate}).empty());
    // Past a hundred misses against one list, the rest get no hint.
    vitae::Suggester suggester{keys};
    for (int i = 0; i < 100; ++i) CHECK(suggester.did_you_mean("titel") == "did you mean 'title'?");
    CHECK(suggester.did_you_mean("titel").empty());
}

TEST_CASE("a word another format uses suggests its meaning among the candidates", "[suggest]") {
    const std::vector<vitae::Synonym> synonyms = {{"position", {"subtitle", "headline"}},
                                                  {"startDate", {"start"}}};
    const std::vector<std::string_view> entry = {"title", "subtitle", "start", "end"};
    const std::vector<std::string_view> person = {"name", "headline", "email"};
    CHECK(vitae::did_you_mean("position", entry, synonyms) == "did you mean 'subtitle'?");
    CHECK(vitae::did_you_mean("position", person, synonyms) == "did you mean 'headline'?");
    // Case, `_`, `-` and spaces aside.
    CHECK(vitae::did_you_mean("start_date", entry, synonyms) == "did you mean 'start'?");
    CHECK(vitae::did_you_mean("Start-Date", entry, synonyms) == "did you mean 'start'?");
    // A synonym with no meaning among the candidates: typos as before.
    CHECK(vitae::did_you_mean("startDate", person, synonyms).empty());
    CHECK(vitae::did_you_mean("titel", entry, synonyms) == "did you mean 'title'?");
    CHECK(vitae::same_word("Google Scholar", "google-scholar"));
    CHECK_FALSE(vitae::same_word("googles", "google"));
}
