// Files the browser saves (docs/openapi.yaml): a ledger printed for a date range and the
// self-assessment report (issue #4's print use cases, A4 PDF or HTML), and a hospital's
// follow-back list with the identities it needs (issue #5). Each is one use case of the one
// door, audited as the CLI's is (detail "to=download"); the app hands the document back in
// memory, so nothing of it is written to the server's disk. Also the death information form
// upload (S-ACQ-2 イ), taken in like a notification file.
#include <string_view>

#include "web/api_util.h"

namespace ganreg::web::internal {

namespace {

using R = const httplib::Request&;
using S = app::Session&;

// A file name for Content-Disposition: ASCII letters, digits, '.', '-' and '_' only, so that no
// header can be forged and no path can be named.
std::string SafeFileName(std::string_view name) {
  std::string out;
  for (char c : name.substr(0, 120)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out.empty() ? std::string("download") : out;
}

Result<std::string> DocumentFormat(R req) {
  GANREG_ASSIGN_OR_RETURN(std::string format, QueryText(req, "format"));
  if (format.empty()) format = "pdf";
  if (format != "pdf" && format != "html") {
    return Status::InvalidArgument("形式は pdf か html / the format is pdf or html");
  }
  return format;
}

Download DocumentDownload(std::string name, const std::string& format, std::string bytes) {
  Download d{SafeFileName(name + "." + format),
             format == "pdf" ? "application/pdf" : "text/html; charset=utf-8",
             std::make_shared<crypto::SecretBytes>(crypto::SecretBytes::CopyOf(bytes))};
  crypto::Wipe(bytes.data(), bytes.size());  // sealed columns (visitors' names) may be in it
  return d;
}

// GET /api/print/ledgers/{kind}?from=YYYY-MM-DD&to=YYYY-MM-DD&format=pdf|html. Dates and the
// ledger's name are not personal; they may travel in the address.
Result<Download> PrintLedger(S s, R req) {
  const std::string kind = req.matches[1].str();
  GANREG_ASSIGN_OR_RETURN(std::string from, QueryText(req, "from"));
  GANREG_ASSIGN_OR_RETURN(std::string to, QueryText(req, "to"));
  GANREG_ASSIGN_OR_RETURN(std::string format, DocumentFormat(req));
  std::string bytes;
  GANREG_RETURN_IF_ERROR(
      s.PrintLedger(kind, from, to, app::PrintOutput{{}, format, &bytes}).status());
  return DocumentDownload(fmt::format("ganreg-{}{}{}", kind, from.empty() ? "" : "-" + from,
                                      to.empty() ? "" : "-to-" + to),
                          format, std::move(bytes));
}

// GET /api/print/self-assessment/{year}?format=pdf|html: the report, signed or a draft.
Result<Download> PrintAssessment(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(int64_t year, PathNumber(req, 1));
  GANREG_ASSIGN_OR_RETURN(std::string format, DocumentFormat(req));
  std::string bytes;
  GANREG_RETURN_IF_ERROR(
      s.WriteSelfAssessmentReport(year, std::vector<app::PrintOutput>{{{}, format, &bytes}})
          .status());
  return DocumentDownload(fmt::format("ganreg-self-assessment-{}", year), format, std::move(bytes));
}

// POST /api/followback/export {"hospital": "…", "format": "csv" | "text"}: the list holds
// names, so it is asked for by a state-changing request (CSRF-checked) and never cached.
Result<Download> ExportFollowback(S s, R req) {
  GANREG_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  app::FollowbackExportRequest r;
  GANREG_ASSIGN_OR_RETURN(r.hospital, StringField(body, "hospital"));
  GANREG_ASSIGN_OR_RETURN(r.format, StringField(body, "format"));
  if (r.format.empty()) r.format = "csv";
  auto bytes = std::make_shared<crypto::SecretBytes>();
  r.into = bytes.get();
  GANREG_RETURN_IF_ERROR(s.FollowbackExport(r).status());
  const bool csv = r.format == "csv";
  return Download{SafeFileName(fmt::format("followback-{}.{}", r.hospital, csv ? "csv" : "txt")),
                  csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8", std::move(bytes)};
}

}  // namespace

Result<Json> TakeInDeathUpload(app::Session& session, const Upload& up) {
  app::DeathIntakeRequest r;
  r.file = up.file;
  r.source = up.source;
  r.medium = up.medium.empty() ? "online" : up.medium;
  if (!up.encoding.empty()) r.encoding = up.encoding;
  r.display_name = up.filename;
  GANREG_ASSIGN_OR_RETURN(auto result, session.IntakeDeaths(r));
  return IntakeResultJson(result);
}

void SendDownload(httplib::Response& res, Download file) {
  res.status = 200;
  res.set_header("Content-Disposition",
                 fmt::format("attachment; filename=\"{}\"", SafeFileName(file.filename)));
  const size_t size = file.bytes ? file.bytes->size() : 0;
  if (size == 0) {
    res.set_content("", file.mime);
    return;
  }
  // Sent straight from the wiped buffer, which goes (and is wiped) with the response.
  res.set_content_provider(
      size, file.mime,
      [bytes = std::move(file.bytes)](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(reinterpret_cast<const char*>(bytes->data()) + offset, length);
      });
}

std::vector<Route> PrintRoutes() {
  std::vector<Route> routes;
  auto add = [&](std::string method, std::string pattern,
                 std::function<Result<Download>(S, R)> fn) {
    Route r(std::move(method), std::move(pattern), nullptr);
    r.download = std::move(fn);
    routes.push_back(std::move(r));
  };
  add("GET", R"(/api/print/ledgers/([a-z-]{1,40}))", PrintLedger);
  add("GET", R"(/api/print/self-assessment/(\d+))", PrintAssessment);
  add("POST", "/api/followback/export", ExportFollowback);
  return routes;
}

}  // namespace ganreg::web::internal
