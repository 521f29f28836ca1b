#pragma once
// Object streams (PDF 1.5): the small objects libharu writes one by one
// (a tagged PDF's structure elements, about 85 bytes each, pages, fonts'
// dictionaries) packed into compressed streams, with a cross-reference
// stream in place of the table. libharu writes neither.

#include <optional>
#include <string>
#include <string_view>

namespace vitae::render {

/// The PDF libharu wrote, with every object that is neither a stream nor a
/// bare number moved into object streams; nothing when the file is not
/// laid out as libharu lays it out (one cross-reference table, objects
/// numbered from 1, none free).
[[nodiscard]] std::optional<std::string> pack_object_streams(std::string_view pdf);

}  // namespace vitae::render
