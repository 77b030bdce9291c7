#include "Tables.hpp"

#include <pybind11/numpy.h>

#include <cmath>
#include <limits>

namespace py = pybind11;
using namespace pybind11::literals;

namespace pilotsim::python {
namespace {

py::array integerColumn(const TableColumn& c) {
  const std::size_t n = c.missing.size();
  if (!c.anyMissing()) {
    py::array_t<std::int64_t> out(static_cast<py::ssize_t>(n));
    std::copy(c.integers.begin(), c.integers.end(), out.mutable_data());
    return out;
  }
  py::array_t<double> out(static_cast<py::ssize_t>(n));
  double* d = out.mutable_data();
  for (std::size_t i = 0; i < n; ++i)
    d[i] = c.missing[i] ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(c.integers[i]);
  return out;
}

py::array realColumn(const TableColumn& c) {
  py::array_t<double> out(static_cast<py::ssize_t>(c.reals.size()));
  std::copy(c.reals.begin(), c.reals.end(), out.mutable_data());
  return out;
}

}  // namespace

py::dict toColumns(ColumnTable&& table) {
  py::module_ np = py::module_::import("numpy");
  py::dict out;
  for (TableColumn& c : table.columns) {
    switch (c.kind) {
      case TableColumn::Kind::Integer:
        out[py::str(c.name)] = integerColumn(c);
        break;
      case TableColumn::Kind::Real:
        out[py::str(c.name)] = realColumn(c);
        break;
      case TableColumn::Kind::Text: {
        py::list values(c.texts.size());
        for (std::size_t i = 0; i < c.texts.size(); ++i) {
          if (c.missing[i]) {
            values[i] = py::none();
          } else {
            values[i] = py::str(c.texts[i]);
          }
        }
        out[py::str(c.name)] = np.attr("array")(values, "dtype"_a = "O");
        break;
      }
      case TableColumn::Kind::Unset:
        out[py::str(c.name)] = np.attr("full")(c.missing.size(), std::numeric_limits<double>::quiet_NaN());
        break;
    }
    c = TableColumn{};  // free each column once converted: a national run's pilots are large
  }
  return out;
}

py::dict toColumns(std::vector<ColumnTable>&& tables) {
  py::dict out;
  for (ColumnTable& t : tables) {
    const std::string name = t.name;
    out[py::str(name)] = toColumns(std::move(t));
  }
  return out;
}

}  // namespace pilotsim::python
