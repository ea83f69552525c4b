# FindCAF.cmake — locate the C++ Actor Framework (Debian's libcaf-dev ships
# neither a CMake config nor a pkg-config file).
#
# Result variables:
#   CAF_FOUND, CAF_VERSION, CAF_INCLUDE_DIRS, CAF_CORE_LIBRARY, CAF_IO_LIBRARY
# Imported targets:
#   CAF::core  (links Threads::Threads)
#   CAF::io    (links CAF::core)
#
# Components: core (always), io. find_package(CAF REQUIRED COMPONENTS core io)

find_path(CAF_INCLUDE_DIR
  NAMES caf/config.hpp
  HINTS ${CAF_ROOT} ENV CAF_ROOT
  PATH_SUFFIXES include)

find_library(CAF_CORE_LIBRARY
  NAMES caf_core
  HINTS ${CAF_ROOT} ENV CAF_ROOT
  PATH_SUFFIXES lib lib64)

find_library(CAF_IO_LIBRARY
  NAMES caf_io
  HINTS ${CAF_ROOT} ENV CAF_ROOT
  PATH_SUFFIXES lib lib64)

# Version: "#define CAF_VERSION 1706" means 0.17.6 ({MAJOR}{MINOR:02}{PATCH:02}).
if(CAF_INCLUDE_DIR AND EXISTS "${CAF_INCLUDE_DIR}/caf/config.hpp")
  file(STRINGS "${CAF_INCLUDE_DIR}/caf/config.hpp" _caf_version_line
       REGEX "^#define[ \t]+CAF_VERSION[ \t]+[0-9]+")
  if(_caf_version_line MATCHES "CAF_VERSION[ \t]+([0-9]+)")
    set(_caf_v "${CMAKE_MATCH_1}")
    math(EXPR CAF_VERSION_MAJOR "${_caf_v} / 10000")
    math(EXPR CAF_VERSION_MINOR "(${_caf_v} / 100) % 100")
    math(EXPR CAF_VERSION_PATCH "${_caf_v} % 100")
    set(CAF_VERSION "${CAF_VERSION_MAJOR}.${CAF_VERSION_MINOR}.${CAF_VERSION_PATCH}")
    unset(_caf_v)
  endif()
  unset(_caf_version_line)
endif()

# Component bookkeeping for find_package_handle_standard_args(HANDLE_COMPONENTS).
if(CAF_CORE_LIBRARY)
  set(CAF_core_FOUND TRUE)
endif()
if(CAF_IO_LIBRARY)
  set(CAF_io_FOUND TRUE)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CAF
  REQUIRED_VARS CAF_CORE_LIBRARY CAF_INCLUDE_DIR
  VERSION_VAR CAF_VERSION
  HANDLE_COMPONENTS)

if(CAF_FOUND)
  set(CAF_INCLUDE_DIRS "${CAF_INCLUDE_DIR}")
  if(NOT TARGET Threads::Threads)
    set(THREADS_PREFER_PTHREAD_FLAG ON)
    find_package(Threads REQUIRED)
  endif()

  if(NOT TARGET CAF::core)
    add_library(CAF::core UNKNOWN IMPORTED)
    set_target_properties(CAF::core PROPERTIES
      IMPORTED_LOCATION "${CAF_CORE_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES Threads::Threads)
  endif()

  if(CAF_IO_LIBRARY AND NOT TARGET CAF::io)
    add_library(CAF::io UNKNOWN IMPORTED)
    set_target_properties(CAF::io PROPERTIES
      IMPORTED_LOCATION "${CAF_IO_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES CAF::core)
  endif()
endif()

mark_as_advanced(CAF_INCLUDE_DIR CAF_CORE_LIBRARY CAF_IO_LIBRARY)
