// Tailoring to a job ad (vitae/style/tailor.hpp): BM25 scores over the
// CV's items, stems and synonyms, the order of bullets and skills, the
// explanation and the report of the ad's missing terms.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "unit/support.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/style/tailor.hpp"

namespace {

using vitae::Diagnostics;
using vitae::cv::Document;

constexpr std::string_view cv_text = R"(synonyms = [["PyTorch", "deep learning"]]

[person]
name = "Ada Lovelace"

[[section]]
title = "Experience"

[[section.entry]]
title = "Acme"
subtitle = "Engineer"
highlights = [
  "Organised the summer party for the whole office.",
  "Migrated every service to Kubernetes clusters.",
  { text = "Trained ranking models in PyTorch.", note = "mention the A/B test" },
  "Wrote the team's Kubernetes runbooks and trained the on-call engineers on Kubernetes.",
]

[[section.entry]]
title = "Globex"
highlights = ["Sold things.", "Answered the phone."]

[[section]]
title = "Skills"
kind = "skills"

[[section.entry]]
label = "Tools"
items = ["Excel", "Terraform", "Kubernetes"]
)";

Document load(std::string_view text = cv_text) {
    Diagnostics diagnostics;
    Document document = vitae::load_cv_text(text, "cv.toml", diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    return document;
}

std::vector<std::string> highlights(const vitae::cv::Entry& entry) {
    std::vector<std::string> texts;
    for (const vitae::cv::Item& item : entry.highlights) texts.push_back(item.text.plain());
    return texts;
}

const vitae::style::Relevance& decision(const vitae::style::Tailoring& tailoring, std::string_view what) {
    const auto found =
        std::find_if(tailoring.items.begin(), tailoring.items.end(),
                     [&](const vitae::style::Relevance& item) { return item.what.starts_with(what); });
    REQUIRE(found != tailoring.items.end());
    return *found;
}

}  // namespace

TEST_CASE("tailoring orders bullets and skills by their score against the ad, ties in CV order", "[tailor]") {
    Document document = load();
    Diagnostics diagnostics;
    const auto tailoring = vitae::style::tailor(
        document, "We run Kubernetes. You know Kubernetes and Terraform; deep learning is a plus.", "ad.txt",
        diagnostics);
    CHECK(diagnostics.empty());
    const auto& acme = document.sections[0].entries[0];
    // The runbook bullet says Kubernetes twice, the migration once (and is
    // shorter); PyTorch matches "deep learning" through the CV's synonyms;
    // the party matches nothing and goes last.
    CHECK(highlights(acme) ==
          std::vector<std::string>{
              "Wrote the team's Kubernetes runbooks and trained the on-call engineers on Kubernetes.",
              "Migrated every service to Kubernetes clusters.",
              "Trained ranking models in PyTorch.",
              "Organised the summer party for the whole office.",
          });
    CHECK(acme.highlights[0].relevance > acme.highlights[1].relevance);
    CHECK(acme.highlights[3].relevance == 0);
    // Untouched entries keep their bullets' order.
    CHECK(highlights(document.sections[0].entries[1]) ==
          std::vector<std::string>{"Sold things.", "Answered the phone."});
    std::vector<std::string> skills;
    for (const auto& item : document.sections[1].skills[0].items) skills.push_back(item.text.plain());
    CHECK(skills == std::vector<std::string>{"Kubernetes", "Terraform", "Excel"});
    // An entry is as relevant as its best part.
    CHECK(acme.relevance == acme.highlights[0].relevance);
    CHECK(document.sections[0].entries[1].relevance == 0);

    const auto& pytorch = decision(tailoring, "highlight 'Trained ranking");
    CHECK(pytorch.terms == std::vector<std::string>{"PyTorch \u2248 deep learning"});
    CHECK(pytorch.place_before == 3);
    CHECK(pytorch.place_after == 3);
    CHECK(pytorch.private_note == "mention the A/B test");
}

