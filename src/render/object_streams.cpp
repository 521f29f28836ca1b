#include "object_streams.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <map>
#include <vector>

namespace vitae::render {

namespace {

/// Objects in one object stream: a reader decompresses a whole stream to
/// read one object of it, so a long document's thousands of structure
/// elements go into streams of this many (pdfTeX and qpdf use 100–200).
constexpr std::size_t objects_per_stream = 200;
/// A cross-reference stream's field widths (/W): a type byte, a 4-byte
/// offset or stream number (PDFs up to 4 GB), a 2-byte generation or index.
constexpr int type_bytes = 1;
constexpr int offset_bytes = 4;
constexpr int index_bytes = 2;
constexpr std::uint32_t free_generation = 65535;
/// The first version with object and cross-reference streams.
constexpr char first_version_with_streams = '5';
constexpr std::size_t version_digit_offset = 7;  // "%PDF-1.x"
/// A cross-reference table entry: "nnnnnnnnnn ggggg n\r\n".
constexpr std::size_t xref_entry_bytes = 20;
constexpr std::size_t xref_offset_digits = 10;
constexpr std::size_t xref_type_offset = 17;

std::optional<std::size_t> number_at(std::string_view text, std::size_t& at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\r' || text[at] == '\n')) ++at;
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (error != std::errc{} || end == text.data() + at) return std::nullopt;
    at = static_cast<std::size_t>(end - text.data());
    return value;
}

std::optional<std::string> deflate(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), Z_BEST_COMPRESSION) != Z_OK)
        return std::nullopt;
    out.resize(size);
    return out;
}

void append_big_endian(std::string& out, std::uint64_t value, int bytes) {
    constexpr unsigned bits_per_byte = 8;
    constexpr std::uint64_t byte_mask = 0xFF;
    for (int index = bytes - 1; index >= 0; --index)
        out += static_cast<char>((value >> (static_cast<unsigned>(index) * bits_per_byte)) & byte_mask);
}

/// One object of the file as libharu wrote it.
struct WrittenObject {
    std::size_t number = 0;
    std::string_view text;  ///< "n 0 obj" … "endobj" and the end of line
    std::string_view body;  ///< between them
};

}  // namespace

