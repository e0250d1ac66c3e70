// `ganreg serve` over real TLS on loopback, with a real registry: the security measures issue #6
// asks to be shown by tests (TLS, cookie flags, idle timeout, CSRF, CSP, no-store, rate limit,
// no personal data in logs), the role × route matrix (every denial is a 403 and an audit event),
// and malformed requests answered with clean 4xx. Synthetic data only.
#include "web/server.h"

#include <httplib.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/registry.h"
#include "app/testing/training.h"
#include "synth/synth.h"
#include "web/internal.h"
#include "web/tls.h"

namespace ganreg::web {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr int64_t kNow = 1795600000;  // 2026-11-25 (UTC)
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadInitial[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw[] = "Lx8%hQz3@wNe";
constexpr char kStaffInitial[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";
constexpr char kAdminInitial[] = "Wd2*kTr7&mQs";
constexpr char kAdminPw[] = "Pe6^xLc4#vBn";
constexpr char kNewbieInitial[] = "Gy5!sNw3%hKz";

// One registry for the suite (accounts take Argon2id time): head1 (every grant), lead1 (the
// system task lead: identity and clinical), staff1 (clinical only), admin1 (no category), and
// newbie1 whose initial password was set by lead1 and not changed yet (S-PWD-3). Two synthetic
// files taken in: one clean, one with faulty rows.
class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("ganreg_web_" + std::to_string(std::random_device{}())));
    clock_ = new FixedClock(kNow);
    const fs::path reg = *dir_ / "reg";
    auto init = app::InitRegistry({reg, "模擬県がん登録室", "head1", kHeadPw, "minimum", {}},
                                  *clock_);
    ASSERT_TRUE(init.ok()) << init.status().ToString();
    ASSERT_TRUE(MakeSelfSignedCertificate(DefaultCertificateFile(reg), DefaultKeyFile(reg)).ok());
    auto registry = app::Registry::Open(reg, *clock_);
    ASSERT_TRUE(registry.ok());
    auto head = (*registry)->Login("head1", kHeadPw);
    ASSERT_TRUE(head.ok());
    ASSERT_TRUE((*head)->AddUser({"lead1", model::Role::kTaskLead, kLeadInitial, "", true}).ok());
    auto lead = (*registry)->Login("lead1", kLeadInitial);
    ASSERT_TRUE(lead.ok());
    ASSERT_TRUE((*lead)->ChangePassword(kLeadInitial, kLeadPw).ok());
    ASSERT_TRUE((*lead)->AddUser({"staff1", model::Role::kTaskStaff, kStaffInitial, "head1"}).ok());
    ASSERT_TRUE((*lead)->AddUser({"admin1", model::Role::kAdminStaff, kAdminInitial, "head1"}).ok());
    ASSERT_TRUE(
        (*lead)->AddUser({"newbie1", model::Role::kTaskStaff, kNewbieInitial, "head1"}).ok());
    for (auto [u, a, b] : {std::tuple{"staff1", kStaffInitial, kStaffPw},
                           std::tuple{"admin1", kAdminInitial, kAdminPw}}) {
      auto s = (*registry)->Login(u, a);
      ASSERT_TRUE(s.ok());
      ASSERT_TRUE((*s)->ChangePassword(a, b).ok());
    }
    // S-HUM-1: grants follow a passed training test.
    ASSERT_TRUE(app::test_support::RecordPassedTraining(**head, kNow, {"lead1", "staff1"}).ok());
    ASSERT_TRUE((*head)->Grant("lead1", "notification-identity").ok());
    ASSERT_TRUE((*head)->Grant("lead1", "notification-clinical").ok());
    ASSERT_TRUE((*head)->Grant("staff1", "notification-clinical").ok());

    synth::NotificationOptions so;
    so.today = 20261125;
    so.data_dir = synth::DefaultDataDir();
    so.rows = 40;
    so.seed = 7;
    auto clean = synth::WriteNotifications(so, *dir_ / "h1310000011.csv");
    ASSERT_TRUE(clean.ok()) << clean.status().ToString();
    auto r = (*head)->Intake({*dir_ / "h1310000011.csv", "1310000011", "online", {}, ""});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    so.rows = 30;
    so.faulty_rows = 4;
    so.seed = 8;
    ASSERT_TRUE(synth::WriteNotifications(so, *dir_ / "faulty.csv").ok());
    auto list = (*head)->ListNotifications(1, 0);
    ASSERT_TRUE(list.ok() && !list->empty());
    key_no_ = (*list)[0].key_no;
    auto view = (*head)->ShowNotification(key_no_, true);
    ASSERT_TRUE(view.ok());
    name_ = view->row[model::Item::kName];
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete clock_;
  }

  void SetUp() override { Start(ServerOptions{}); }
  void TearDown() override { Stop(); }

  void Start(ServerOptions o) {
    o.registry_dir = *dir_ / "reg";
    o.port = 0;
    o.threads = 8;
    o.access_log = [this](const std::string& line) {
      std::lock_guard lock(log_mu_);
      log_ += line + "\n";
    };
    auto s = Server::Create(o, *clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s).value();
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Serve(); });
  }
  void Stop() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
  }

  // A client that checks the server's certificate against the registry's own.
  std::unique_ptr<httplib::SSLClient> Client() {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port_);
    c->set_ca_cert_path(DefaultCertificateFile(*dir_ / "reg").c_str());
    c->enable_server_certificate_verification(true);
    return c;
  }

  struct Login {
    std::string cookie, csrf;
    int status = 0;
  };
  Login LogIn(const std::string& user, const std::string& pw) {
    auto res = Client()->Post("/api/login", Json{{"user", user}, {"password", pw}}.dump(),
                              "application/json");
    Login l;
    if (!res) return l;
    l.status = res->status;
    if (res->status == 200) {
      const std::string set = res->get_header_value("Set-Cookie");
      l.cookie = set.substr(0, set.find(';'));
      l.csrf = Json::parse(res->body)["csrf"].get<std::string>();
    }
    return l;
  }
  static std::string Password(const std::string& user) {
    static const std::map<std::string, std::string> pw = {{"head1", kHeadPw},
                                                          {"lead1", kLeadPw},
                                                          {"staff1", kStaffPw},
                                                          {"admin1", kAdminPw},
                                                          {"newbie1", kNewbieInitial}};
    return pw.at(user);
  }
  Login As(const std::string& user) {
    Login l = LogIn(user, Password(user));
    EXPECT_EQ(l.status, 200) << user;
    return l;
  }
  httplib::Result Get(const Login& l, const std::string& path) {
    return Client()->Get(path.c_str(), {{"Cookie", l.cookie}});
  }
  httplib::Result Post(const Login& l, const std::string& path, const Json& body,
                       bool csrf = true) {
    httplib::Headers h{{"Cookie", l.cookie}};
    if (csrf) h.emplace("X-CSRF-Token", l.csrf);
    return Client()->Post(path.c_str(), h, body.dump(), "application/json");
  }
  httplib::Result Upload(const Login& l, const std::string& filename, const std::string& content,
                         const std::string& hospital = "1310000022") {
    httplib::MultipartFormDataItems items = {{"hospital_code", hospital, "", ""},
                                             {"medium", "online", "", ""},
                                             {"file", content, filename, "text/csv"}};
    return Client()->Post("/api/intake", {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}},
                          items);
  }

  httplib::Result UploadDeaths(const Login& l, const std::string& filename,
                               const std::string& content, const std::string& source = "131016") {
    httplib::MultipartFormDataItems items = {{"source", source, "", ""},
                                             {"medium", "online", "", ""},
                                             {"file", content, filename, "text/csv"}};
    return Client()->Post("/api/deaths/intake",
                          {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}}, items);
  }

  // The newest audit events before the reading session's own login, read with the head's
  // session (whose login is itself the newest event, and is left out).
  std::vector<app::AuditEventView> NewestEvents(int n) {
    auto registry = app::Registry::Open(*dir_ / "reg", *clock_);
    EXPECT_TRUE(registry.ok());
    auto head = (*registry)->Login("head1", kHeadPw);
    EXPECT_TRUE(head.ok());
    auto events = (*head)->ListAuditEvents(0, n + 1);
    EXPECT_TRUE(events.ok());
    if (!events.ok() || events->empty()) return {};
    EXPECT_EQ(events->front().action, "session.login");
    EXPECT_EQ(events->front().actor, "head1");
    events->erase(events->begin());
    return *events;
  }
  std::string Log() {
    std::lock_guard lock(log_mu_);
    return log_;
  }

  static fs::path* dir_;
  static FixedClock* clock_;
  static int64_t key_no_;
  static std::string name_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex log_mu_;
  std::string log_;
};
fs::path* ServerTest::dir_ = nullptr;
FixedClock* ServerTest::clock_ = nullptr;
int64_t ServerTest::key_no_ = 0;
std::string ServerTest::name_;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_F(ServerTest, ServesOnlyTlsWithTheRegistrysCertificate) {
  auto res = Client()->Get("/");
  ASSERT_TRUE(res);  // verified against DIR/tls/server.crt, issued for 127.0.0.1
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("/static/app.js"), std::string::npos);
  httplib::Client plain("127.0.0.1", port_);
  auto p = plain.Get("/");
  EXPECT_FALSE(p && p->status == 200) << "plain HTTP must not be served";
  // The key that goes with the certificate is readable by its owner only.
  auto perms = fs::status(DefaultKeyFile(*dir_ / "reg")).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

