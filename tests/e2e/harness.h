// Runs the real ganreg binary in a scratch folder and captures what it prints.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ganreg::e2e {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
  std::string all() const { return out + err; }
};

class Scratch {
 public:
  Scratch();
  ~Scratch();
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path operator/(const std::string& name) const { return dir_ / name; }
  // Writes `content` to a file in the scratch folder and returns its path.
  std::filesystem::path Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path dir_;
};

// Runs `ganreg ARGS` with `env` added to the environment; waits for it.
RunResult Ganreg(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env = {});
// Starts `ganreg ARGS` without waiting; returns the pid.
int StartGanreg(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::filesystem::path& out_file);

std::string ReadAll(const std::filesystem::path& p);

}  // namespace ganreg::e2e
