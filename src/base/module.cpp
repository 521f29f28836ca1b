#include "vitae/base/module.hpp"

#include <dlfcn.h>

#include <fmt/format.h>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace vitae {

namespace fs = std::filesystem;

void ModuleCloser::operator()(void* handle) const {
    ::dlclose(handle);
}

std::optional<Module> Module::open(const std::string& path, std::string& error) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = ::dlerror();
        error = why != nullptr ? why : fmt::format("cannot load {}", path);
        return std::nullopt;
    }
    return Module{handle};
}

std::optional<Module> Module::open(const std::string& path, const char* version_function,
                                   int interface_version, std::string& error) {
    std::optional<Module> module = open(path, error);
    if (!module) return std::nullopt;
    const auto version = module->function<int (*)()>(version_function);
    if (version == nullptr) {
        error = fmt::format("{} is not one of vitae's modules (it has no {})", path, version_function);
        return std::nullopt;
    }
    if (version() != interface_version) {
        error = fmt::format("{} is for another version of vitae (interface {}, not {})", path, version(),
                            interface_version);
        return std::nullopt;
    }
    return module;
}

void* Module::symbol(const char* name) const {
    return ::dlsym(handle_.get(), name);
}

std::optional<std::string> find_module(std::string_view name, std::string& looked_in) {
    std::vector<fs::path> candidates;
    if (const char* folder = std::getenv("VITAE_MODULE_DIR"); folder != nullptr && *folder != '\0')
        candidates.push_back(fs::path{folder} / name);
    std::error_code unknown;
    const fs::path executable = fs::read_symlink("/proc/self/exe", unknown);
    if (!unknown) {
        const fs::path folder = executable.parent_path();
        candidates.push_back(folder / name);
        candidates.push_back((folder / VITAE_MODULES_FROM_BINDIR / name).lexically_normal());
    }
    std::vector<std::string> tried;
    for (const fs::path& candidate : candidates) {
        std::error_code missing;
        if (fs::exists(candidate, missing)) return candidate.string();
        tried.push_back(candidate.string());
    }
    looked_in = fmt::format("{}", fmt::join(tried, " and "));
    return std::nullopt;
}

}  // namespace vitae