TEST_F(ServerTest, LoginSetsAHardenedSessionCookie) {
  auto res = Client()->Post("/api/login", Json{{"user", "head1"}, {"password", kHeadPw}}.dump(),
                            "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string c = res->get_header_value("Set-Cookie");
  EXPECT_EQ(c.rfind("__Host-ganreg=", 0), 0u) << c;
  for (const char* flag : {"; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/"}) {
    EXPECT_NE(c.find(flag), std::string::npos) << flag << " missing in " << c;
  }
  EXPECT_EQ(c.find("Domain"), std::string::npos);
  EXPECT_EQ(c.find("Expires"), std::string::npos) << "a session cookie, not a stored one";
  auto body = Json::parse(res->body);
  EXPECT_EQ(body["role"], "head");
  EXPECT_EQ(body["csrf"].get<std::string>().size(), 64u);
}

TEST_F(ServerTest, WrongPasswordIsUnauthorizedAndAudited) {
  Login l = LogIn("staff1", "Wrong#Pass-123");
  EXPECT_EQ(l.status, 401);
  auto events = NewestEvents(3);
  bool found = false;
  for (const auto& e : events) found |= e.object.find("staff1") != std::string::npos &&
                                        e.outcome != "done";
  EXPECT_TRUE(found) << "a failed login is an audit event";
}

TEST_F(ServerTest, EveryResponseCarriesTheSecurityHeaders) {
  Login l = As("head1");
  std::vector<httplib::Result> responses;
  responses.push_back(Client()->Get("/"));
  responses.push_back(Client()->Get("/static/app.js"));
  responses.push_back(Client()->Get("/no/such/page"));
  responses.push_back(Get(l, "/api/dashboard"));
  responses.push_back(Get(l, "/api/notifications"));
  responses.push_back(Client()->Get("/api/dashboard"));  // 401
  for (auto& r : responses) {
    ASSERT_TRUE(r);
    const std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_NE(r->get_header_value("Strict-Transport-Security"), "");
    EXPECT_EQ(r->get_header_value_count("Cache-Control"), 1u);
  }
  EXPECT_EQ(responses[3]->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(responses[4]->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(responses[0]->get_header_value("Cache-Control"), "no-store");
  // The page has no inline script: every script is a file of this origin.
  const std::string page = responses[0]->body;
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find("onclick="), std::string::npos);
}

// The list is written without nlohmann's document tree (json_writer.h); its bytes are those the
// tree gave, built here from the app layer's own answer.
TEST_F(ServerTest, TheNotificationListIsTheSameJsonAsTheDocumentModelWrites) {
  using Ordered = nlohmann::ordered_json;
  auto registry = app::Registry::Open(*dir_ / "reg", *clock_);
  ASSERT_TRUE(registry.ok());
  auto staff = (*registry)->Login("staff1", kStaffPw);
  ASSERT_TRUE(staff.ok());
  Login l = As("staff1");
  for (auto [limit, offset] : {std::pair{1000, 0}, std::pair{7, 5}, std::pair{50, 1000}}) {
    auto list = (*staff)->ListNotifications(limit, offset);
    ASSERT_TRUE(list.ok());
    Ordered rows = Ordered::array();
    for (const auto& s : *list) {
      rows.push_back({{"key_no", std::to_string(s.key_no)}, {"file_id", s.file_id},
                      {"line", s.line},                     {"hospital_code", s.hospital_code},
                      {"received_at", s.received_at},       {"primary_site", s.primary_site},
                      {"morphology", s.morphology},         {"diagnosis_date", s.diagnosis_date}});
    }
    const Ordered expected{{"notifications", rows}, {"limit", limit}, {"offset", offset}};
    auto res = Get(l, fmt::format("/api/notifications?limit={}&offset={}", limit, offset));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(res->body, expected.dump(-1, ' ', false, Ordered::error_handler_t::replace));
  }
}

// Requests that arrive together share a group commit (one executor, each request waiting on its
// own completion): every one is answered, with its own page, and leaves exactly one audit event.
TEST_F(ServerTest, ConcurrentRequestsAreEachAnsweredAndAuditedOnce) {
  Login l = As("staff1");
  // This look adds two events itself: its login and, as its session ends, its logout.
  const int64_t before = NewestEvents(1).at(0).seq;
  constexpr int kThreads = 8, kEach = 12;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      auto client = Client();
      for (int i = 0; i < kEach; ++i) {
        const int offset = (t * kEach + i) % 60;
        auto res = client->Get(fmt::format("/api/notifications?limit=3&offset={}", offset).c_str(),
                               {{"Cookie", l.cookie}});
        if (res && res->status == 200 && Json::parse(res->body)["offset"].get<int>() == offset) {
          ++ok;
        }
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), kThreads * kEach);
  auto events = NewestEvents(kThreads * kEach + 1);
  ASSERT_EQ(events.size(), static_cast<size_t>(kThreads * kEach + 1));
  EXPECT_EQ(events.at(0).seq, before + 2 + kThreads * kEach) << "one event per request, no more";
  int listed = 0;
  for (const auto& e : events) {
    listed += e.actor == "staff1" && e.action == "notification.list" && e.outcome == "done";
  }
  EXPECT_EQ(listed, kThreads * kEach);
}

TEST_F(ServerTest, StateChangesNeedTheCsrfTokenAndThisOrigin) {
  Login l = As("head1");
  auto no_token = Post(l, "/api/link", Json::object(), /*csrf=*/false);
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_EQ(Json::parse(no_token->body)["error"]["code"], "csrf");
  Login wrong = l;
  wrong.csrf = std::string(64, 'a');
  EXPECT_EQ(Post(wrong, "/api/link", Json::object())->status, 403);
  // A cross-site page cannot post even with a token it somehow learnt.
  auto cross = Client()->Post("/api/link",
                              {{"Cookie", l.cookie},
                               {"X-CSRF-Token", l.csrf},
                               {"Origin", "https://evil.example"}},
                              "{}", "application/json");
  EXPECT_EQ(cross->status, 403);
  // Another session's token does not fit this session.
  Login other = As("head1");
  Login mixed{l.cookie, other.csrf, 200};
  EXPECT_EQ(Post(mixed, "/api/link", Json::object())->status, 403);
  EXPECT_EQ(Post(l, "/api/link", Json::object())->status, 200);
  // Login itself only as JSON from this origin (a cross-site form cannot send JSON).
  auto form = Client()->Post("/api/login", "user=head1&password=x",
                             "application/x-www-form-urlencoded");
  EXPECT_EQ(form->status, 403);
}

TEST_F(ServerTest, IdleSessionsEndAndLogoutEndsTheSession) {
  Login l = As("staff1");
  EXPECT_EQ(Get(l, "/api/dashboard")->status, 200);
  clock_->Set(kNow + 14 * 60);
  EXPECT_EQ(Get(l, "/api/dashboard")->status, 200) << "used within the idle time";
  clock_->Set(kNow + 14 * 60 + 16 * 60);
  auto expired = Get(l, "/api/dashboard");
  clock_->Set(kNow);
  EXPECT_EQ(expired->status, 401);
  EXPECT_EQ(Json::parse(expired->body)["error"]["code"], "session_expired");
  EXPECT_EQ(Get(l, "/api/dashboard")->status, 401) << "an expired session stays ended";

  // A session whose browser never comes back is ended too (its unlocked keys with it): the
  // next request of anyone sweeps it.
  Login abandoned = As("staff1");
  clock_->Set(kNow + 16 * 60);
  Login fresh = As("head1");
  EXPECT_EQ(Get(fresh, "/api/dashboard")->status, 200);
  EXPECT_EQ(server_->stats().sessions, 1) << "only the fresh session is left";
  clock_->Set(kNow);
  EXPECT_EQ(Get(abandoned, "/api/dashboard")->status, 401);

  Login m = As("staff1");
  EXPECT_EQ(Post(m, "/api/logout", Json::object())->status, 200);
  EXPECT_EQ(Get(m, "/api/dashboard")->status, 401);
}

TEST_F(ServerTest, LoginAttemptsAreRateLimited) {
  Stop();
  ServerOptions o;
  o.login_attempts_per_minute = 5;
  Start(o);
  clock_->Set(kNow + 3600);  // a minute of its own
  int limited = 0;
  for (int i = 0; i < 7; ++i) {
    auto r = Client()->Post("/api/login",
                            Json{{"user", "nobody"}, {"password", "Xx1#wrong"}}.dump(),
                            "application/json");
    if (r->status == 429) {
      ++limited;
      EXPECT_EQ(r->get_header_value("Retry-After"), "60");
    } else {
      EXPECT_EQ(r->status, 401);
    }
  }
  EXPECT_EQ(limited, 2);
  clock_->Set(kNow + 3600 + 61);
  EXPECT_EQ(LogIn("staff1", kStaffPw).status, 200) << "a minute later login works again";
  clock_->Set(kNow);
}

TEST_F(ServerTest, AFirstLoginMayOnlyChangeThePassword) {
  Login l = As("newbie1");
  auto session = Json::parse(Get(l, "/api/session")->body);
  EXPECT_TRUE(session["must_change_password"].get<bool>());
  auto dash = Get(l, "/api/dashboard");
  EXPECT_EQ(dash->status, 403);
  EXPECT_EQ(Json::parse(dash->body)["error"]["code"], "password_change_required");
  auto weak = Post(l, "/api/password",
                   {{"old_password", kNewbieInitial}, {"new_password", "password1"}});
  EXPECT_EQ(weak->status, 400) << weak->body;
}

TEST_F(ServerTest, IdentityIsShownOnlyWithTheGrantAndNeverLogged) {
  const std::string path = fmt::format("/api/notifications/{}/identity", key_no_);
  auto denied = Get(As("staff1"), path);  // clinical grant only
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(denied->body.find(name_), std::string::npos);
  auto events = NewestEvents(1);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].actor, "staff1");
  EXPECT_EQ(events[0].action, "notification.show-identity");
  EXPECT_EQ(events[0].outcome, "denied");

  auto shown = Get(As("lead1"), path);
  ASSERT_EQ(shown->status, 200);
  auto body = Json::parse(shown->body);
  EXPECT_EQ(body["items"]["name"], name_);
  EXPECT_EQ(shown->get_header_value("Cache-Control"), "no-store");
  auto clinical = Get(As("staff1"), fmt::format("/api/notifications/{}", key_no_));
  ASSERT_EQ(clinical->status, 200);
  EXPECT_FALSE(Json::parse(clinical->body)["items"].contains("name"));
  // The access log names paths, users and statuses — never a person's data.
  const std::string log = Log();
  EXPECT_NE(log.find(path), std::string::npos);
  EXPECT_EQ(log.find(name_), std::string::npos);
  EXPECT_EQ(log.find(kStaffPw), std::string::npos);
}

