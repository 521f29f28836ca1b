// Line breaks in text without spaces (UAX #14 with the kinsoku rules).
#include <catch2/catch.hpp>
#include <string>

#include "vitae/layout/segmentation.hpp"

namespace {

/// The text with a '|' wherever a line may break.
std::string marked(std::string_view text, std::string_view language) {
    std::string shown;
    std::size_t previous = 0;
    for (const std::size_t offset : vitae::layout::character_breaks(text, language)) {
        shown += text.substr(previous, offset - previous);
        shown += '|';
        previous = offset;
    }
    shown += text.substr(previous);
    return shown;
}

}  // namespace

TEST_CASE("Chinese breaks between characters, never before closing or after opening punctuation",
          "[segmentation]") {
    CHECK(marked("研究方向为「视频生成」。", "zh") == "研|究|方|向|为|「视|频|生|成」。");
    CHECK(marked("大学（NUS）计算机", "zh") == "大|学|（NUS）|计|算|机");
    CHECK(marked("熟悉PyTorch、CUDA与集群", "zh") == "熟|悉|PyTorch、|CUDA|与|集|群");
}

TEST_CASE("Japanese lines start with no small kana or prolonged sound mark", "[segmentation]") {
    CHECK(marked("コンピュータ", "ja") == "コ|ン|ピュー|タ");
    // Chinese has no such rule for kana (UAX #14's default).
    CHECK(marked("コンピュータ", "zh") == "コ|ン|ピ|ュ|ー|タ");
    CHECK(marked("2019年〜2023年", "ja") == "2019|年〜|2023|年");
}

TEST_CASE("text with spaces between its words gets no breaks of this kind", "[segmentation]") {
    CHECK(vitae::layout::character_breaks("cloud-based e-mail foo/bar", "en").empty());
    CHECK(vitae::layout::character_breaks("", "zh").empty());
    // A space next to an ideograph is the builder's own break.
    CHECK(marked("GitHub 上", "zh") == "GitHub 上");
}

TEST_CASE("Thai breaks between its words, by libthai's dictionary, and nowhere inside one",
          "[segmentation]") {
    CHECK(marked("สวัสดีครับ", "en") == "สวัสดี|ครับ");
    CHECK(marked("ภาษาไทยง่ายนิดเดียว", "th") == "ภาษา|ไทย|ง่าย|นิดเดียว");
    // Not before a Latin word or a space, which break as they always do.
    CHECK(marked("ระบบ Kafka และSpark", "en") == "ระบบ Kafka และSpark");
    // Mixed with Chinese: both kinds of break, in order.
    CHECK(marked("สวัสดีครับ中文", "zh") == "สวัสดี|ครับ|中|文");
    CHECK(vitae::layout::thai_word_breaks("Latin text only").empty());
}
