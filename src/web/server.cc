// The HTTPS server: TLS, sessions, CSRF, security headers, login rate limit, uploads and the
// client's static files. The routes themselves are in api.cc; every one of them goes through
// the one door (app::Session), under one lock, because the app layer is single-threaded.
#include "web/server.h"

#include <fcntl.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "crypto/crypto.h"
#include "model/roles.h"
#include "web/internal.h"
#include "web/tls.h"

namespace ganreg::web {

using internal::Json;

namespace {

constexpr std::string_view kCookie = "__Host-ganreg";
constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// Every response: no framing, no sniffing, no referrer, scripts only from this origin.
httplib::Headers SecurityHeaders() {
  return {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
      {"Strict-Transport-Security", "max-age=31536000"},
  };
}

std::string_view ErrorCode(StatusCode c) {
  switch (c) {
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kRejected: return "rejected";
    case StatusCode::kAborted: return "aborted";
    case StatusCode::kDataLoss: return "data_loss";
    case StatusCode::kUnavailable: return "unavailable";
    default: return "internal";
  }
}

int HttpStatus(StatusCode c) {
  switch (c) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted: return 409;
    case StatusCode::kRejected: return 422;
    case StatusCode::kUnavailable: return 503;
    default: return 500;
  }
}

// `text` is JSON; moved into the answer (httplib's set_content would copy it).
void SendJsonText(httplib::Response& res, int status, std::string text) {
  res.status = status;
  res.body = std::move(text);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", "application/json; charset=utf-8");
}

void SendJson(httplib::Response& res, int status, const Json& body) {
  SendJsonText(res, status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void SendError(httplib::Response& res, int status, std::string_view code,
               std::string_view message) {
  SendJson(res, status, Json{{"error", {{"code", code}, {"message", message}}}});
}

void SendStatus(httplib::Response& res, const Status& s) {
  SendJson(res, HttpStatus(s.code()),
           Json{{"error",
                 {{"code", ErrorCode(s.code())}, {"message", s.message()},
                  {"rules", internal::RulesIn(s.message())}}}});
}

// The session token from the Cookie header ("" if none).
std::string CookieToken(const httplib::Request& req) {
  const std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view part = rest.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > kCookie.size() && part.substr(0, kCookie.size()) == kCookie &&
        part[kCookie.size()] == '=') {
      return std::string(part.substr(kCookie.size() + 1));
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return "";
}

std::string NewToken() { return crypto::ToHex(crypto::RandomBytes(32)); }

// Session tokens are looked up by their hash, so that neither a timing difference of the map
// nor a memory dump gives a usable token.
std::string TokenKey(std::string_view token) { return crypto::Blake2b(token); }

}  // namespace

// The rule ids a message names ("S-INC-1", "STO-3", "SYS-R1", "STO-P4"; the manual's rule families
// only, not "UTF-8" or "AES-256"): the client shows each rule's title in the user's language
// beside the message (docs/web.md, error messages).
Json internal::RulesIn(std::string_view m) {
  static constexpr std::string_view kFamilies[] = {"ROLE", "ACQ", "INP", "PRC", "ANO", "STO",
                                                   "PWD",  "SYS", "INQ", "TRN", "HUM", "ENT",
                                                   "CHK",  "INC", "PHY", "TEC", "ORG"};
  Json rules = Json::array();
  auto upper = [&](size_t i) { return i < m.size() && m[i] >= 'A' && m[i] <= 'Z'; };
  auto digit = [&](size_t i) { return i < m.size() && m[i] >= '0' && m[i] <= '9'; };
  for (size_t i = 0; i < m.size(); ++i) {
    if (!upper(i) || (i > 0 && (upper(i - 1) || m[i - 1] == '-'))) continue;
    size_t j = i;
    if (m.compare(i, 2, "S-") == 0) j += 2;
    const size_t letters = j;
    while (upper(j)) ++j;
    if (j >= m.size() || m[j] != '-' ||
        std::find(std::begin(kFamilies), std::end(kFamilies), m.substr(letters, j - letters)) ==
            std::end(kFamilies)) {
      continue;
    }
    ++j;
    if (m.compare(j, 1, "R") == 0 || m.compare(j, 1, "P") == 0) ++j;  // SYS-R1, STO-P4
    const size_t digits = j;
    while (digit(j)) ++j;
    if (j == digits || upper(j) || digit(j)) continue;
    std::string id(m.substr(i, j - i));
    if (std::find(rules.begin(), rules.end(), id) == rules.end()) rules.push_back(id);
  }
  return rules;
}

struct WebSession {
  std::unique_ptr<app::Session> app;
  std::string csrf;
  int64_t created = 0, last_seen = 0;
};

struct Server::Impl {
  ServerOptions opt;
  const Clock* clock = nullptr;
  std::unique_ptr<app::Registry> registry;
  std::unique_ptr<httplib::SSLServer> http;
  int port = 0;
  // httplib's stop() does nothing before listening has begun: Stop() and Serve() meet here so
  // that a stop asked for at any moment ends the server.
  std::atomic<bool> serving{false}, stop_requested{false};

  // The app layer is single-threaded: every call into it (and the session table) runs on the
  // executor thread, as a job. Jobs that arrive together run in one group commit
  // (app::Registry::RunGrouped): their audit events reach the disk with one sync, and no answer
  // is sent before its audit event is durable.
  //
  // Each job has its own completion, so that the executor wakes exactly the requests it has
  // answered: one condition variable for all of them woke every waiting request thread after
  // each group, and they queued up on the queue's mutex, the executor's own turn included. (Not
  // std::binary_semaphore: libstdc++'s spins with sched_yield before it sleeps, which doubled
  // the context switches.) A job is shared by the request's thread and the executor, so that
  // the executor may notify after unlocking without the waiter having freed it.
  struct Job {
    Job(std::function<void()> f, bool g, httplib::Response* r)
        : fn(std::move(f)), grouped(g), res(r) {}
    std::function<void()> fn;
    bool grouped = true;
    httplib::Response* res = nullptr;
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;  // guarded by mu: the job and its group's commit are over
    void Finish() {
      {
        std::lock_guard lock(mu);
        done = true;
      }
      cv.notify_one();
    }
  };
  std::mutex qmu;
  std::condition_variable qcv;
  std::deque<std::shared_ptr<Job>> queue;
  bool stopping = false;
  std::thread executor;
  std::atomic<int64_t> stat_sessions{0};
  std::atomic<int64_t> stat_jobs{0}, stat_groups{0}, stat_busy_ns{0}, stat_cpu_ns{0};
  void Execute(bool grouped, httplib::Response& res, std::function<void()> fn);
  void ExecutorLoop();
  void StopExecutor();
  // Ends sessions past their idle or total time even if their browser never comes back, so
  // that no unlocked key outlives its session in memory. Executor thread only.
  void SweepExpiredSessions();
  int64_t last_sweep = 0;
  static constexpr size_t kMaxRemembered = 4096;
  std::set<std::string> ended;  // token hashes of swept sessions

  std::map<std::string, WebSession> sessions;  // by TokenKey; executor thread only
  std::mutex rate_mu;
  std::map<std::string, std::deque<int64_t>> login_attempts;  // by client address

  void Log(const httplib::Request& req, const httplib::Response& res, std::string_view user,
           std::chrono::steady_clock::time_point start) const;
  // The caller's live session, or nullptr with 401 sent. Executor thread only.
  WebSession* Authenticate(const httplib::Request& req, httplib::Response& res);
  bool SameOrigin(const httplib::Request& req) const;
  bool CsrfOk(const WebSession& s, const httplib::Request& req) const;
  bool LoginAllowed(const std::string& client);
  void Install();
  void InstallAuth();
  // An upload route: `take_in` runs the use case on the received file.
  void InstallUpload(const std::string& path,
                     std::function<Result<Json>(app::Session&, const internal::Upload&)> take_in);
};

void Server::Impl::Log(const httplib::Request& req, const httplib::Response& res,
                       std::string_view user,
                       std::chrono::steady_clock::time_point start) const {
  if (!opt.access_log) return;
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  const auto now = static_cast<std::time_t>(clock->NowSeconds());
  opt.access_log(fmt::format("{:%Y-%m-%dT%H:%M:%SZ} {} {} {} {} {} {:.1f}ms", fmt::gmtime(now),
                             req.remote_addr,
                             req.method, req.path, res.status, user.empty() ? "-" : user,
                             ms.count()));
}

WebSession* Server::Impl::Authenticate(const httplib::Request& req, httplib::Response& res) {
  const std::string token = CookieToken(req);
  if (token.empty()) {
    SendError(res, 401, "unauthenticated", "ログインしてください / log in first");
    return nullptr;
  }
  const std::string key = TokenKey(token);
  auto it = sessions.find(key);
  const int64_t now = clock->NowSeconds();
  if (it == sessions.end() && ended.erase(key) > 0) {
    SendError(res, 401, "session_expired",
              "一定時間操作がなかったため、ログアウトしました / the session expired");
    return nullptr;
  }
  if (it == sessions.end()) {
    SendError(res, 401, "unauthenticated", "ログインしてください / log in first");
    return nullptr;
  }
  if (now - it->second.last_seen > opt.idle_timeout_seconds ||
      now - it->second.created > opt.max_session_seconds) {
    (void)it->second.app->Logout("expired");
    sessions.erase(it);
    SendError(res, 401, "session_expired",
              "一定時間操作がなかったため、ログアウトしました / the session expired");
    return nullptr;
  }
  it->second.last_seen = now;
  return &it->second;
}

// A browser sends Origin with every cross-site POST; it must be this server.
bool Server::Impl::SameOrigin(const httplib::Request& req) const {
  if (!req.has_header("Origin")) return true;
  const std::string origin = req.get_header_value("Origin");
  return origin == "https://" + req.get_header_value("Host");
}

bool Server::Impl::CsrfOk(const WebSession& s, const httplib::Request& req) const {
  const std::string sent = req.get_header_value(std::string(kCsrfHeader).c_str());
  return SameOrigin(req) && !sent.empty() && crypto::BytesEqual(sent, s.csrf);
}

void Server::Impl::Execute(bool grouped, httplib::Response& res, std::function<void()> fn) {
  auto job = std::make_shared<Job>(std::move(fn), grouped, &res);
  {
    std::lock_guard lock(qmu);
    if (stopping) {
      SendError(res, 503, "unavailable", "the server is stopping");
      return;
    }
    queue.push_back(job);
  }
  qcv.notify_one();
  std::unique_lock lock(job->mu);  // the executor's writes to `res` happen before `done`
  job->cv.wait(lock, [&] { return job->done; });
}

namespace {
constexpr size_t kMaxGroup = 256;

void RunJob(const std::function<void()>& fn, httplib::Response& res) {
  try {
    fn();
  } catch (const std::exception&) {
    SendError(res, 500, "internal", "the server could not answer this request");
  }
}
}  // namespace

void Server::Impl::ExecutorLoop() {
  for (;;) {
    std::vector<std::shared_ptr<Job>> batch;
    {
      std::unique_lock lock(qmu);
      qcv.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) return;  // stopping, and nothing left
      while (!queue.empty() && batch.size() < kMaxGroup) {
        batch.push_back(queue.front());
        queue.pop_front();
      }
    }
    const auto t0 = std::chrono::steady_clock::now();
    timespec c0{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    SweepExpiredSessions();
    std::vector<Job*> grouped;
    for (const auto& j : batch) {
      if (j->grouped) {
        grouped.push_back(j.get());
      } else {
        RunJob(j->fn, *j->res);
      }
    }
    if (!grouped.empty()) {
      Status committed = registry->RunGrouped([&] {
        for (Job* j : grouped) RunJob(j->fn, *j->res);
      });
      if (!committed.ok()) {
        // Nothing of the group happened: no answer may claim otherwise.
        for (Job* j : grouped) {
          j->res->headers.erase("Set-Cookie");
          SendError(*j->res, 503, "unavailable",
                    "the registry could not record this request; nothing was done — try again");
        }
      }
    }
    timespec c1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    stat_cpu_ns += (c1.tv_sec - c0.tv_sec) * 1'000'000'000LL + (c1.tv_nsec - c0.tv_nsec);
    stat_busy_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now() - t0).count();
    stat_jobs += static_cast<int64_t>(batch.size());
    stat_sessions = static_cast<int64_t>(sessions.size());
    if (!grouped.empty()) ++stat_groups;
    for (const auto& j : batch) j->Finish();
  }
}

void Server::Impl::SweepExpiredSessions() {
  const int64_t now = clock->NowSeconds();
  if (now == last_sweep) return;  // at most once a second
  last_sweep = now;
  for (auto it = sessions.begin(); it != sessions.end();) {
    const WebSession& ws = it->second;
    if (now - ws.last_seen > opt.idle_timeout_seconds ||
        now - ws.created > opt.max_session_seconds) {
      // Only the token's hash is remembered, to tell the browser why it must log in again.
      if (ended.size() >= kMaxRemembered) ended.clear();
      ended.insert(it->first);
      (void)ws.app->Logout("expired");
      it = sessions.erase(it);
    } else {
      ++it;
    }
  }
}

void Server::Impl::StopExecutor() {
  {
    std::lock_guard lock(qmu);
    stopping = true;
  }
  qcv.notify_all();
  if (executor.joinable()) executor.join();
}

bool Server::Impl::LoginAllowed(const std::string& client) {
  std::lock_guard lock(rate_mu);
  const int64_t now = clock->NowSeconds();
  auto& q = login_attempts[client];
  while (!q.empty() && q.front() <= now - 60) q.pop_front();
  if (static_cast<int>(q.size()) >= opt.login_attempts_per_minute) return false;
  q.push_back(now);
  return true;
}

void Server::Impl::InstallAuth() {
  http->Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    std::string user;
    if (!SameOrigin(req) || req.get_header_value("Content-Type").rfind("application/json", 0)) {
      SendError(res, 403, "csrf", "login must come from this site's page as JSON");
    } else if (!LoginAllowed(req.remote_addr)) {
      res.set_header("Retry-After", "60");
      SendError(res, 429, "rate_limited",
                "ログインの試行が多すぎます。1分後にやり直してください / too many login attempts: "
                "wait a minute");
    } else if (auto body = internal::ParseBody(req); !body.ok()) {
      SendStatus(res, body.status());
    } else {
      auto name = internal::StringField(*body, "user");
      auto password = internal::StringField(*body, "password");
      if (!name.ok() || !password.ok() || name->empty()) {
        SendError(res, 400, "invalid_argument", "user and password are required");
      } else {
        // A login runs alone, outside a group commit: it records a failure in its own transaction.
        Execute(/*grouped=*/false, res, [&] {
        auto session = registry->Login(*name, *password);
        if (!session.ok()) {
          SendStatus(res, session.status());
        } else {
          const std::string token = NewToken();
          WebSession ws;
          ws.app = std::move(*session);
          ws.csrf = NewToken();
          ws.created = ws.last_seen = clock->NowSeconds();
          Json out{{"user", ws.app->actor().name},
                   {"role", model::RoleId(ws.app->actor().role)},
                   {"custodian", ws.app->actor().custodian},
                   {"csrf", ws.csrf},
                   {"must_change_password", ws.app->must_change_password()},
                   {"password_expires_at", ws.app->password_expires_at()}};
          user = ws.app->actor().name;
          sessions[TokenKey(token)] = std::move(ws);
          res.set_header("Set-Cookie",
                         fmt::format("{}={}; Path=/; Secure; HttpOnly; SameSite=Strict", kCookie,
                                     token));
          SendJson(res, 200, out);
        }
        });
      }
    }
    Log(req, res, user, start);
  });

  http->Post("/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    Execute(true, res, [&] {
    WebSession* s = Authenticate(req, res);
    if (s) {
      if (!CsrfOk(*s, req)) {
        SendError(res, 403, "csrf", "missing or wrong CSRF token");
      } else if (Status out = s->app->Logout(""); !out.ok()) {
        SendStatus(res, out);  // not recorded: the session stays, the user may try again
      } else {
        sessions.erase(TokenKey(CookieToken(req)));
        res.set_header("Set-Cookie", fmt::format("{}=; Path=/; Secure; HttpOnly; SameSite=Strict; "
                                                 "Max-Age=0", kCookie));
        SendJson(res, 200, Json{{"ok", true}});
      }
    }
    });
    Log(req, res, "", start);
  });

  // Who is logged in, with the CSRF token the page keeps in memory (never in storage).
  http->Get("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    std::string user;
    Execute(true, res, [&] {
    WebSession* s = Authenticate(req, res);
    if (s) {
      user = s->app->actor().name;
      SendJson(res, 200,
               Json{{"user", user},
                    {"role", model::RoleId(s->app->actor().role)},
                    {"custodian", s->app->actor().custodian},
                    {"csrf", s->csrf},
                    {"must_change_password", s->app->must_change_password()},
                    {"password_expires_at", s->app->password_expires_at()},
                    {"idle_timeout_seconds", opt.idle_timeout_seconds}});
    }
    });
    Log(req, res, user, start);
  });
}

