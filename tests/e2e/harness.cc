// fork/exec of the ganreg binary with output to files.
#include "e2e/harness.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>

namespace ganreg::e2e {

Scratch::Scratch() {
  dir_ = std::filesystem::temp_directory_path() /
         ("ganreg_e2e_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir_);
}

Scratch::~Scratch() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::filesystem::path Scratch::Write(const std::string& name, const std::string& content) const {
  std::filesystem::path p = dir_ / name;
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

namespace {
int Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
          const std::filesystem::path& out, const std::filesystem::path& err) {
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(o, 1);
    dup2(e, 2);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    std::string bin = GANREG_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}
}  // namespace

RunResult Ganreg(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env) {
  auto tmp = std::filesystem::temp_directory_path();
  std::string tag = std::to_string(std::random_device{}());
  auto out = tmp / ("ganreg_out_" + tag), err = tmp / ("ganreg_err_" + tag);
  int pid = Spawn(args, env, out, err);
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadAll(out);
  r.err = ReadAll(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

int StartGanreg(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::filesystem::path& out_file) {
  return Spawn(args, env, out_file, out_file.string() + ".err");
}

}  // namespace ganreg::e2e