TEST_F(ServerTest, AnUploadWithFaultyRowsIsTakenInAndTheRowsHeldBack) {
  Login l = As("staff1");
  auto res = Upload(l, "faulty.csv", ReadFile(*dir_ / "faulty.csv"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto r = Json::parse(res->body);
  EXPECT_EQ(r["rows_read"], 30);
  EXPECT_GT(r["rows_held"].get<int>(), 0);
  EXPECT_EQ(r["rows_accepted"].get<int>() + r["rows_held"].get<int>(), 30);
  ASSERT_FALSE(r["issues"].empty());
  EXPECT_EQ(r["issues"][0].get<std::string>().rfind("faulty.csv:", 0), 0u)
      << "FILE:LINE: ITEM: REASON";
  auto report = Get(l, fmt::format("/api/files/{}", r["file_id"].get<int64_t>()));
  ASSERT_EQ(report->status, 200);
  EXPECT_EQ(Json::parse(report->body)["rows_held"], r["rows_held"]);
  // The same bytes again add nothing.
  auto again = Json::parse(Upload(l, "faulty-again.csv", ReadFile(*dir_ / "faulty.csv"))->body);
  EXPECT_TRUE(again["duplicate"].get<bool>());
  // Nothing of the upload stays in clear on disk.
  EXPECT_TRUE(fs::is_empty(*dir_ / "reg" / "tmp"));
}

TEST_F(ServerTest, MalformedRequestsGetCleanClientErrors) {
  Login l = As("head1");
  // A body over the limit is answered 413 before it is read; the client may see the connection
  // reset instead if it was still sending when the server closed (TCP), never a 2xx.
  auto huge = Post(l, "/api/users/grant", Json{{"user", std::string(200000, 'x')}});
  if (huge) {
    EXPECT_EQ(huge->status, 413);
  }
  auto bad_json = Client()->Post("/api/users/grant", {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}},
                                 "{\"user\": ", "application/json");
  EXPECT_EQ(bad_json->status, 400);
  auto bad_utf8 = Client()->Post("/api/users/grant", {{"Cookie", l.cookie}, {"X-CSRF-Token", l.csrf}},
                                 "{\"user\": \"\xff\xfe\"}", "application/json");
  EXPECT_EQ(bad_utf8->status, 400);
  auto not_object = Post(l, "/api/users/grant", Json::array({1, 2}));
  EXPECT_EQ(not_object->status, 400);
  auto wrong_type = Post(l, "/api/users/grant", Json{{"user", 5}});
  EXPECT_EQ(wrong_type->status, 400);
  auto bad_query = Get(l, "/api/notifications?limit=abc");
  EXPECT_EQ(bad_query->status, 400);
  auto big_number = Get(l, "/api/notifications/99999999999999999999999");
  EXPECT_EQ(big_number->status, 400);
  for (const char* name : {"../../etc/passwd", "a/b.csv", "..", "x\\y.csv"}) {
    auto up = Upload(l, name, "a,b\n");
    ASSERT_TRUE(up);
    EXPECT_EQ(up->status, 400) << name;
  }
  EXPECT_FALSE(fs::exists(*dir_ / "etc"));
  auto unknown = Post(l, "/api/nothing-here", Json::object());
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(Json::parse(unknown->body)["error"]["code"], "not_found");
  // The server is still there.
  EXPECT_EQ(Get(l, "/api/dashboard")->status, 200);
}

TEST_F(ServerTest, LoginsAndLogoutsAreAuditEvents) {
  Login l = As("staff1");
  auto events = NewestEvents(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "session.login");
  EXPECT_EQ(events[0].actor, "staff1");
  EXPECT_EQ(events[0].outcome, "done");
  ASSERT_EQ(Post(l, "/api/logout", Json::object())->status, 200);
  events = NewestEvents(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "session.logout");
  EXPECT_EQ(events[0].actor, "staff1");
  EXPECT_EQ(events[0].detail, "");
  // A session ended by the idle timeout is recorded as such.
  Login idle = As("staff1");
  clock_->Set(kNow + 16 * 60);
  EXPECT_EQ(Get(idle, "/api/dashboard")->status, 401);
  clock_->Set(kNow);
  events = NewestEvents(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "session.logout");
  EXPECT_EQ(events[0].actor, "staff1");
  EXPECT_EQ(events[0].detail, "expired");
}

// A refusal by a rule comes with the rule's id, for the client's message in the user's language.
TEST_F(ServerTest, TheKeyBoxIsOpenedAndLockedAndARefusalNamesItsRule) {
  Login l = As("lead1");
  auto open = Post(l, "/api/keybox", {{"action", "open"}});
  ASSERT_EQ(open->status, 200) << open->body;
  EXPECT_EQ(Json::parse(open->body)["by"], "lead1");
  auto again = Post(l, "/api/keybox", {{"action", "open"}});
  ASSERT_EQ(again->status, 409) << again->body;
  auto error = Json::parse(again->body)["error"];
  EXPECT_EQ(error["code"], "failed_precondition");
  EXPECT_EQ(error["rules"], Json::array({"S-STO-1"}));
  EXPECT_NE(error["message"].get<std::string>().find("キーボックス"), std::string::npos);
  ASSERT_EQ(Post(l, "/api/keybox", {{"action", "lock"}})->status, 200);
  auto log = Json::parse(Get(As("admin1"), "/api/keybox")->body)["entries"];
  ASSERT_GE(log.size(), 2u);
  std::vector<std::string> actions;
  for (const auto& e : log) actions.push_back(e["action"].get<std::string>());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "open"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "lock"), actions.end());
}