TEST_CASE("tailoring is the same every run, and explains every item", "[tailor]") {
    const std::string ad = "Kubernetes, Terraform, Python, PyTorch. Experience with Kubernetes operators.";
    std::vector<std::string> runs;
    for (int run = 0; run < 3; ++run) {
        Document document = load();
        Diagnostics diagnostics;
        const auto tailoring = vitae::style::tailor(document, ad, "ad.txt", diagnostics);
        Diagnostics notes;
        vitae::style::explain(tailoring, notes);
        const std::string report = vitae::style::job_report(tailoring);
        // "Experience" and "with" are no subject.
        CHECK_THAT(report, !Catch::Contains("Experience"));
        std::string text = report;
        for (const std::string& line : vitae::test::lines(notes)) text += line + "\n";
        runs.push_back(text);
        // Every entry, bullet, skill row and skill has a decision, in CV order.
        CHECK(tailoring.items.size() == 2 + 4 + 2 + 1 + 3);
        CHECK(notes.items().size() == tailoring.items.size());
    }
    CHECK(runs[0] == runs[1]);
    CHECK(runs[1] == runs[2]);
    CHECK_THAT(runs[0], Catch::Contains("cv.toml:15:3: note: job ad: score"));
    CHECK_THAT(runs[0], Catch::Contains("[note: mention the A/B test]"));
    CHECK_THAT(runs[0], Catch::Contains("(no term of the ad): highlight 'Sold things.' of 'Globex'"));
    CHECK_THAT(runs[0], Catch::Contains("moved #4 \u2192 #1"));
    // "Python" and "operators" are the ad's, not the CV's.
    CHECK_THAT(runs[0], Catch::Contains("\n1\tPython\n1\toperators\n"));
}

TEST_CASE("tailoring compares stems in the CV's language, case and accents as written", "[tailor]") {
    Document english = load(R"([person]
name = "A"
[[section]]
title = "Work"
[[section.entry]]
title = "E"
highlights = ["Managed the deployments.", "Cooked."]
)");
    Diagnostics diagnostics;
    auto tailoring = vitae::style::tailor(english, "You will manage deployment", "ad.txt", diagnostics);
    CHECK(decision(tailoring, "highlight 'Managed").terms ==
          std::vector<std::string>{"deployment", "manage"});

    Document german = load(R"(lang = "de"
[person]
name = "A"
[[section]]
title = "Arbeit"
[[section.entry]]
title = "E"
highlights = ["Betreute die Datenbanken.", "Kochte."]
)");
    tailoring =
        vitae::style::tailor(german, "Sie betreuen unsere Datenbank und die Server.", "ad.txt", diagnostics);
    CHECK(decision(tailoring, "highlight 'Betreute").score > 0);
    CHECK(decision(tailoring, "highlight 'Kochte").score == 0);
    // "und", "die", "unsere" are German function words; Snowball's German
    // stemmer keeps "betreuen" and "betreute" apart.
    REQUIRE(tailoring.missing.size() == 2);
    CHECK(tailoring.missing.at(0).term == "betreuen");
    CHECK(tailoring.missing.at(1).term == "Server");
}

TEST_CASE("Norwegian Bokmål is stemmed by Snowball's Norwegian stemmer", "[tailor]") {
    Document norwegian = load(R"(lang = "nb"
[person]
name = "A"
[[section]]
title = "Arbeid"
[[section.entry]]
title = "E"
highlights = ["Drev databasene.", "Kokte."]
)");
    Diagnostics diagnostics;
    const auto tailoring = vitae::style::tailor(norwegian, "Du drifter databaser.", "ad.txt", diagnostics);
    // "databasene" (the databases) and "databaser" (databases) share the stem "databas".
    CHECK(decision(tailoring, "highlight 'Drev").terms == std::vector<std::string>{"databaser"});
    CHECK(decision(tailoring, "highlight 'Kokte").score == 0);
}

TEST_CASE("tailoring cuts text without spaces into pairs of characters", "[tailor]") {
    Document document = load(R"(lang = "ja"
[person]
name = "山田"
[[section]]
title = "職歴"
[[section.entry]]
title = "E"
highlights = ["機械学習の基盤を構築した。", "社内の運動会を企画した。"]
)");
    Diagnostics diagnostics;
    const auto tailoring =
        vitae::style::tailor(document, "機械学習エンジニアを募集します", "ad.txt", diagnostics);
    CHECK(document.sections[0].entries[0].highlights[0].text.plain() == "機械学習の基盤を構築した。");
    CHECK(decision(tailoring, "highlight '機械学習").score > 0);
    CHECK(decision(tailoring, "highlight '社内").score == 0);
}

TEST_CASE("an ad without words changes nothing and says so", "[tailor]") {
    Document document = load();
    Diagnostics diagnostics;
    const auto tailoring = vitae::style::tailor(document, "## --- * the and of", "ad.md", diagnostics);
    CHECK(vitae::test::lines(diagnostics) ==
          std::vector<std::string>{
              "ad.md: warning: the job ad has no words to match: the CV is written as it is"});
    CHECK(highlights(document.sections[0].entries[0]).front() ==
          "Organised the summer party for the whole office.");
    CHECK(tailoring.missing.empty());
}
