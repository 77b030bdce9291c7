# cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P CheckFormat.cmake
# Fails, naming the files, when a C++ file of the tree is not laid out as .clang-format says.
# (`clang-format -i FILE` fixes one.)
file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/include/*.hpp ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.hpp ${SOURCE_DIR}/apps/*.cpp
     ${SOURCE_DIR}/apps/*.hpp ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.hpp ${SOURCE_DIR}/bench/*.cpp)
list(LENGTH files count)
set(bad "")
foreach(f IN LISTS files)
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${f} WORKING_DIRECTORY ${SOURCE_DIR}
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad ${f})
  endif()
endforeach()
if(bad)
  list(LENGTH bad n)
  list(JOIN bad "\n  " names)
  message(FATAL_ERROR "${n} of ${count} C++ files are not laid out as .clang-format says "
                      "(clang-format -i FILE fixes one):\n  ${names}")
endif()
message(STATUS "all ${count} C++ files are laid out as .clang-format says")
