# libFuzzer builds (VITAE_FUZZ, clang only). The libraries under test are
# compiled with coverage instrumentation for the fuzzer and with
# AddressSanitizer + UndefinedBehaviorSanitizer, so that any memory error
# or undefined behaviour an input triggers aborts and is reported as a
# finding; each fuzz target links libFuzzer's main().
set(VITAE_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)

# Coverage instrumentation and sanitizers for a library the targets link.
function(vitae_instrument_for_fuzzing target)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link ${VITAE_FUZZ_SANITIZERS})
endfunction()

# fuzz_<name> from <source>, linked with vitae's core library.
function(vitae_add_fuzz_target name source)
  add_executable(fuzz_${name} ${source})
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer ${VITAE_FUZZ_SANITIZERS})
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer ${VITAE_FUZZ_SANITIZERS})
  target_link_libraries(fuzz_${name} PRIVATE vitae::core)
  # The loaders' private headers (toml_document.hpp, bibtex.hpp) and toml++,
  # compiled in header-only mode as in vitae_core.
  target_include_directories(fuzz_${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/fuzz)
  target_include_directories(fuzz_${name} SYSTEM PRIVATE
    $<TARGET_PROPERTY:tomlplusplus::tomlplusplus,INTERFACE_INCLUDE_DIRECTORIES>)
  target_compile_definitions(fuzz_${name} PRIVATE TOML_HEADER_ONLY=1
                                                  VITAE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  vitae_set_warnings(fuzz_${name})
  add_dependencies(fuzz fuzz_${name})
endfunction()
