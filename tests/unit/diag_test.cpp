#include <catch2/catch.hpp>

#include <sstream>

#include "unit/support.hpp"

using vitae::Diagnostics;
using vitae::test::region;

TEST_CASE("a diagnostic prints as file:line:col: severity: message (hint)", "[diag]") {
    Diagnostics diagnostics;
    diagnostics.error(region("cv.toml", 3, 7), "unknown key 'titel' in entry", "did you mean 'title'?");
    diagnostics.warning(region("cv.toml", 9, 1), "end date is before the start date");
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{"cv.toml:3:7: error: unknown key 'titel' in entry (did you mean 'title'?)",
                                   "cv.toml:9:1: warning: end date is before the start date"});
    CHECK(diagnostics.error_count() == 1);
    CHECK(diagnostics.warning_count() == 1);
    CHECK(diagnostics.has_errors());
}

TEST_CASE("a problem with a whole file prints without a position", "[diag]") {
    Diagnostics diagnostics;
    diagnostics.error(vitae::SourceRegion{std::make_shared<const std::string>("missing.toml"), {}, {}},
                      "cannot read the file: No such file or directory");
    std::ostringstream out;
    diagnostics.print(out);
    CHECK(out.str() == "missing.toml: error: cannot read the file: No such file or directory\n");
}

TEST_CASE("sorting keeps files in first-seen order and orders positions within a file", "[diag]") {
    Diagnostics diagnostics;
    diagnostics.error(region("b.toml", 5, 1), "b5");
    diagnostics.error(region("a.toml", 9, 1), "a9");
    diagnostics.error(region("b.toml", 2, 4), "b2");
    diagnostics.error(region("a.toml", 1, 1), "a1");
    diagnostics.warning(region("b.toml", 2, 4), "b2 second");
    diagnostics.sort_by_position();
    std::vector<std::string> messages;
    for (const auto& diagnostic : diagnostics.items()) messages.push_back(diagnostic.message);
    CHECK(messages == std::vector<std::string>{"b2", "b2 second", "b5", "a1", "a9"});
}

TEST_CASE("text diagnostics show control characters from the input as escapes", "[diag]") {
    // An OSC title sequence, a forged GitHub Actions command on a new line,
    // a C1 CSI, a line separator, DEL and an invalid byte.
    const std::string hostile =
        "key\x1B]0;owned\x07\n::warning::forged\r\xC2\x9B"
        "2J\u2028\x7F\xFF\t.";
    CHECK(vitae::printable(hostile) ==
          "key\\x1B]0;owned\\x07\\n::warning::forged\\r\\u009B2J\\u2028\\x7F\\xFF\\t.");
    CHECK(vitae::printable("Zürich café — 東京 ✓") == "Zürich café — 東京 ✓");
    CHECK(vitae::printable("\xE2\x80") == "\\xE2\\x80");  // a sequence cut short

    Diagnostics diagnostics;
    diagnostics.error(region("cv\n.toml", 3, 7), "unknown key '" + hostile + "'", "did you mean '\x1B[2J'?");
    const std::vector<std::string> lines = vitae::test::lines(diagnostics);
    REQUIRE(lines.size() == 1);
    CHECK(lines.front() ==
          "cv\\n.toml:3:7: error: unknown key "
          "'key\\x1B]0;owned\\x07\\n::warning::forged\\r\\u009B2J\\u2028\\x7F"
          "\\xFF\\t.' (did you mean '\\x1B[2J'?)");
}
