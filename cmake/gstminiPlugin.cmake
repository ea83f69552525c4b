# gstmini_add_plugin() for projects that use an installed gstmini
# (find_package(gstmini)): the same call as inside gstmini's tree.
#
#   gstmini_add_plugin(myelements SOURCES myelement.cpp plugin.cpp)
#
# builds libgstminimyelements.so, a module the registry loads from a folder in
# GSTMINI_PLUGIN_PATH (or from gstmini_PLUGIN_DIR once installed there). The
# source defines the plugin with GSTMINI_PLUGIN_DEFINE (<gstmini/runtime/registry/plugin.hpp>).
function(gstmini_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  set(tgt "gstmini${name}")
  add_library(${tgt} MODULE ${ARG_SOURCES})
  target_link_libraries(${tgt} PRIVATE gstmini::gstmini ${ARG_LIBRARIES})
  # The registry loads files named libgstmini*.so only.
  set_target_properties(${tgt} PROPERTIES PREFIX "lib" SUFFIX ".so")
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${tgt} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  endif()
endfunction()
