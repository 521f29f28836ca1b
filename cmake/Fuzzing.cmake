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

# What a target's source needs: vitae's entry point (vitae::compile, which
# brings every stage), the loaders' private headers (toml_document.hpp,
# bibtex.hpp) and toml++, compiled in header-only mode as in vitae_load.
function(vitae_fuzz_target_sources executable source)
  # modules_here.cpp: the phone module is found in this build tree.
  target_sources(${executable} PRIVATE ${source} ${PROJECT_SOURCE_DIR}/tests/modules_here.cpp)
  target_link_libraries(${executable} PRIVATE vitae::compile)
  add_dependencies(${executable} vitae_phone)
  target_include_directories(${executable} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/fuzz)
  target_include_directories(${executable} SYSTEM PRIVATE
    $<TARGET_PROPERTY:tomlplusplus::tomlplusplus,INTERFACE_INCLUDE_DIRECTORIES>)
  target_compile_definitions(${executable} PRIVATE TOML_HEADER_ONLY=1
                                                   VITAE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                   VITAE_BUILD_DIR="${PROJECT_BINARY_DIR}")
  vitae_set_warnings(${executable})
endfunction()

# fuzz_<name>: the target from <source> with libFuzzer's main().
function(vitae_add_fuzz_target name source)
  add_executable(fuzz_${name})
  vitae_fuzz_target_sources(fuzz_${name} ${source})
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer ${VITAE_FUZZ_SANITIZERS})
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer ${VITAE_FUZZ_SANITIZERS})
  add_dependencies(fuzz fuzz_${name})
endfunction()

# fuzz_replay_<name>: the target from <source> with a main() that runs it on
# files (fuzz/replay_main.cpp), built like the tests (VITAE_SANITIZE).
function(vitae_add_fuzz_replay name source)
  add_executable(fuzz_replay_${name} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
  vitae_fuzz_target_sources(fuzz_replay_${name} ${source})
  vitae_set_sanitizers(fuzz_replay_${name})
endfunction()
