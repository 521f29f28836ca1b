#include <catch2/catch.hpp>

#include "vitae/suggest.hpp"

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
