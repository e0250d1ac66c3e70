// Shared by the web module's files: the API's routes (api.cc) and the server that runs them
// (server.cc). Not part of the module's public surface.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/registry.h"
#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace ganreg::web::internal {

using Json = nlohmann::ordered_json;  // keys in the order written (items in column order)

// A file the browser saves (api_print.cc): its bytes in wiped memory (a follow-back list holds
// names), sent with Content-Disposition: attachment and never cached.
struct Download {
  std::string filename;  // plain ASCII: letters, digits, '.', '-', '_'
  std::string mime;      // application/pdf, text/html; charset=utf-8, text/csv; charset=utf-8, …
  std::shared_ptr<crypto::SecretBytes> bytes;
};
void SendDownload(httplib::Response& res, Download file);

// One JSON route under /api/. The server has found the caller's session (401 otherwise),
// checked the CSRF token of a state change (403 otherwise) and holds the app layer's lock.
// `fn` calls exactly the use cases of the one door; their Status becomes the HTTP status.
struct Route {
  Route(std::string m, std::string p,
        std::function<Result<Json>(app::Session&, const httplib::Request&)> f,
        std::function<Result<std::function<std::string()>>(app::Session&,
                                                            const httplib::Request&)> d = nullptr)
      : method(std::move(m)), pattern(std::move(p)), fn(std::move(f)), deferred(std::move(d)) {}
  std::string method;   // GET or POST
  std::string pattern;  // httplib regex, e.g. R"(/api/notifications/(\d+))"
  std::function<Result<Json>(app::Session&, const httplib::Request&)> fn;
  // For the busiest reads: the use case runs on the executor and returns what turns its
  // result into JSON text (json_writer.h), which then runs on the request's own thread (set
  // instead of `fn`).
  std::function<Result<std::function<std::string()>>(app::Session&, const httplib::Request&)>
      deferred;
  // The answer's "html" member is sent as a page of its own (text/html, SendHtmlPage), for a
  // report the browser opens in a tab.
  bool html = false;
  // For a file to download (a printed ledger, a follow-back list): set instead of `fn`; the
  // result is sent as an attachment (SendDownload).
  std::function<Result<Download>(app::Session&, const httplib::Request&)> download;
};
std::vector<Route> ApiRoutes();
// The route groups, each in its own file; ApiRoutes() (api.cc) appends them.
std::vector<Route> OfficeRoutes();  // api_office.cc: training, briefings, ID audit, incidents,
                                    // key box, entry/exit log, due
std::vector<Route> LedgerRoutes();  // api_ledgers.cc: self-assessment, registers, deliveries
std::vector<Route> RecordRoutes();  // api_records.cc: tumours, QC, deaths, follow-back
std::vector<Route> RegisterRoutes();  // api_registers.cc: procedure revisions, external audits,
                                      // the storage schedule
std::vector<Route> PrintRoutes();     // api_print.cc: printed ledgers and reports, the
                                      // follow-back list, as downloads

// A self-contained page made by the app layer (a report): sent with a policy that allows its
// own <style> element (by hash) and nothing else — no script, no other resource.
void SendHtmlPage(httplib::Response& res, const std::string& html);

// The rule ids of the registry manual that an error message cites ("S-INC-1", "STO-3",
// "SYS-R1"), each once, in order: the API's error.rules (server.cc).
Json RulesIn(std::string_view message);

// One hand-over book entry with how it travelled (api_ledgers.cc; also GET /api/handover).
Json HandoverEntryJson(const app::HandoverEntry& e);
// One disposal-record entry with its approval and contract (api_ledgers.cc; also GET
// /api/disposals).
Json DisposalJson(const app::DisposalEntry& d);

// The body of a JSON request as an object: kInvalidArgument for bad JSON, bad UTF-8 or not an
// object.
Result<Json> ParseBody(const httplib::Request& req);
// A string member of `body` ("" if absent); kInvalidArgument if present but not a string.
Result<std::string> StringField(const Json& body, std::string_view name);

// A received upload, already written to `file` (mode 0600) by the server.
struct Upload {
  std::filesystem::path file;
  std::string filename;       // as the browser named it, checked: a base name only
  std::string hospital_code;  // CSV only; a package names its sender in its signature
  std::string medium;         // online, cd-r, usb, paper
  std::string encoding;       // "" = detect
  std::string source;         // death forms: the municipality's code, or ncc
};
// Takes an upload in: a transfer package (by its magic) through IntakePackage, else a CSV file
// through Intake. `receipts` is where a package's receipt is written.
Result<Json> TakeInUpload(app::Session& session, const Upload& upload,
                          const std::filesystem::path& receipts);

// Takes a death information form file in (api_print.cc), its report per row and item as the
// notification intake's.
Result<Json> TakeInDeathUpload(app::Session& session, const Upload& upload);
// An intake's result as JSON (api.cc), for both kinds of upload.
Json IntakeResultJson(const app::IntakeResult& result);

// kInvalidArgument unless `name` is a plain file name (no path, no control characters).
Status CheckUploadName(std::string_view name);

// Static files of the browser client, built into the program (assets/, embedded by CMake).
struct Asset {
  std::string_view name, content, mime;
};
const Asset* FindAsset(std::string_view name);

}  // namespace ganreg::web::internal
