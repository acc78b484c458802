# SPDX-License-Identifier: GPL-3.0-or-later
# DebianClamp.cmake: run by cpack (CPACK_PRE_BUILD_SCRIPTS) on the staged
# install tree before it is archived: every file and folder gets the time
# SOURCE_DATE_EPOCH (reproducible-builds.org), so the packages do not carry
# the times of the build.  Without SOURCE_DATE_EPOCH it does nothing.
if(NOT DEFINED ENV{SOURCE_DATE_EPOCH})
  return()
endif()
execute_process(COMMAND find "${CPACK_TEMPORARY_INSTALL_DIRECTORY}" -exec
                        touch -h -d "@$ENV{SOURCE_DATE_EPOCH}" {} +
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "could not set the staged files' times")
endif()
