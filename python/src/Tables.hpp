// Tables handed to Python: a ColumnTable (io/ColumnTable.hpp) as a dict of column name -> numpy
// array, the form pilotsim/__init__.py turns into a pandas DataFrame or a numpy structured array.
#pragma once

#include "pilotsim/io/ColumnTable.hpp"

#include <pybind11/pybind11.h>

#include <vector>

namespace pilotsim::python {

/// Integers as int64, or float64 with NaN where a value is missing (as pandas reads the CSV file);
/// reals as float64 (NaN = missing); text as an object array with None where missing; a column with
/// no value at all as float64 NaN. Column order is kept (a dict keeps insertion order).
pybind11::dict toColumns(ColumnTable&& table);
/// Each table under its name.
pybind11::dict toColumns(std::vector<ColumnTable>&& tables);

}  // namespace pilotsim::python