void Server::Impl::InstallUpload(
    const std::string& path,
    std::function<Result<Json>(app::Session&, const internal::Upload&)> take_in) {
  // Intake by upload: authenticated and CSRF-checked before a byte of the body is read; the
  // body streams to a private file in the registry folder (never held whole in memory), which
  // intake keeps encrypted as the original and which is removed afterwards.
  http->Post(path, [this, take_in](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader) {
    auto start = std::chrono::steady_clock::now();
    std::string user;
    bool allowed = false;
    Execute(true, res, [&] {
      WebSession* s = Authenticate(req, res);
      if (!s) return;
      user = s->app->actor().name;
      if (!CsrfOk(*s, req)) {
        SendError(res, 403, "csrf", "missing or wrong CSRF token");
        return;
      }
      allowed = true;
    });
    if (!allowed) return Log(req, res, user, start);
    if (!req.is_multipart_form_data()) {
      SendError(res, 400, "invalid_argument", "send the file as multipart/form-data");
      return Log(req, res, user, start);
    }
    const std::filesystem::path dir = opt.registry_dir / "tmp";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    internal::Upload up;
    up.file = dir / fmt::format("upload-{}", NewToken().substr(0, 24));
    int fd = ::open(up.file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      SendError(res, 503, "unavailable", "cannot store the upload");
      return Log(req, res, user, start);
    }
    std::string current, problem;
    int files = 0;
    bool write_failed = false;
    reader(
        [&](const httplib::MultipartFormData& part) {
          current = part.name;
          if (part.name == "file") {
            ++files;
            if (auto st = internal::CheckUploadName(part.filename); !st.ok()) {
              problem = st.message();
            }
            up.filename = part.filename;
          }
          return true;
        },
        [&](const char* data, size_t n) {
          if (current == "file") {
            if (files == 1 && !write_failed) {
              size_t done = 0;
              while (done < n) {
                ssize_t w = ::write(fd, data + done, n - done);
                if (w < 0 && errno == EINTR) continue;
                if (w < 0) {
                  write_failed = true;
                  break;
                }
                done += static_cast<size_t>(w);
              }
            }
          } else {
            std::string* field = current == "hospital_code" ? &up.hospital_code
                                 : current == "medium"      ? &up.medium
                                 : current == "encoding"    ? &up.encoding
                                 : current == "source"      ? &up.source
                                                            : nullptr;
            if (!field) {
              problem = fmt::format("unknown form field '{}'", current.substr(0, 40));
            } else if (field->size() + n > 64) {
              problem = fmt::format("form field '{}' is too long", current);
            } else {
              field->append(data, n);
            }
          }
          return true;
        });
    ::close(fd);
    if (problem.empty() && files != 1) problem = "send exactly one file (form field 'file')";
    if (problem.empty() && write_failed) problem = "the upload could not be stored";
    if (!problem.empty()) {
      std::filesystem::remove(up.file, ec);
      SendError(res, write_failed ? 503 : 400, write_failed ? "unavailable" : "invalid_argument",
                problem);
      return Log(req, res, user, start);
    }
    // Intake runs alone (a large file would hold a group's commit back).
    Execute(/*grouped=*/false, res, [&] {
      WebSession* s = Authenticate(req, res);  // it may have ended while the body arrived
      if (s) {
        auto out = take_in(*s->app, up);
        if (out.ok()) {
          SendJson(res, 200, *out);
        } else {
          SendStatus(res, out.status());
        }
      }
    });
    std::filesystem::remove(up.file, ec);
    Log(req, res, user, start);
  });
}

