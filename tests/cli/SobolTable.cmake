# The embedded Sobol' direction numbers are byte for byte the first 1,024 lines (header and dimensions
# 2 to 1,024) of Joe and Kuo's new-joe-kuo-6.21201: 63,469 bytes with this SHA-256, the value
# published for that subset alongside other redistributions of the file. A change to the data (an
# editor stripping trailing blanks included) fails here.
include(${CMAKE_CURRENT_LIST_DIR}/CliTestLib.cmake)

set(table "${SOURCE_DIR}/src/sensitivity/new-joe-kuo-6.21201.first1024.txt")
cli_expect_file("${table}")
file(SIZE "${table}" size)
file(SHA256 "${table}" hash)
if(NOT size EQUAL 63469 OR NOT hash STREQUAL "52eeb57738dd69f5e1f593f2085c4efb3fb410c3af241d5396d7a2bef60b9257")
  cli_fail("${table}: ${size} bytes, SHA-256 ${hash}; expected 63469 bytes, ",
           "52eeb57738dd69f5e1f593f2085c4efb3fb410c3af241d5396d7a2bef60b9257")
endif()
