// A fuzz target's entry point run on files, without libFuzzer: the
// committed regression inputs in the normal test suite (ctest), with
// whatever compiler and sanitizers that build uses.
// Usage: fuzz_replay_TARGET FILE_OR_FOLDER...

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path argument{argv[i]};
        if (std::filesystem::is_directory(argument)) {
            for (const auto& file : std::filesystem::directory_iterator{argument})
                if (file.is_regular_file() && file.path().extension() != ".md") inputs.push_back(file.path());
        } else {
            inputs.push_back(argument);
        }
    }
    std::sort(inputs.begin(), inputs.end());
    for (const std::filesystem::path& input : inputs) {
        std::ifstream file{input, std::ios::binary};
        if (!file) {
            std::cerr << input.string() << ": cannot read\n";
            return 1;
        }
        const std::string bytes{std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
        std::cout << "replaying " << input.filename().string() << std::endl;
        (void)LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << inputs.size() << " inputs replayed\n";
    return 0;
}
