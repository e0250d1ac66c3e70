// Self-contained printable HTML (see html.h). Every text that comes from a record is escaped.
#include "ledger/html.h"

#include <fmt/format.h>

namespace ganreg::ledger {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

HtmlPage::HtmlPage(std::string_view title, std::string_view registry) : title_(title) {
  body_ += fmt::format("<h1>{}</h1>\n<p class=\"registry\">{}</p>\n", HtmlEscape(title),
                       HtmlEscape(registry));
}

void HtmlPage::Heading(std::string_view text) {
  body_ += fmt::format("<h2>{}</h2>\n", HtmlEscape(text));
}

void HtmlPage::Paragraph(std::string_view text) {
  body_ += fmt::format("<p>{}</p>\n", HtmlEscape(text));
}

void HtmlPage::KeyValues(const std::vector<std::pair<std::string, std::string>>& rows) {
  body_ += "<table class=\"kv\">\n";
  for (const auto& [k, v] : rows) {
    body_ += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", HtmlEscape(k), HtmlEscape(v));
  }
  body_ += "</table>\n";
}

void HtmlPage::Table(const std::vector<std::string>& headers,
                     const std::vector<std::vector<std::string>>& rows,
                     const std::vector<std::string>& classes) {
  body_ += "<table>\n<thead><tr>";
  for (const auto& h : headers) body_ += fmt::format("<th>{}</th>", HtmlEscape(h));
  body_ += "</tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    body_ += i < classes.size() && !classes[i].empty()
                 ? fmt::format("<tr class=\"{}\">", HtmlEscape(classes[i]))
                 : std::string("<tr>");
    for (const auto& cell : rows[i]) body_ += fmt::format("<td>{}</td>", HtmlEscape(cell));
    body_ += "</tr>\n";
  }
  if (rows.empty()) {
    body_ += fmt::format("<tr><td colspan=\"{}\">記録なし no entries</td></tr>\n",
                         headers.empty() ? 1 : headers.size());
  }
  body_ += "</tbody>\n</table>\n";
}

std::string HtmlPage::Finish(std::string_view printed_at) const {
  // Only inline styles: the page must print the same with no network and no other file.
  static constexpr std::string_view kStyle =
      "@page{size:A4;margin:15mm 12mm}"
      "body{font-family:'IPAGothic','IPAexGothic','Noto Sans CJK JP',sans-serif;"
      "font-size:10pt;color:#000;margin:0}"
      "h1{font-size:15pt;margin:0 0 2mm}h2{font-size:12pt;margin:6mm 0 2mm;"
      "border-bottom:1px solid #000}"
      ".registry{margin:0 0 4mm}"
      "table{border-collapse:collapse;width:100%;margin:0 0 3mm}"
      "th,td{border:1px solid #444;padding:1mm 1.5mm;vertical-align:top;text-align:left}"
      "th{background:#eee}thead{display:table-header-group}tr{page-break-inside:avoid}"
      "td:first-child{white-space:nowrap}"
      "table.kv{width:auto}table.kv th{width:45mm}"
      "tr.not-met td{background:#fde2e2}tr.needs-answer td{background:#fff4cc}"
      "footer{margin-top:6mm;font-size:8pt}";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}<footer>印刷 printed {} — "
      "ganreg</footer>\n</body>\n</html>\n",
      HtmlEscape(title_), kStyle, body_, HtmlEscape(printed_at));
}

}  // namespace ganreg::ledger
