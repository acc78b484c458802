# SPDX-License-Identifier: GPL-3.0-or-later
# DebianTrigger.cmake: run by cpack (CPACK_POST_BUILD_SCRIPTS) once the
# packages are built.  cpack gives a package with a library under /usr/lib
# a postinst and a postrm that run ldconfig; the library package declares
# the ldconfig trigger instead (its `triggers` control file), so the two
# scripts are taken out and the package rebuilt with dpkg-deb, which
# orders the files by name and clamps their times to SOURCE_DATE_EPOCH.
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
  get_filename_component(name "${deb}" NAME)
  if(NOT name MATCHES "^${CPACK_FORCESTAT_DEB_LIB}_")
    continue()
  endif()
  set(tree "${deb}.tree")
  file(REMOVE_RECURSE "${tree}")
  execute_process(COMMAND dpkg-deb --raw-extract "${deb}" "${tree}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb --raw-extract failed for ${deb}")
  endif()
  file(REMOVE "${tree}/DEBIAN/postinst" "${tree}/DEBIAN/postrm")
  execute_process(COMMAND dpkg-deb --root-owner-group -Zgzip -z9 --build "${tree}" "${deb}"
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb --build failed for ${deb}")
  endif()
  file(REMOVE_RECURSE "${tree}")
endforeach()
