#include "vitae/input.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace vitae {

FileText read_file(const std::string& path) {
    if (path == "-")
        return {{std::istreambuf_iterator<char>{std::cin}, std::istreambuf_iterator<char>{}}, {}};
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) return {{}, "it is a directory"};
    std::ifstream file{path, std::ios::binary};
    if (!file) return {{}, std::strerror(errno)};
    return {{std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}}, {}};
}

}  // namespace vitae
