# SPDX-License-Identifier: GPL-3.0-or-later
# EmbedTemplates.cmake: writes OUTPUT, a C file holding each template of
# TEMPLATES (plots/NAME.gp) as `const char fs_plot_NAME[]`, NUL-terminated.
# Run as `cmake -DOUTPUT=... -DTEMPLATES="a.gp;b.gp" -P EmbedTemplates.cmake`.
set(text "/* Generated from the templates in plots/ by cmake/EmbedTemplates.cmake: do not edit. */\n")
foreach(template IN LISTS TEMPLATES)
  get_filename_component(name "${template}" NAME_WE)
  file(READ "${template}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n    " bytes "${bytes}")
  string(APPEND text "extern const char fs_plot_${name}[];\nconst char fs_plot_${name}[] = {\n    ${bytes}0x00};\n")
endforeach()
file(WRITE "${OUTPUT}.new" "${text}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.new" "${OUTPUT}")
file(REMOVE "${OUTPUT}.new")