TEST_F(ServerTest, AnIncidentIsReportedAndItsReportingChainFollowed) {
  Login staff = As("staff1");
  auto reported = Post(staff, "/api/incidents", {{"kind", "loss"},
                                                 {"occurred", "2026-11-24T10:00"},
                                                 {"summary", "模擬：書類1枚の所在不明"}});
  ASSERT_EQ(reported->status, 200) << reported->body;
  const int64_t id = Json::parse(reported->body)["id"].get<int64_t>();
  Login head = As("head1");
  auto before = Json::parse(Get(head, fmt::format("/api/incidents/{}", id))->body);
  ASSERT_FALSE(before["missing"].empty());
  EXPECT_EQ(before["summary"], "模擬：書類1枚の所在不明");
  // The head's report to the governor cannot come before the report to the head (S-INC-1).
  auto early = Post(head, fmt::format("/api/incidents/{}/steps", id),
                    {{"step", "head-to-governor"}, {"done_at", "2026-11-24T12:00"}});
  EXPECT_EQ(early->status, 409) << early->body;
  EXPECT_EQ(Json::parse(early->body)["error"]["rules"], Json::array({"S-INC-1"}));
  auto step = Post(head, fmt::format("/api/incidents/{}/steps", id),
                   {{"step", "reported-to-head"}, {"done_at", "2026-11-24T10:30"}});
  ASSERT_EQ(step->status, 200) << step->body;
  auto after = Json::parse(Get(head, fmt::format("/api/incidents/{}", id))->body);
  EXPECT_EQ(after["steps"].size(), before["steps"].size() + 1);
  EXPECT_EQ(after["missing"].size() + 1, before["missing"].size());
  // Without the ledgers grant the contents stay sealed: refused and audited.
  EXPECT_EQ(Get(staff, fmt::format("/api/incidents/{}", id))->status, 403);
  EXPECT_EQ(Get(head, fmt::format("/api/incidents/{}", id))->get_header_value("Cache-Control"),
            "no-store");
}

// The inquiry book: a phone inquiry is answered only by calling back a number registered for
// the body (S-INQ-3); the answer is then shown with the inquiry.
TEST_F(ServerTest, AnInquiryIsRecordedAndAnsweredByCallingBackARegisteredNumber) {
  Login head = As("head1");
  auto contact = Post(head, "/api/inquiry-contacts",
                      {{"body", "模擬市保健所"}, {"phone", "03-0000-0001"}, {"group", "ア"}});
  ASSERT_TRUE(contact->status == 200 || contact->status == 409) << contact->body;
  auto recorded = Post(As("staff1"), "/api/inquiries",
                       {{"group", "ア"},
                        {"channel", "phone"},
                        {"counterpart", "模擬市保健所"},
                        {"content", "届出の受付状況の確認"}});
  ASSERT_EQ(recorded->status, 200) << recorded->body;
  const int64_t id = Json::parse(recorded->body)["id"].get<int64_t>();
  const std::string answer = fmt::format("/api/inquiries/{}/answer", id);
  auto unregistered = Post(head, answer, {{"answer", "受付済み"}, {"callback_to", "090-0000-9999"}});
  EXPECT_EQ(unregistered->status, 409) << unregistered->body;
  EXPECT_EQ(Json::parse(unregistered->body)["error"]["rules"], Json::array({"S-INQ-3"}));
  auto answered = Post(head, answer, {{"answer", "受付済み"}, {"callback_to", "03-0000-0001"}});
  ASSERT_EQ(answered->status, 200) << answered->body;
  auto shown = Json::parse(Get(head, fmt::format("/api/inquiries/{}", id))->body);
  ASSERT_EQ(shown["answers"].size(), 1u);
  EXPECT_EQ(shown["answers"][0]["text"], "受付済み");
  EXPECT_EQ(shown["content"], "届出の受付状況の確認");
}

