# The pipeline's stages, one library each: base → model → style → load →
# compose → layout → render, the command line on top. (The data flows load →
# model → compose → …; the build order puts the model and the style sheet,
# the types the loaders fill, before the loaders.)
#
# A stage's public headers are in include/vitae/<stage>/, and no target has
# include/ itself on its include path: the only root that reaches them is
# the stage's own, <build>/stage-include/<stage>, in which vitae/<stage> is
# a symbolic link to that folder. A target therefore finds the headers of
# the stages it links and of no other, and a source that includes a later
# stage's header (a layout file including vitae/render/pdf.hpp) fails to
# compile: "No such file or directory". tests/CMakeLists.txt checks every
# pair (the layering-<stage> tests).

# vitae_add_stage(NAME [SOURCES file…] [DEPENDS stage…] [PRIVATE_LIBRARIES target…])
#
# vitae_NAME: a static library of SOURCES, or an interface library (headers
# only) when there are none. It links the DEPENDS stages publicly (its
# headers include theirs) and PRIVATE_LIBRARIES privately: an external
# library belongs to the one stage that uses it, and no other stage can
# include its headers. Its private headers are in src/NAME/.
function(vitae_add_stage stage)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPENDS;PRIVATE_LIBRARIES")
  set(target vitae_${stage})
  set(include_root ${PROJECT_BINARY_DIR}/stage-include/${stage})
  file(MAKE_DIRECTORY ${include_root}/vitae)
  # A link, not a copy: an edited header is the one the compiler reads.
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/vitae/${stage} ${include_root}/vitae/${stage} SYMBOLIC)
  list(TRANSFORM arg_DEPENDS PREPEND vitae_ OUTPUT_VARIABLE dependencies)
  if(arg_SOURCES)
    add_library(${target} STATIC ${arg_SOURCES})
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${include_root}>
                                         PRIVATE ${PROJECT_SOURCE_DIR}/src/${stage})
    # fmt formats every message and generated text, in every stage. It is
    # compiled in (fmt::fmt-header-only, not Debian's libfmt.so): the shared
    # library would bring libstdc++.so back to the dynamic loader, which
    # the static C++ runtime (see the vitae executable) keeps away.
    target_link_libraries(${target} PUBLIC ${dependencies} PRIVATE ${arg_PRIVATE_LIBRARIES} fmt::fmt-header-only)
    vitae_set_warnings(${target})
    vitae_set_sanitizers(${target})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE $<BUILD_INTERFACE:${include_root}>)
    target_link_libraries(${target} INTERFACE ${dependencies})
  endif()
  set_property(GLOBAL APPEND PROPERTY VITAE_STAGES ${stage})
  set_property(GLOBAL PROPERTY VITAE_STAGE_DEPENDS_${stage} ${arg_DEPENDS})
endfunction()

# The stages `stage` builds on, directly or through others, in `output`.
function(vitae_stage_closure stage output)
  set(closure "")
  set(pending ${stage})
  while(pending)
    list(POP_FRONT pending current)
    get_property(direct GLOBAL PROPERTY VITAE_STAGE_DEPENDS_${current})
    foreach(dependency IN LISTS direct)
      if(NOT dependency IN_LIST closure)
        list(APPEND closure ${dependency})
        list(APPEND pending ${dependency})
      endif()
    endforeach()
  endwhile()
  set(${output} ${closure} PARENT_SCOPE)
endfunction()
