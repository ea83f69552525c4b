# Install rules, included last by the top CMakeLists.txt.
#
# Headers: in the tree, public headers include each other as
# "runtime/pad.hpp" (the source root is the include root). Installed, they
# live in <prefix>/include/gstmini/ and the include root is <prefix>/include,
# so a build step copies them to build/staged-include/gstmini/ with those
# includes prefixed "gstmini/" (cmake/GstminiStageHeaders.cmake); the
# install copies the staged tree. Applications write
#   #include <gstmini/gstmini.hpp>            (everything)
#   #include <gstmini/runtime/pipeline.hpp>   (one concept)
include(CMakePackageConfigHelpers)

set(_gstmini_header_globs "${CMAKE_CURRENT_SOURCE_DIR}/elements/*.hpp")
foreach(folder IN LISTS GSTMINI_RUNTIME_FOLDERS)
  list(APPEND _gstmini_header_globs "${CMAKE_CURRENT_SOURCE_DIR}/${folder}/*.hpp")
endforeach()
file(GLOB _gstmini_public_headers CONFIGURE_DEPENDS ${_gstmini_header_globs})
list(APPEND _gstmini_public_headers
  "${CMAKE_CURRENT_SOURCE_DIR}/include/gstmini/gstmini.hpp"
  "${CMAKE_BINARY_DIR}/include/gstmini/version.hpp")

set(_gstmini_stage "${CMAKE_BINARY_DIR}/staged-include")
# Emptied at each configure (a header added, moved or removed reconfigures,
# through the globs above): the install copies the whole folder, so a stale
# copy of a moved header would be installed beside the new one.
file(REMOVE_RECURSE "${_gstmini_stage}")
set(_gstmini_staged "")
foreach(header IN LISTS _gstmini_public_headers)
  get_filename_component(dir "${header}" DIRECTORY)
  get_filename_component(file "${header}" NAME)
  get_filename_component(dirname "${dir}" NAME)
  if(dirname STREQUAL "gstmini")
    set(out "${_gstmini_stage}/gstmini/${file}")
  else()
    # runtime/video/video_info.hpp -> gstmini/runtime/video/video_info.hpp
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${header}")
    set(out "${_gstmini_stage}/gstmini/${rel}")
  endif()
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DIN=${header} -DOUT=${out}
            -P "${CMAKE_CURRENT_SOURCE_DIR}/cmake/GstminiStageHeaders.cmake"
    DEPENDS "${header}" "${CMAKE_CURRENT_SOURCE_DIR}/cmake/GstminiStageHeaders.cmake"
    COMMENT "Staging ${file} for install" VERBATIM)
  list(APPEND _gstmini_staged "${out}")
endforeach()
add_custom_target(gstmini_staged_headers ALL DEPENDS ${_gstmini_staged})

# Everything `cmake --install` copies, and nothing else (no tests, benches,
# examples): what scripts/check-install.sh builds.
add_custom_target(gstmini_installable)
add_dependencies(gstmini_installable gstmini gstmini_plugins gstmini_staged_headers)
foreach(tool IN LISTS GSTMINI_TOOL_SOURCES)
  get_filename_component(tool "${tool}" NAME_WE)
  add_dependencies(gstmini_installable ${tool})
endforeach()

install(DIRECTORY "${_gstmini_stage}/gstmini"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT dev)
# The plugin folder exists even with no plugin in it: the registry and
# gstmini_PLUGIN_DIR (set_and_check) point there.
install(DIRECTORY DESTINATION "${GSTMINI_INSTALL_PLUGIN_DIR}" COMPONENT runtime)
install(TARGETS gstmini EXPORT gstminiTargets
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime
                NAMELINK_COMPONENT dev)

# CMake package: gstmini::gstmini, gstmini::plugin_<name>, gstmini_PLUGIN_DIR
# and gstmini_add_plugin() for an application's own plugins.
set(_gstmini_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/gstmini")
install(EXPORT gstminiTargets NAMESPACE gstmini:: DESTINATION "${_gstmini_cmake_dir}"
        COMPONENT dev)
configure_package_config_file(
  "${CMAKE_CURRENT_SOURCE_DIR}/cmake/gstminiConfig.cmake.in"
  "${CMAKE_BINARY_DIR}/gstminiConfig.cmake"
  INSTALL_DESTINATION "${_gstmini_cmake_dir}"
  PATH_VARS GSTMINI_INSTALL_PLUGIN_DIR CMAKE_INSTALL_INCLUDEDIR)
# 0.x: a minor release may break the API, so only the same minor matches.
write_basic_package_version_file("${CMAKE_BINARY_DIR}/gstminiConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_BINARY_DIR}/gstminiConfig.cmake"
              "${CMAKE_BINARY_DIR}/gstminiConfigVersion.cmake"
              "${CMAKE_CURRENT_SOURCE_DIR}/cmake/gstminiPlugin.cmake"
        DESTINATION "${_gstmini_cmake_dir}" COMPONENT dev)

# pkg-config: relocatable through ${pcfiledir}, like the CMake package.
set(_gstmini_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(GSTMINI_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _gstmini_pc_up "/${_gstmini_pc_dir}" "/")
  string(REGEX REPLACE "/$" "" _gstmini_pc_up "${_gstmini_pc_up}")
  set(GSTMINI_PC_PREFIX "\${pcfiledir}/${_gstmini_pc_up}")
endif()
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/cmake/gstmini.pc.in"
               "${CMAKE_BINARY_DIR}/gstmini.pc" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/gstmini.pc" DESTINATION "${_gstmini_pc_dir}" COMPONENT dev)

install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/README.md" "${CMAKE_CURRENT_SOURCE_DIR}/LICENSE"
              "${CMAKE_CURRENT_SOURCE_DIR}/CHANGELOG.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT dev OPTIONAL)