// A correction of an answer goes through the API like the answer: checked again (S-INQ-3), the
// corrected answer kept and marked.
TEST_F(ServerTest, AnAnswerIsCorrectedByANewAnswerThroughTheApi) {
  Login head = As("head1");
  auto contact = Post(head, "/api/inquiry-contacts",
                      {{"body", "模擬町役場"}, {"phone", "03-0000-0002"}, {"group", "ア"}});
  ASSERT_TRUE(contact->status == 200 || contact->status == 409) << contact->body;
  auto recorded = Post(head, "/api/inquiries", {{"group", "ア"},
                                                {"channel", "phone"},
                                                {"counterpart", "模擬町役場"},
                                                {"content", "転居届の照会"}});
  ASSERT_EQ(recorded->status, 200) << recorded->body;
  const int64_t id = Json::parse(recorded->body)["id"].get<int64_t>();
  const std::string answer = fmt::format("/api/inquiries/{}/answer", id);
  auto first = Post(head, answer, {{"answer", "照会中"}, {"callback_to", "03-0000-0002"}});
  ASSERT_EQ(first->status, 200) << first->body;
  const int64_t first_id = Json::parse(first->body)["id"].get<int64_t>();
  auto callers = Post(head, answer, {{"answer", "回答済み"},
                                     {"callback_to", "090-0000-9999"},
                                     {"corrects", first_id}});
  EXPECT_EQ(callers->status, 409) << callers->body;
  EXPECT_EQ(Json::parse(callers->body)["error"]["rules"], Json::array({"S-INQ-3"}));
  auto fixed = Post(head, answer, {{"answer", "回答済み"},
                                   {"callback_to", "03-0000-0002"},
                                   {"corrects", first_id}});
  ASSERT_EQ(fixed->status, 200) << fixed->body;
  auto shown = Json::parse(Get(head, fmt::format("/api/inquiries/{}", id))->body);
  ASSERT_EQ(shown["answers"].size(), 2u);
  EXPECT_EQ(shown["answers"][0]["corrected_by"], Json::parse(fixed->body)["id"]);
  EXPECT_EQ(shown["answers"][1]["corrects"], first_id);
}

// The disposal record over the API: a listed medium needs a task lead's approval (STO-P4), a
// contractor a contract the head checked (S-STO-5); the approval is listed with the entry.
TEST_F(ServerTest, ADisposalNamesItsApproverAndAContractorItsContract) {
  Login staff = As("staff1");
  auto medium = Post(staff, "/api/media",
                     {{"id", "USB-WEB-01"}, {"kind", "usb"}, {"received", "2026-01-05"}});
  ASSERT_EQ(medium->status, 200) << medium->body;
  Json d = {{"item", "模擬：USB-WEB-01"}, {"medium_id", "USB-WEB-01"},
            {"method", "physical-destroy"}, {"place", "room"},
            {"witnesses", Json::array({"staff1"})}};
  auto unapproved = Post(staff, "/api/disposals", d);
  EXPECT_EQ(unapproved->status, 409) << unapproved->body;
  EXPECT_EQ(Json::parse(unapproved->body)["error"]["rules"], Json::array({"STO-P4"}));
  d["approved_by"] = "lead1";
  d["time"] = "15:10";
  auto approved = Post(staff, "/api/disposals", d);
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(Json::parse(approved->body)["approved_by"], "lead1");
  EXPECT_EQ(Json::parse(approved->body)["time"], "15:10");
  auto contractor = Post(staff, "/api/disposals",
                         {{"item", "模擬：紙の届出票"}, {"method", "dissolve"},
                          {"place", "contractor"}, {"witnesses", Json::array({"staff1"})},
                          {"approved_by", "lead1"}, {"contract", "未確認の契約"}});
  EXPECT_EQ(contractor->status, 409) << contractor->body;
  EXPECT_EQ(Json::parse(contractor->body)["error"]["rules"], Json::array({"S-STO-5"}));
  auto list = Json::parse(Get(staff, "/api/disposals")->body)["disposals"];
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list.back()["approved_by"], "lead1");
  EXPECT_EQ(list.back()["medium_id"], "USB-WEB-01");
}

