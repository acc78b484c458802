# SPDX-License-Identifier: GPL-3.0-or-later
# DebianPackages.cmake: the Debian package family cpack builds from the
# three install components (included at the end of CMakeLists.txt):
#
#   libforcestatN     lib      the shared library, N the SONAME's number
#                              (FORCESTAT_SOVERSION); ldconfig trigger,
#                              shlibs, symbols (packaging/libforcestat.symbols)
#   libforcestat-dev  dev      headers, static library, the .so link,
#                              pkg-config and CMake files
#   forcestat         program  the program, datasets, templates, manual
#                              pages, bash completion
#
# Build them from a folder configured with -DFORCESTAT_DEB=ON (prefix /usr,
# multiarch libdir, gzipped manual pages, no RPATH) and
# -DCMAKE_BUILD_TYPE=Release (hardened, stripped by cpack); run cpack with
# SOURCE_DATE_EPOCH set (tests/install/deb.sh does) so that every file in
# the packages carries that time and two builds give the same bytes.
set(FORCESTAT_DEB_REVISION 1)
set(FORCESTAT_DEB_VERSION "${PROJECT_VERSION}-${FORCESTAT_DEB_REVISION}")
set(FORCESTAT_DEB_LIB "libforcestat${FORCESTAT_SOVERSION}")
# No address is published for the project: the GitHub no-reply form.
set(FORCESTAT_DEB_MAINTAINER "forcestat maintainers <forcestat@users.noreply.github.com>")
set(FORCESTAT_DEB_DIR "${PROJECT_BINARY_DIR}/packaging")

# What every package carries in /usr/share/doc/PACKAGE: the machine-readable
# copyright with its notice, and a Debian changelog dated SOURCE_DATE_EPOCH;
# and its lintian overrides (packaging/lintian-overrides.in says why).
if(FORCESTAT_DEB)
  if(FORCESTAT_SOURCE_DATE_EPOCH)
    set(_saved "$ENV{SOURCE_DATE_EPOCH}")
    set(ENV{SOURCE_DATE_EPOCH} "${FORCESTAT_SOURCE_DATE_EPOCH}")
    string(TIMESTAMP FORCESTAT_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
    set(ENV{SOURCE_DATE_EPOCH} "${_saved}")
  else()
    string(TIMESTAMP FORCESTAT_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  endif()
  configure_file("${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in"
                 "${FORCESTAT_DEB_DIR}/changelog.Debian" @ONLY)
  execute_process(COMMAND gzip -9nc "${FORCESTAT_DEB_DIR}/changelog.Debian"
                  OUTPUT_FILE "${FORCESTAT_DEB_DIR}/changelog.Debian.gz" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "gzip failed for changelog.Debian")
  endif()
  foreach(_pair "lib;${FORCESTAT_DEB_LIB}" "dev;libforcestat-dev" "program;forcestat")
    list(GET _pair 0 _component)
    list(GET _pair 1 _package)
    install(FILES "${PROJECT_SOURCE_DIR}/packaging/copyright"
                  "${FORCESTAT_DEB_DIR}/changelog.Debian.gz"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${_package} COMPONENT ${_component})
    configure_file("${PROJECT_SOURCE_DIR}/packaging/lintian-overrides.in"
                   "${FORCESTAT_DEB_DIR}/overrides/${_package}" @ONLY)
    install(FILES "${FORCESTAT_DEB_DIR}/overrides/${_package}"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides COMPONENT ${_component})
  endforeach()
endif()

# The library package's control files: the ldconfig trigger and the
# committed symbols file (packaging/symbols.sh makes it and checks it
# against the library; tests/install/deb.sh runs the check).
file(MAKE_DIRECTORY "${FORCESTAT_DEB_DIR}/control")
file(WRITE "${FORCESTAT_DEB_DIR}/control/triggers" "activate-noawait ldconfig\n")
configure_file("${PROJECT_SOURCE_DIR}/packaging/libforcestat.symbols"
               "${FORCESTAT_DEB_DIR}/control/symbols" COPYONLY)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME forcestat)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${FORCESTAT_DEB_REVISION})
set(CPACK_PACKAGE_CONTACT "${FORCESTAT_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${FORCESTAT_DEB_MAINTAINER}")
# CPack's own default summary: cpack then does not put it before each
# package's description, whose first line is that package's synopsis.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL lib dev program)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SOURCE forcestat)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Depends from dpkg-shlibdeps; the library it finds in the build folder,
# and the dependency on it is written out below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}")
# shlibs for the library package (only it has a shared object).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
# Every staged file dated SOURCE_DATE_EPOCH; after the build, cpack's
# postinst and postrm that call ldconfig are taken out of the library
# package, whose ldconfig trigger does that job (Debian policy 8.1.1).
set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/cmake/DebianClamp.cmake")
set(CPACK_POST_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/cmake/DebianTrigger.cmake")
set(CPACK_FORCESTAT_DEB_LIB "${FORCESTAT_DEB_LIB}")

set(_common_description
"forcestat places each of the 43 territorial police forces of England and
Wales on the outlier band HMICFRS draws in its PEEL inspection reports
(mean plus or minus one standard deviation, with a Shapiro-Wilk check of
logged values), and goes further: confidence intervals for proportions
and rates against England and Wales, funnel plots with over-dispersion,
statistical process control charts, most similar forces, and a report of
charts and tables for one force.")

set(CPACK_DEBIAN_LIB_PACKAGE_NAME ${FORCESTAT_DEB_LIB})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA
    "${FORCESTAT_DEB_DIR}/control/triggers;${FORCESTAT_DEB_DIR}/control/symbols")
set(CPACK_DEBIAN_LIB_DESCRIPTION
"statistics comparing police forces as HMICFRS does (library)
${_common_description}

This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libforcestat-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "${FORCESTAT_DEB_LIB} (= ${FORCESTAT_DEB_VERSION}), libgsl-dev, libcsv-dev, zlib1g-dev, libisal-dev, libarchive-dev, libexpat1-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION
"statistics comparing police forces as HMICFRS does (development files)
${_common_description}

This package holds the headers, the static library, and the pkg-config
and CMake files to build programs against the library.")

set(CPACK_DEBIAN_PROGRAM_PACKAGE_NAME forcestat)
set(CPACK_DEBIAN_PROGRAM_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PROGRAM_PACKAGE_DEPENDS "${FORCESTAT_DEB_LIB} (>= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_PROGRAM_PACKAGE_RECOMMENDS gnuplot-nox)
set(CPACK_DEBIAN_PROGRAM_DESCRIPTION
"compare the police forces of England and Wales as HMICFRS does
${_common_description}

This package holds the forcestat program, the bundled datasets, the
gnuplot templates of its charts, the manual pages and the bash
completion.  gnuplot draws the charts.")
include(CPack)