void Server::Impl::Install() {
  http->set_default_headers(SecurityHeaders());
  http->set_payload_max_length(opt.max_upload_bytes);
  http->set_keep_alive_max_count(100000);
  http->set_keep_alive_timeout(30);
  http->set_read_timeout(30);
  http->set_write_timeout(30);
  http->set_tcp_nodelay(true);
  const int threads = opt.threads;
  http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

  // Bodies other than uploads are small: refuse a large one before it is read.
  http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/api/intake" || req.path == "/api/deaths/intake") {
      return httplib::Server::HandlerResponse::Unhandled;  // uploads: up to max_upload_bytes
    }
    const std::string len = req.get_header_value("Content-Length");
    if (!len.empty()) {
      errno = 0;
      char* end = nullptr;
      unsigned long long n = std::strtoull(len.c_str(), &end, 10);
      if (errno != 0 || *end != '\0' || n > opt.max_json_bytes) {
        SendError(res, 413, "too_large",
                  fmt::format("a request body is at most {} bytes", opt.max_json_bytes));
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Personal data is never cached; the client's static files may be.
  http->set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.headers.erase("Cache-Control");
    const bool is_static = req.path.rfind("/static/", 0) == 0 && res.status == 200;
    res.set_header("Cache-Control", is_static ? "private, max-age=300" : "no-store");
  });
  http->set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string message = res.status == 404   ? "no such page or route"
                                : res.status == 413 ? "the request body is too large"
                                                    : "the request could not be served";
    SendError(res, res.status, res.status == 404 ? "not_found" : "bad_request", message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, 500, "internal", "the server could not answer this request");
      });

  InstallAuth();
  const std::filesystem::path receipts = opt.registry_dir / "receipts";
  InstallUpload("/api/intake", [receipts](app::Session& s, const internal::Upload& up) {
    return internal::TakeInUpload(s, up, receipts);
  });
  InstallUpload("/api/deaths/intake", internal::TakeInDeathUpload);

  for (auto& route : internal::ApiRoutes()) {
    const bool state_change = route.method != "GET";
    // The use case runs on the executor; turning its result into JSON and writing it out runs
    // here, on the request's thread, unless the group's commit failed (503 set by the executor).
    auto handler = [this, route, state_change](const httplib::Request& req,
                                               httplib::Response& res) {
      auto start = std::chrono::steady_clock::now();
      std::string user;
      std::optional<Json> answer;
      std::function<std::string()> later;
      std::optional<internal::Download> file;
      Execute(true, res, [&] {
        WebSession* s = Authenticate(req, res);
        if (!s) return;
        user = s->app->actor().name;
        if (state_change && !CsrfOk(*s, req)) {
          SendError(res, 403, "csrf", "missing or wrong CSRF token");
          return;
        }
        Status failed;
        if (route.deferred) {
          auto out = route.deferred(*s->app, req);
          if (out.ok()) later = std::move(out).value(); else failed = out.status();
        } else if (route.download) {
          auto out = route.download(*s->app, req);
          if (out.ok()) file = std::move(out).value(); else failed = out.status();
        } else {
          auto out = route.fn(*s->app, req);
          if (out.ok()) answer = std::move(out).value(); else failed = out.status();
        }
        if (failed.ok()) return;
        if (failed.code() == StatusCode::kFailedPrecondition && s->app->must_change_password()) {
          SendError(res, 403, "password_change_required", failed.message());
        } else {
          SendStatus(res, failed);
        }
      });
      if (res.status == -1) {
        if (later) {
          SendJsonText(res, 200, later());
        } else if (file) {
          internal::SendDownload(res, std::move(*file));
        } else if (answer && route.html) {
          internal::SendHtmlPage(res, answer->value("html", ""));
        } else if (answer) {
          SendJson(res, 200, *answer);
        }
      }
      Log(req, res, user, start);
    };
    if (route.method == "GET") {
      http->Get(route.pattern, handler);
    } else {
      http->Post(route.pattern, handler);
    }
  }

  // The browser client: one page, its script and style sheet, built into the program.
  auto serve_asset = [this](std::string_view name, const httplib::Request& req,
                            httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    const internal::Asset* a = internal::FindAsset(name);
    if (!a) {
      SendError(res, 404, "not_found", "no such file");
    } else {
      res.status = 200;
      res.set_content(std::string(a->content), std::string(a->mime));
    }
    Log(req, res, "", start);
  };
  http->Get("/", [serve_asset](const httplib::Request& req, httplib::Response& res) {
    serve_asset("index.html", req, res);
  });
  http->Get(R"(/static/([A-Za-z0-9_.-]+))",
            [serve_asset](const httplib::Request& req, httplib::Response& res) {
              serve_asset(req.matches[1].str(), req, res);
            });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  Stop();
  if (impl_) impl_->StopExecutor();
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, const Clock& clock) {
  // A client that goes away mid-answer must not end the process: TLS writes go through write(),
  // which raises SIGPIPE on a closed socket. The server's process ignores it (EPIPE instead).
  ::signal(SIGPIPE, SIG_IGN);
  auto impl = std::make_unique<Impl>();
  impl->opt = options;
  impl->clock = &clock;
  if (impl->opt.cert_file.empty()) impl->opt.cert_file = DefaultCertificateFile(options.registry_dir);
  if (impl->opt.key_file.empty()) impl->opt.key_file = DefaultKeyFile(options.registry_dir);
  GANREG_ASSIGN_OR_RETURN(impl->registry, app::Registry::Open(options.registry_dir, clock));
  const std::string cert = impl->opt.cert_file.string(), key = impl->opt.key_file.string();
  for (const auto& f : {cert, key}) {
    if (::access(f.c_str(), R_OK) != 0) {
      return Status::Unavailable(fmt::format(
          "{}: cannot read the TLS certificate or key ({}); `ganreg init` makes them, or give "
          "--cert and --key", f, std::strerror(errno)));
    }
  }
  impl->http = std::make_unique<httplib::SSLServer>([cert, key](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    return SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&ctx) == 1;
  });
  if (!impl->http->is_valid()) {
    return Status::Unavailable(fmt::format(
        "the TLS certificate {} or its key {} is not usable (PEM, matching pair)", cert, key));
  }
  impl->Install();
  Impl* raw = impl.get();
  impl->executor = std::thread([raw] { raw->ExecutorLoop(); });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  int port = impl_->opt.port == 0
                 ? impl_->http->bind_to_any_port(impl_->opt.host)
                 : (impl_->http->bind_to_port(impl_->opt.host, impl_->opt.port)
                        ? impl_->opt.port
                        : -1);
  if (port <= 0) {
    return Status::Unavailable(fmt::format("cannot listen on {}:{} (address in use?)",
                                           impl_->opt.host, impl_->opt.port));
  }
  impl_->port = port;
  return port;
}

Status Server::Serve() {
  if (impl_->port == 0) return Status::FailedPrecondition("Bind() first");
  impl_->serving = true;
  if (impl_->stop_requested) {
    impl_->serving = false;
    return Status::Ok();
  }
  const bool ok = impl_->http->listen_after_bind();
  impl_->serving = false;
  return ok || impl_->stop_requested ? Status::Ok() : Status::Unavailable("the server stopped");
}

void Server::Stop() {
  if (!impl_ || !impl_->http) return;
  impl_->stop_requested = true;
  while (impl_->serving && !impl_->http->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http->stop();
}

Server::Stats Server::stats() const {
  return {impl_->stat_jobs.load(), impl_->stat_groups.load(), impl_->stat_cpu_ns.load() / 1e9,
          impl_->stat_busy_ns.load() / 1e9, impl_->stat_sessions.load()};
}

std::string Server::url() const {
  const std::string& h = impl_->opt.host;
  const std::string host = h.find(':') != std::string::npos ? "[" + h + "]" : h;
  return fmt::format("https://{}:{}/", host, impl_->port);
}

}  // namespace ganreg::web