TEST_F(ServerTest, TheSelfAssessmentIsAnsweredAndItsReportIsAPageOfItsOwn) {
  Login head = As("head1");
  auto started = Post(head, "/api/self-assessment", {{"year", 2026}});
  ASSERT_TRUE(started->status == 200 || started->status == 409) << started->body;
  auto view = Json::parse(Get(head, "/api/self-assessment/2026")->body);
  ASSERT_FALSE(view["items"].empty());
  std::string item;
  for (const auto& i : view["items"]) {
    if (!i["from_records"].get<bool>()) {
      item = i["no"].get<std::string>();
      break;
    }
  }
  ASSERT_FALSE(item.empty()) << "an item that needs a person's answer";
  // An answer without its evidence note is refused by S-CHK-1.
  auto bare = Post(head, "/api/self-assessment/2026/answer", {{"item", item}, {"status", "met"}});
  EXPECT_EQ(bare->status, 409) << bare->body;
  auto answered = Post(head, "/api/self-assessment/2026/answer",
                       {{"item", item}, {"status", "met"}, {"note", "規程集で確認"}});
  ASSERT_EQ(answered->status, 200) << answered->body;
  auto again = Json::parse(Get(head, "/api/self-assessment/2026")->body);
  for (const auto& i : again["items"]) {
    if (i["no"] == item) {
      EXPECT_EQ(i["result"], "met");
      EXPECT_EQ(i["answered_by"], "head1");
    }
  }
  auto report = Get(head, "/api/self-assessment/2026/report");
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_EQ(report->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(report->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(report->get_header_value_count("Content-Security-Policy"), 1u);
  const std::string csp = report->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("style-src 'sha256-"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script-src"), std::string::npos) << "no script at all (default-src 'none')";
  EXPECT_EQ(report->body.find("<script"), std::string::npos);
  EXPECT_NE(report->body.find("規程集で確認"), std::string::npos);
}

// A ledger printed for a date range is a download: a PDF (or HTML) attachment with a plain
// ASCII name, never cached, audited as `ledger print` is (detail to=download), and nothing of it
// left on the server's disk.
TEST_F(ServerTest, ALedgerIsDownloadedAsAnAttachmentThatIsNeverCached) {
  Login head = As("head1");
  auto pdf = Get(head, "/api/print/ledgers/handover?from=2026-11-01&to=2026-11-30&format=pdf");
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->get_header_value("Content-Disposition"),
            "attachment; filename=\"ganreg-handover-2026-11-01-to-2026-11-30.pdf\"");
  EXPECT_EQ(pdf->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(pdf->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
  auto events = NewestEvents(1);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "ledger.print");
  EXPECT_EQ(events[0].object, "ledger:handover");
  EXPECT_EQ(events[0].outcome, "done");
  EXPECT_NE(events[0].detail.find("from=2026-11-01 to=2026-11-30"), std::string::npos);
  EXPECT_NE(events[0].detail.find("format=pdf to=download"), std::string::npos);

  auto html = Get(head, "/api/print/ledgers/handover?format=html");
  ASSERT_EQ(html->status, 200) << html->body;
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(html->get_header_value("Content-Disposition"),
            "attachment; filename=\"ganreg-handover.html\"");
  EXPECT_NE(html->body.find("配送物等受渡簿"), std::string::npos);
  // Refused with the reason: another format, a ledger that does not exist, a date that is not.
  EXPECT_EQ(Get(head, "/api/print/ledgers/handover?format=docx")->status, 400);
  EXPECT_EQ(Get(head, "/api/print/ledgers/recipes")->status, 400);
  auto bad_date = Get(head, "/api/print/ledgers/handover?from=2026-13-01");
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_NE(bad_date->body.find("YYYY-MM-DD"), std::string::npos);
  EXPECT_EQ(Get(head, "/api/print/ledgers/HANDOVER")->status, 404);
  // Without the ledgers grant a sealed ledger is printed with its sealed columns withheld.
  auto staff = Get(As("staff1"), "/api/print/ledgers/entry-log?format=html");
  ASSERT_EQ(staff->status, 200) << staff->body;
  EXPECT_NE(staff->body.find("withheld"), std::string::npos);
  EXPECT_TRUE(!fs::exists(*dir_ / "reg" / "tmp") || fs::is_empty(*dir_ / "reg" / "tmp"));
  // The access log names the path, never the query.
  EXPECT_EQ(Log().find("2026-11-30"), std::string::npos);

  // The self-assessment report as a download (a draft until signed).
  auto started = Post(head, "/api/self-assessment", {{"year", 2025}});
  ASSERT_TRUE(started->status == 200 || started->status == 409) << started->body;
  auto report = Get(head, "/api/print/self-assessment/2025");
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_EQ(report->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(report->get_header_value("Content-Disposition"),
            "attachment; filename=\"ganreg-self-assessment-2025.pdf\"");
  EXPECT_EQ(report->body.rfind("%PDF-", 0), 0u);
  events = NewestEvents(1);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "self-assessment.report");
  EXPECT_NE(events[0].detail.find("to=download"), std::string::npos);
  EXPECT_EQ(Get(head, "/api/print/self-assessment/2019")->status, 404);  // not started
}

// Death information forms by upload, as notification files: streamed to a private file, the
// report per row and item, the file removed after. Linked, a cancer death without a
// notification opens a follow-back case, whose list (with names) a task lead downloads.
TEST_F(ServerTest, DeathFormsAreUploadedAndAHospitalsFollowBackListIsADownload) {
  const std::string header =
      "カナ氏名,氏名,性別,生年月日,死亡時住所_都道府県コード,死亡時住所,死亡日,原死因,"
      "死亡したところの種別,死亡した施設\r\n";
  const std::string csv = header +
      "ヤマネ　ソウイチ,山根　宗一,1,19370415,13,模擬市模擬町一丁目1番1号,20261001,C34.1,1,"
      "1310000055\r\n"
      "ミナセ　トオル,水瀬　透,3,19400101,13,模擬市模擬町二丁目2番2号,20261002,C18.7,6,\r\n";
  Login lead = As("lead1");
  auto res = UploadDeaths(lead, "deaths-2026-10.csv", csv);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto r = Json::parse(res->body);
  EXPECT_EQ(r["rows_read"], 2);
  EXPECT_EQ(r["rows_accepted"], 1);
  EXPECT_EQ(r["rows_held"], 1);
  ASSERT_EQ(r["issues"].size(), 1u);
  const std::string issue = r["issues"][0].get<std::string>();
  EXPECT_EQ(issue.rfind("deaths-2026-10.csv:3: ", 0), 0u) << issue;  // FILE:LINE: ITEM: REASON
  EXPECT_EQ(issue.find("水瀬"), std::string::npos) << "a report never quotes an identity value";
  EXPECT_TRUE(fs::is_empty(*dir_ / "reg" / "tmp"));
  // A bad sender and a name with a path are refused before anything is taken in.
  EXPECT_EQ(UploadDeaths(lead, "d2.csv", csv, "123456")->status, 400);
  EXPECT_EQ(UploadDeaths(lead, "../d3.csv", csv)->status, 400);
  // staff1 may take death forms in (registry work) but not read their identities.
  auto staff = UploadDeaths(As("staff1"), "deaths-empty.csv", header);
  EXPECT_LT(staff->status, 500) << staff->body;

  ASSERT_EQ(Post(lead, "/api/link", Json::object())->status, 200);
  auto cases = Json::parse(Get(lead, "/api/followback?hospital=1310000055")->body)["cases"];
  ASSERT_EQ(cases.size(), 1u) << cases.dump();
  EXPECT_EQ(cases[0]["status"], "followback");

  auto list = Post(lead, "/api/followback/export", {{"hospital", "1310000055"}, {"format", "csv"}});
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_EQ(list->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(list->get_header_value("Content-Disposition"),
            "attachment; filename=\"followback-1310000055.csv\"");
  EXPECT_EQ(list->get_header_value("Cache-Control"), "no-store");
  EXPECT_NE(list->body.find("山根　宗一"), std::string::npos);
  auto events = NewestEvents(1);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].action, "followback.export");
  EXPECT_EQ(events[0].actor, "lead1");
  EXPECT_NE(events[0].detail.find("to=download"), std::string::npos);
  EXPECT_EQ(events[0].detail.find("山根"), std::string::npos);
  auto text = Post(lead, "/api/followback/export", {{"hospital", "1310000055"}, {"format", "text"}});
  ASSERT_EQ(text->status, 200) << text->body;
  EXPECT_EQ(text->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_NE(text->body.find("遡り調査依頼"), std::string::npos);
  // Without the CSRF token: refused before the list is made.
  EXPECT_EQ(Post(lead, "/api/followback/export", {{"hospital", "1310000055"}}, false)->status, 403);
  // A task staff member may not send names out (S-INQ-6); refused and audited.
  EXPECT_EQ(Post(As("staff1"), "/api/followback/export", {{"hospital", "1310000055"}})->status,
            403);
  // No name in the access log, nothing left on disk.
  EXPECT_EQ(Log().find("山根"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(*dir_ / "reg" / "tmp"));
}

// Revisions from the self-assessment, external audits and the storage schedule, each with the
// app's rule for a refusal; a correction names the entry it corrects and the list shows both.
TEST_F(ServerTest, RevisionsExternalAuditsAndTheStorageScheduleAreRecorded) {
  Login head = As("head1");
  auto rule = Post(head, "/api/retention",
                   {{"kind", "notification"}, {"medium", "paper"}, {"months", 60},
                    {"place", "登録室の施錠書庫"}, {"method", "施錠保管"}});
  ASSERT_EQ(rule->status, 200) << rule->body;
  EXPECT_TRUE(Json::parse(rule->body)["in_force"].get<bool>());
  auto rules = Json::parse(Get(As("admin1"), "/api/retention")->body)["rules"];
  ASSERT_FALSE(rules.empty());

  auto audit = Post(head, "/api/external-audits",
                    {{"date", "2026-06-01"}, {"auditor", "模擬県個人情報保護審議会"},
                     {"findings", "指摘なし"}, {"reported_on", "2026-05-01"}});
  EXPECT_EQ(audit->status, 409) << "reported before the audit: " << audit->body;
  EXPECT_NE(audit->body.find("ORG-6"), std::string::npos) << audit->body;
  audit = Post(head, "/api/external-audits",
               {{"date", "2026-06-01"}, {"auditor", "模擬県個人情報保護審議会"},
                {"findings", "指摘なし"}});
  ASSERT_EQ(audit->status, 200) << audit->body;
  const int64_t first = Json::parse(audit->body)["id"].get<int64_t>();
  auto corrected = Post(head, "/api/external-audits",
                        {{"date", "2026-06-01"}, {"auditor", "模擬県個人情報保護審議会"},
                         {"findings", "指摘なし"}, {"reported_on", "2026-06-20"},
                         {"corrects", first}});
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  const int64_t second = Json::parse(corrected->body)["id"].get<int64_t>();
  auto audits = Json::parse(Get(As("lead1"), "/api/external-audits")->body)["audits"];
  bool chain = false;
  for (const auto& a : audits) {
    if (a["id"] == first) chain = a["corrected_by"] == second;
  }
  EXPECT_TRUE(chain) << audits.dump();

  // A revision answers items whose action was decided (S-CHK-1); none is decided in 2024.
  auto started = Post(head, "/api/self-assessment", {{"year", 2024}});
  ASSERT_TRUE(started->status == 200 || started->status == 409) << started->body;
  auto revision = Post(head, "/api/revisions",
                       {{"year", 2024}, {"items", "1-01"}, {"procedure", "安全管理規程"},
                        {"change", "模擬：改訂"}, {"date", "2024-10-01"}});
  EXPECT_EQ(revision->status, 409) << revision->body;
  EXPECT_NE(revision->body.find("S-CHK-1"), std::string::npos) << revision->body;
  EXPECT_EQ(Json::parse(Get(head, "/api/revisions?year=2024")->body)["revisions"].size(), 0u);
  EXPECT_EQ(Get(head, "/api/revisions?year=twenty")->status, 400);
}

// The role × route matrix: every route, every role; a denial is a 403 and an audit event with
// outcome "denied" naming the user. Allowed calls may still fail on their input (404, 400, 409),
// which proves they passed the permission check. Routes that need a key are denied by the key
// for a user without the grant (staff1 holds clinical only; admin1 no category).
TEST_F(ServerTest, EveryRouteDeniesAndAuditsWhatTheRoleMayNotDo) {
  struct Case {
    std::string method, path;
    Json body;
    std::set<std::string> allowed;  // users who pass the permission check
  };
  const std::string key = std::to_string(key_no_);
  const std::set<std::string> all = {"head1", "lead1", "staff1", "admin1"};
  const std::set<std::string> staff = {"head1", "lead1", "staff1"};
  const std::set<std::string> custodians = {"head1", "lead1"};
  const std::vector<Case> cases = {
      {"GET", "/api/dashboard", {}, all},
      {"GET", "/api/files", {}, staff},
      {"GET", "/api/files/1", {}, staff},
      {"GET", "/api/notifications", {}, staff},
      {"GET", "/api/notifications/" + key, {}, staff},
      {"GET", "/api/notifications/" + key + "/identity", {}, custodians},
      {"POST", "/api/link", Json::object(), custodians},
      {"GET", "/api/review/next", {}, custodians},
      {"POST", "/api/review/999999/decide", {{"decision", "same"}}, staff},
      {"POST", "/api/review/999999/undo", Json::object(), staff},
      {"GET", "/api/handover", {}, all},
      {"GET", "/api/users", {}, custodians},
      {"POST", "/api/users", {{"name", "x1"}, {"role", "task-lead"}, {"initial_password", "weak"}},
       {"head1"}},
      {"POST", "/api/users/grant", {{"user", "no-such"}, {"category", "ledgers"}}, custodians},
      {"POST", "/api/users/revoke", {{"user", "no-such"}, {"category", "ledgers"}}, custodians},
      {"POST", "/api/users/disable", {{"user", "no-such"}}, custodians},
      {"POST", "/api/password", {}, all},  // with the user's own password and a weak new one
      {"GET", "/api/partners", {}, all},
      {"GET", "/api/inquiries", {}, {"head1"}},
      {"GET", "/api/media", {}, all},
      {"GET", "/api/disposals", {}, all},
      {"GET", "/api/audit", {}, {"head1", "lead1", "admin1"}},
      {"POST", "/api/audit/verify", Json::object(), {"head1", "lead1", "admin1"}},
      {"POST", "/api/intake", {}, staff},
      // The office (api_office.cc). Bodies are incomplete: an allowed call is refused on its
      // input (400, 404, 409, 422), a denied one before.
      {"GET", "/api/due", {}, custodians},
      {"GET", "/api/training", {}, custodians},
      {"POST", "/api/training/plans", Json::object(), custodians},
      {"POST", "/api/training/plans/999999/approve", Json::object(), {"head1"}},
      {"POST", "/api/training/sessions", Json::object(), custodians},
      {"POST", "/api/training/tests", Json::object(), custodians},
      {"GET", "/api/briefings", {}, custodians},
      {"POST", "/api/briefings", Json::object(), custodians},
      {"GET", "/api/id-audit/accounts", {}, custodians},
      {"GET", "/api/id-audits", {}, custodians},
      {"POST", "/api/id-audits", Json::object(), custodians},
      // Incidents' contents are sealed under the ledgers category: only head1 holds its key.
      {"GET", "/api/incidents", {}, {"head1"}},
      {"POST", "/api/incidents", Json::object(), all},
      {"GET", "/api/incidents/999999", {}, {"head1"}},
      {"POST", "/api/incidents/999999/steps", {{"step", "contained"}}, custodians},
      {"GET", "/api/contact-network", {}, {"head1"}},
      {"POST", "/api/contact-network", Json::object(), {"head1"}},
      {"GET", "/api/keybox", {}, all},
      {"POST", "/api/keybox", Json::object(), custodians},
      {"GET", "/api/entry-log", {}, all},
      {"POST", "/api/entry-log", Json::object(), all},
      {"POST", "/api/entry-log/999999/exit", {{"time_out", "17:00"}}, all},
      {"GET", "/api/entry-log/checks", {}, all},
      {"POST", "/api/entry-log/checks", Json::object(), custodians},
      // The ledgers (api_ledgers.cc).
      {"POST", "/api/self-assessment", Json::object(), custodians},
      {"GET", "/api/self-assessment/2019", {}, custodians},
      {"POST", "/api/self-assessment/2019/answer", Json::object(), custodians},
      {"POST", "/api/self-assessment/2019/sign", Json::object(), {"head1"}},
      {"GET", "/api/self-assessment/2019/report", {}, custodians},
      {"GET", "/api/takeouts", {}, staff},
      {"POST", "/api/takeouts", Json::object(), staff},
      {"POST", "/api/takeouts/999999/return", Json::object(), staff},
      {"GET", "/api/maintenance", {}, custodians},
      {"POST", "/api/maintenance", Json::object(), custodians},
      {"GET", "/api/acquisitions", {}, all},
      {"POST", "/api/acquisitions", Json::object(), staff},
      {"GET", "/api/definitions", {}, all},
      {"POST", "/api/definitions", Json::object(), custodians},
      {"POST", "/api/handover/999999/delivery", Json::object(), staff},
      // Inquiries are sealed under ledgers: reading one (to show or answer it) needs the key.
      {"POST", "/api/inquiries", Json::object(), all},
      {"GET", "/api/inquiries/999999", {}, {"head1"}},
      {"POST", "/api/inquiries/999999/answer", {{"answer", "x"}}, {"head1"}},
      {"GET", "/api/inquiry-contacts", {}, all},
      {"POST", "/api/inquiry-contacts", Json::object(), custodians},
      {"POST", "/api/media", Json::object(), all},
      {"POST", "/api/disposals", Json::object(), all},
      // The records (api_records.cc): clinical reads need the clinical grant (admin1 has none
      // and is not registry staff); the death review reads identities too (both grants).
      {"GET", "/api/tumours", {}, staff},
      {"GET", "/api/tumours/999999", {}, staff},
      {"GET", "/api/qc", {}, staff},
      {"POST", "/api/qc/accept", {{"tumour_id", 999999}, {"check_id", "x"}}, staff},
      {"GET", "/api/deaths", {}, staff},
      {"GET", "/api/death-review/next", {}, custodians},
      {"POST", "/api/death-review/999999/decide", {{"decision", "same"}}, staff},
      {"POST", "/api/death-review/999999/undo", Json::object(), staff},
      {"GET", "/api/followback", {}, staff},
      {"POST", "/api/followback/999999/answer", {{"answer", "dco"}}, staff},
      {"POST", "/api/deaths/intake", {}, staff},
      // The fourth slice's registers (api_registers.cc).
      {"GET", "/api/revisions", {}, custodians},
      {"POST", "/api/revisions", Json::object(), custodians},
      {"GET", "/api/external-audits", {}, custodians},
      {"POST", "/api/external-audits", Json::object(), {"head1"}},
      {"GET", "/api/retention", {}, all},
      {"POST", "/api/retention", Json::object(), custodians},
      // Downloads (api_print.cc): a ledger is printed with its listing's permission; the
      // follow-back list (names) by the head and task leads holding both grants.
      {"GET", "/api/print/ledgers/takeouts?from=2026-11-01", {}, staff},
      {"GET", "/api/print/ledgers/maintenance", {}, custodians},
      {"GET", "/api/print/ledgers/media", {}, all},
      {"GET", "/api/print/self-assessment/2019?format=html", {}, custodians},
      {"POST", "/api/followback/export", {{"hospital", "1310000000"}}, custodians},
  };
  std::map<std::string, Login> logins;
  for (const auto& u : all) logins[u] = As(u);
  int denials = 0;
  for (const auto& c : cases) {
    for (const auto& u : all) {
      SCOPED_TRACE(fmt::format("{} {} as {}", c.method, c.path, u));
      const Login& l = logins[u];
      Json body = c.body;
      if (c.path == "/api/password") body = {{"old_password", Password(u)}, {"new_password", "x"}};
      httplib::Result res = c.path == "/api/intake"          ? Upload(l, "tiny.csv", "x\n", "bad")
                            : c.path == "/api/deaths/intake" ? UploadDeaths(l, "d.csv", "x\n")
                            : c.method == "GET"              ? Get(l, c.path)
                                                             : Post(l, c.path, body);
      ASSERT_TRUE(res);
      EXPECT_NE(res->status, 401);
      if (c.allowed.count(u)) {
        EXPECT_NE(res->status, 403) << res->body;
        EXPECT_LT(res->status, 500) << res->body;
        continue;
      }
      EXPECT_EQ(res->status, 403) << res->body;
      ++denials;
      auto events = NewestEvents(2);
      ASSERT_FALSE(events.empty());
      EXPECT_EQ(events[0].actor, u);
      EXPECT_EQ(events[0].outcome, "denied") << events[0].action << " " << events[0].detail;
    }
    // Unauthenticated: 401, whatever the route.
    httplib::Result anon = c.method == "GET"
                               ? Client()->Get(c.path.c_str())
                               : Client()->Post(c.path.c_str(), "{}", "application/json");
    ASSERT_TRUE(anon);
    EXPECT_EQ(anon->status, 401) << c.path;
  }
  EXPECT_GT(denials, 90);
  // Every route of the server is in the matrix.
  for (const auto& route : internal::ApiRoutes()) {
    std::regex pattern(route.pattern);
    bool found = false;
    for (const auto& c : cases) {
      found |= c.method == route.method &&
               std::regex_match(c.path.substr(0, c.path.find('?')), pattern);
    }
    EXPECT_TRUE(found) << route.method << " " << route.pattern << " is not in the matrix";
  }
}

// An error's rule ids are the manual's rules a message cites, each once, in order.
TEST(RulesInTest, NamesTheManualsRulesOnly) {
  using internal::RulesIn;
  EXPECT_EQ(RulesIn("S-INC-1: 日本語 / English (S-INC-1)"), internal::Json::array({"S-INC-1"}));
  EXPECT_EQ(RulesIn("approval (STO-3); a witness (SYS-R1, PHY-R6)"),
            internal::Json::array({"STO-3", "SYS-R1", "PHY-R6"}));
  EXPECT_EQ(RulesIn("S-STO-5 and S-STO-4"), internal::Json::array({"S-STO-5", "S-STO-4"}));
  EXPECT_EQ(RulesIn("STO-P4: 承認が必要"), internal::Json::array({"STO-P4"}));
  EXPECT_EQ(RulesIn("not valid UTF-8; AES-256-GCM; ICD-10 C61.9; XS-INC-1; S-INC-"),
            internal::Json::array());
}

// docs/openapi.yaml documents every route the server has.
TEST(OpenApiTest, DocumentsEveryRoute) {
  std::ifstream in(GANREG_OPENAPI_FILE);
  ASSERT_TRUE(in) << GANREG_OPENAPI_FILE;
  const std::string doc(std::istreambuf_iterator<char>(in), {});
  const std::vector<std::string> paths = {
      "/api/login:", "/api/logout:", "/api/session:", "/api/intake:", "/api/deaths/intake:"};
  for (const auto& p : paths) EXPECT_NE(doc.find("  " + p), std::string::npos) << p;
  for (const auto& route : internal::ApiRoutes()) {
    std::string path = route.pattern;
    // A group "(…)" in a pattern is a path parameter: {key}, {id}, {pair}, {year} or {ledger}
    // in the document.
    size_t at = path.find('(');
    std::string prefix = at == std::string::npos ? path : path.substr(0, at);
    std::string rest = at == std::string::npos ? "" : path.substr(path.find(')', at) + 1);
    bool found = false;
    for (const char* name : {"{key}", "{id}", "{pair}", "{year}", "{ledger}"}) {
      std::string documented = at == std::string::npos ? path : prefix + name + rest;
      found |= doc.find("  " + documented + ":") != std::string::npos;
    }
    EXPECT_TRUE(found) << route.method << " " << route.pattern << " is not in docs/openapi.yaml";
    std::string method = route.method == "GET" ? "get:" : "post:";
    EXPECT_NE(doc.find(method), std::string::npos);
  }
}

}  // namespace
}  // namespace ganreg::web
