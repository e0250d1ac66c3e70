// Shared pieces of the CLI: global options, error printing, logging in.
#include "cli/common.h"

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "core/files.h"

namespace ganreg::cli {

int Fail(const Status& s) {
  std::string_view label;
  switch (s.code()) {
    case StatusCode::kPermissionDenied: label = "権限がありません permission denied"; break;
    case StatusCode::kFailedPrecondition: label = "実行できません not allowed now"; break;
    case StatusCode::kUnauthenticated: label = "認証に失敗しました authentication failed"; break;
    case StatusCode::kRejected: label = "受付できません rejected"; break;
    case StatusCode::kNotFound: label = "見つかりません not found"; break;
    case StatusCode::kDataLoss: label = "改ざんまたは破損を検出 tampering or damage found"; break;
    case StatusCode::kInvalidArgument: label = "指定に誤りがあります invalid argument"; break;
    default: label = "エラー error"; break;
  }
  fmt::print(stderr, "ganreg: {}: {}\n", label, s.message());
  return ExitCodeFor(s);
}

Result<std::string> Password(const std::string& file, std::string_view what) {
  if (file.empty()) {
    return Status::InvalidArgument(fmt::format(
        "give the {} with --password-file FILE (or GANREG_PASSWORD_FILE)", what));
  }
  return ReadPasswordFile(file);
}

// Opens the registry and logs the global user in, then runs `fn`.
int WithSession(const Globals& g, const std::function<int(app::Session&)>& fn) {
  if (g.registry.empty()) return Fail(Status::InvalidArgument("give --registry DIR (or GANREG_REGISTRY)"));
  if (g.user.empty()) return Fail(Status::InvalidArgument("give --user NAME (or GANREG_USER)"));
  auto pw = Password(g.password_file, "password");
  if (!pw.ok()) return Fail(pw.status());
  auto reg = app::Registry::Open(g.registry, Clock::System());
  if (!reg.ok()) return Fail(reg.status());
  if ((*reg)->recovery_key_not_moved()) {
    fmt::print(stderr,
               "ganreg: 注意 warning: {}/RECOVERY-KEY.txt is still in the registry folder; "
               "move it to the safe (金庫) and delete every other copy.\n",
               g.registry);
  }
  auto session = (*reg)->Login(g.user, *pw);
  if (!session.ok()) return Fail(session.status());
  if ((*session)->must_change_password()) {
    fmt::print(stderr, "ganreg: パスワードの変更が必要です the password must be changed first: "
                       "ganreg user passwd --new-password-file FILE\n");
  }
  return fn(**session);
}

void AddGlobals(CLI::App& app, Globals& g) {
  app.add_option("--registry", g.registry, "registry folder")->envname("GANREG_REGISTRY");
  app.add_option("--user", g.user, "your login id")->envname("GANREG_USER");
  app.add_option("--password-file", g.password_file, "file whose first line is your password")
      ->envname("GANREG_PASSWORD_FILE");
}

}  // namespace ganreg::cli
