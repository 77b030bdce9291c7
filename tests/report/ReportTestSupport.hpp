// What the tests of the report kinds built from hand-written files share: a scratch directory per
// test to write the files into, the message a failing build throws, a text replacement that must
// find its text, and a chart of the report by id.
#pragma once

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/JsonValues.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pilotsim {

class ReportDirectoryTest : public ::testing::Test {
 protected:
  /// `kind` names the scratch directory: <temp>/pilotsim-<kind>-report-<test name>.
  explicit ReportDirectoryTest(std::string kind) : kind_(std::move(kind)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pilotsim-" + kind_ + "-report-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  /// The message of the InputError `build` throws, or "(no error)".
  template <typename Build>
  static std::string errorMessage(Build&& build) {
    try {
      build();
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  }
  static std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? s : s.replace(at, from.size(), to);
  }
  static const Json& chartOf(const Json& d, const std::string& id) {
    for (const auto& c : d["charts"])
      if (c["id"] == id) return c;
    ADD_FAILURE() << "no chart " << id;
    static const Json none;
    return none;
  }

  std::filesystem::path dir_;

 private:
  std::string kind_;
};

}  // namespace pilotsim
