#pragma once
// vitae's loadable modules: a library that needs the shared C++ runtime
// (poppler, libphonenumber) sits behind a C interface in a module of its
// own, loaded (dlopen) only by the runs that use it. The vitae executable
// links the C++ runtime statically, so no other run pays for loading them.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vitae {

/// Closes a dlopen handle.
struct ModuleCloser {
    void operator()(void* handle) const;
};

/// A loaded module, closed with the object.
class Module {
public:
    /// Loads the module at `path`; nothing, with `error` said, when it cannot.
    [[nodiscard]] static std::optional<Module> open(const std::string& path, std::string& error);
    /// Loads the module at `path` and checks that its function
    /// `version_function` (int(void)) gives `interface_version`: a module
    /// built for another vitae is refused, with `error` said.
    [[nodiscard]] static std::optional<Module> open(const std::string& path, const char* version_function,
                                                    int interface_version, std::string& error);

    /// The address of the function `name`, or null when the module lacks it.
    [[nodiscard]] void* symbol(const char* name) const;

    /// The function `name` as a `Function` pointer, or null.
    template <typename Function>
    [[nodiscard]] Function function(const char* name) const {
        // dlsym gives an object pointer; POSIX guarantees it converts to a function pointer.
        return reinterpret_cast<Function>(symbol(name));
    }

private:
    explicit Module(void* handle) : handle_(handle) {}
    std::unique_ptr<void, ModuleCloser> handle_;
};

/// Where vitae looks for the module file `name`, in order: the folder of
/// $VITAE_MODULE_DIR (a build tree's tests set it), the executable's own
/// folder (a build tree), then the installation's library folder
/// (lib/vitae), found from its bin folder. Nothing when it is in none of
/// them; `looked_in` then lists them.
[[nodiscard]] std::optional<std::string> find_module(std::string_view name, std::string& looked_in);

}  // namespace vitae
