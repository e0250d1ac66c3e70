// `ganreg demo`: the README's main job. Creates a demo registry in a new folder with synthetic
// staff, takes in synthetic files from several hospitals (UTF-8, CP932, one with faulty rows,
// one of another layout, one sent twice) and prints what happened.
#pragma once

#include <cstdint>
#include <string>

namespace ganreg::cli {

struct DemoOptions {
  std::string dir;
  std::string data_dir;
  std::string kdf_profile = "interactive";
  uint64_t rows = 400;
};

int RunDemo(const DemoOptions& options);

}  // namespace ganreg::cli