std::optional<std::string> pack_object_streams(std::string_view pdf) {
    // The trailer: startxref's offset, the table there, the dictionary.
    const std::size_t startxref = pdf.rfind("startxref");
    if (startxref == std::string_view::npos) return std::nullopt;
    std::size_t at = startxref + std::string_view{"startxref"}.size();
    const std::optional<std::size_t> table = number_at(pdf, at);
    if (!table || pdf.substr(*table, 4) != "xref") return std::nullopt;
    at = *table + 4;
    const std::optional<std::size_t> first = number_at(pdf, at);
    const std::optional<std::size_t> count = number_at(pdf, at);
    if (!first || *first != 0 || !count || *count == 0) return std::nullopt;
    while (at < pdf.size() && (pdf[at] == '\r' || pdf[at] == '\n')) ++at;
    if (at + *count * xref_entry_bytes > pdf.size()) return std::nullopt;
    std::vector<std::size_t> offsets(*count, 0);
    for (std::size_t number = 1; number < *count; ++number) {
        const std::string_view entry = pdf.substr(at + number * xref_entry_bytes, xref_entry_bytes);
        if (entry[xref_type_offset] != 'n') return std::nullopt;  // libharu frees no object
        std::size_t offset = 0;
        const auto parsed = std::from_chars(entry.data(), entry.data() + xref_offset_digits, offset);
        if (parsed.ec != std::errc{}) return std::nullopt;
        offsets[number] = offset;
    }
    const std::size_t trailer = pdf.find("trailer", at + *count * xref_entry_bytes);
    if (trailer == std::string_view::npos) return std::nullopt;
    const std::size_t open = pdf.find("<<", trailer);
    const std::size_t close = pdf.rfind(">>", startxref);
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    std::string trailer_entries{pdf.substr(open + 2, close - open - 2)};
    const std::size_t size_key = trailer_entries.find("/Size");
    if (size_key == std::string::npos) return std::nullopt;
    std::size_t size_end = size_key + std::string_view{"/Size"}.size();
    if (!number_at(trailer_entries, size_end)) return std::nullopt;
    trailer_entries.erase(size_key, size_end - size_key);

    // The objects, each from its offset to the next one's.
    std::vector<WrittenObject> objects;
    std::vector<std::size_t> by_offset(offsets.begin() + 1, offsets.end());
    std::sort(by_offset.begin(), by_offset.end());
    for (std::size_t number = 1; number < *count; ++number) {
        const std::size_t begin = offsets[number];
        const auto next = std::upper_bound(by_offset.begin(), by_offset.end(), begin);
        const std::size_t end = next == by_offset.end() ? *table : *next;
        const std::string_view text = pdf.substr(begin, end - begin);
        const std::string header = fmt::format("{} 0 obj", number);
        const std::size_t body_end = text.rfind("endobj");
        if (!text.starts_with(header) || body_end == std::string_view::npos) return std::nullopt;
        objects.push_back({number, text, text.substr(header.size(), body_end - header.size())});
    }
    const std::size_t body_start =
        offsets.size() > 1 ? *std::min_element(offsets.begin() + 1, offsets.end()) : *table;

    // Streams stay where they are; so does an object that is a bare number
    // (a stream's /Length: kept out of object streams, as some readers
    // expect). Every other object goes into an object stream.
    const auto packable = [](std::string_view body) {
        if (body.find("stream\r\n") != std::string_view::npos ||
            body.find("stream\n") != std::string_view::npos)
            return false;
        std::size_t position = 0;
        const bool bare_number = number_at(body, position).has_value() &&
                                 body.find_first_not_of(" \r\n", position) == std::string_view::npos;
        return !bare_number;
    };
    std::string out{pdf.substr(0, body_start)};
    if (out.size() > version_digit_offset && out[version_digit_offset] < first_version_with_streams)
        out[version_digit_offset] = first_version_with_streams;
    struct Location {
        std::uint8_t type = 1;
        std::size_t field = 0;  ///< offset, or the object stream's number
        std::size_t index = 0;  ///< in the object stream
    };
    std::map<std::size_t, Location> locations;
    std::vector<const WrittenObject*> packed;
    for (const WrittenObject& object : objects) {
        if (packable(object.body)) {
            packed.push_back(&object);
            continue;
        }
        locations[object.number] = {1, out.size(), 0};
        out += object.text;
    }
    std::size_t next_number = *count;
    for (std::size_t start = 0; start < packed.size(); start += objects_per_stream) {
        const std::size_t end = std::min(packed.size(), start + objects_per_stream);
        const std::size_t stream_number = next_number++;
        std::string header;
        std::string bodies;
        for (std::size_t index = start; index < end; ++index) {
            const WrittenObject& object = *packed[index];
            fmt::format_to(std::back_inserter(header), "{} {} ", object.number, bodies.size());
            bodies += object.body;
            bodies += '\n';
            locations[object.number] = {2, stream_number, index - start};
        }
        const std::optional<std::string> data = deflate(header + bodies);
        if (!data) return std::nullopt;
        locations[stream_number] = {1, out.size(), 0};
        fmt::format_to(
            std::back_inserter(out),
            "{} 0 obj\n<<\n/Type /ObjStm\n/N {}\n/First {}\n/Filter /FlateDecode\n/Length {}\n>>\nstream\r\n",
            stream_number, end - start, header.size(), data->size());
        out += *data;
        out += "\nendstream\nendobj\n";
    }
    // The cross-reference stream, which holds the trailer's entries too.
    const std::size_t xref_number = next_number++;
    locations[xref_number] = {1, out.size(), 0};
    std::string entries;
    append_big_endian(entries, 0, type_bytes);
    append_big_endian(entries, 0, offset_bytes);
    append_big_endian(entries, free_generation, index_bytes);
    for (std::size_t number = 1; number < next_number; ++number) {
        const Location& location = locations.at(number);
        append_big_endian(entries, location.type, type_bytes);
        append_big_endian(entries, location.field, offset_bytes);
        append_big_endian(entries, location.index, index_bytes);
    }
    const std::optional<std::string> data = deflate(entries);
    if (!data) return std::nullopt;
    const std::size_t xref_offset = out.size();
    fmt::format_to(
        std::back_inserter(out),
        "{} 0 obj\n<<{}/Type /XRef\n/Size {}\n/W [ {} {} {} ]\n/Filter /FlateDecode\n/Length {}\n>>\n"
        "stream\r\n",
        xref_number, trailer_entries, next_number, type_bytes, offset_bytes, index_bytes, data->size());
    out += *data;
    fmt::format_to(std::back_inserter(out), "\nendstream\nendobj\nstartxref\n{}\n%%EOF\n", xref_offset);
    return out;
}

}  // namespace vitae::render
