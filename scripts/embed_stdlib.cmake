# Writes a C++ file that holds every stdlib/**/*.meso as bytes, keyed by its
# path below stdlib/ ("std/bfr.meso"), and every stdlib/**/*.tsv (tables of
# data, not modules: "evidence/bfr.tsv") the same way in a list of its own.
# Run by the build; never edited.
function(embed_files pattern index_var arrays_var entries_var)
  file(GLOB_RECURSE files RELATIVE ${STDLIB_DIR} ${STDLIB_DIR}/${pattern})
  list(SORT files)
  set(index ${${index_var}})
  set(arrays "${${arrays_var}}")
  set(entries "")
  foreach(f ${files})
    file(READ ${STDLIB_DIR}/${f} content HEX)
    string(LENGTH "${content}" hex_length)
    math(EXPR size "${hex_length} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," content "${content}")
    # unsigned: bytes of UTF-8 text above 0x7f do not fit a signed char.
    string(APPEND arrays "const unsigned char file_${index}[] = {${content} 0};\n")
    string(APPEND entries "    {\"${f}\", std::string_view(reinterpret_cast<const char*>(file_${index}), ${size})},\n")
    math(EXPR index "${index} + 1")
  endforeach()
  set(${index_var} ${index} PARENT_SCOPE)
  set(${arrays_var} "${arrays}" PARENT_SCOPE)
  set(${entries_var} "${entries}" PARENT_SCOPE)
endfunction()

set(index 0)
set(arrays "")
embed_files("*.meso" index arrays modules)
embed_files("*.tsv" index arrays tables)
file(WRITE ${OUTPUT}.tmp "// Generated from stdlib/ by scripts/embed_stdlib.cmake.\n#include \"engine/resolve/stdlib.h\"\n\nnamespace meso::resolving {\nnamespace {\n${arrays}}  // namespace\n\n")
file(APPEND ${OUTPUT}.tmp "const std::vector<EmbeddedFile>& embedded_stdlib()\n{\n    static const std::vector<EmbeddedFile> files = {\n${modules}    };\n    return files;\n}\n\n")
file(APPEND ${OUTPUT}.tmp "const std::vector<EmbeddedFile>& embedded_stdlib_tables()\n{\n    static const std::vector<EmbeddedFile> files = {\n${tables}    };\n    return files;\n}\n\n}  // namespace meso::resolving\n")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
