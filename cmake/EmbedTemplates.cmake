# SPDX-License-Identifier: GPL-3.0-or-later
# EmbedTemplates.cmake: writes OUTPUT, a C file holding each text file of
# TEMPLATES (DIR/NAME.EXT) as `const char PREFIXNAME[]`, NUL-terminated,
# NAME made a C identifier ("chart-spine" -> chart_spine).  PREFIX is
# fs_plot_ unless given (the gnuplot templates of plots/; the program's
# help texts of cli/help/ are cli_help_).  With INDEX, also
# `const char *const INDEX[]`: each file's NAME (as spelt) and then its
# text, pairs ending in NULL, so a text can be looked up by its name.
# Run as `cmake -DOUTPUT=... -DTEMPLATES="a.gp;b.gp" [-DPREFIX=...]
# [-DINDEX=...] -P EmbedTemplates.cmake`.
if(NOT DEFINED PREFIX)
  set(PREFIX fs_plot_)
endif()
set(text "/* Generated from the text files")
foreach(template IN LISTS TEMPLATES)
  get_filename_component(dir "${template}" DIRECTORY)
  get_filename_component(dir "${dir}" NAME)
  string(APPEND text " in ${dir}/")
  break()
endforeach()
string(APPEND text " by cmake/EmbedTemplates.cmake: do not edit. */\n")
set(index "")
foreach(template IN LISTS TEMPLATES)
  get_filename_component(name "${template}" NAME_WE)
  string(MAKE_C_IDENTIFIER "${name}" id)
  file(READ "${template}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n    " bytes "${bytes}")
  string(APPEND text "extern const char ${PREFIX}${id}[];\nconst char ${PREFIX}${id}[] = {\n    ${bytes}0x00};\n")
  string(APPEND index "    \"${name}\", ${PREFIX}${id},\n")
endforeach()
if(DEFINED INDEX)
  string(APPEND text "extern const char *const ${INDEX}[];\nconst char *const ${INDEX}[] = {\n${index}    0};\n")
endif()
file(WRITE "${OUTPUT}.new" "${text}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.new" "${OUTPUT}")
file(REMOVE "${OUTPUT}.new")
