// The HTML writer of a report::Document: one self-contained page. Every text that comes from a
// record is escaped.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "report/render.h"

namespace ganreg::report {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

std::string_view ShadeClass(Shade s) {
  switch (s) {
    case Shade::kAttention:
      return "attention";
    case Shade::kAlert:
      return "alert";
    case Shade::kNone:
      break;
  }
  return "";
}

// Text with its line breaks kept.
std::string Lines(std::string_view text) {
  std::string out = HtmlEscape(text);
  for (size_t at = 0; (at = out.find('\n', at)) != std::string::npos; at += 5) {
    out.replace(at, 1, "<br>");
  }
  return out;
}

void WriteTable(const Table& t, std::string& body) {
  size_t columns = t.headers.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  body += t.first_column_nowrap ? "<table>\n" : "<table class=\"wrap\">\n";
  if (!t.headers.empty()) {
    body += "<thead><tr>";
    for (const auto& h : t.headers) body += fmt::format("<th>{}</th>", Lines(h));
    for (size_t i = t.headers.size(); i < columns; ++i) body += "<th></th>";
    body += "</tr></thead>\n";
  }
  body += "<tbody>\n";
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string_view cls = i < t.shades.size() ? ShadeClass(t.shades[i]) : "";
    body += cls.empty() ? std::string("<tr>") : fmt::format("<tr class=\"{}\">", cls);
    for (size_t c = 0; c < columns; ++c) {
      body += fmt::format("<td>{}</td>", c < t.rows[i].size() ? Lines(t.rows[i][c]) : "");
    }
    body += "</tr>\n";
  }
  if (t.rows.empty()) {
    body += fmt::format("<tr><td colspan=\"{}\">{}</td></tr>\n", std::max<size_t>(columns, 1),
                        Lines(t.empty_text));
  }
  body += "</tbody>\n</table>\n";
}

}  // namespace

std::string RenderHtml(const Document& doc) {
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"registry\">{}</p>\n",
                                 HtmlEscape(doc.title()), HtmlEscape(doc.registry()));
  for (const Block& b : doc.blocks()) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        body += fmt::format("<h2>{}</h2>\n", HtmlEscape(b.text));
        break;
      case Block::Kind::kParagraph:
        body += fmt::format("<p>{}</p>\n", Lines(b.text));
        break;
      case Block::Kind::kKeyValues:
        body += "<table class=\"kv\">\n";
        for (const auto& [k, v] : b.pairs) {
          body += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", Lines(k), Lines(v));
        }
        body += "</table>\n";
        break;
      case Block::Kind::kTable:
        WriteTable(b.table, body);
        break;
    }
  }
  // Only inline styles: the page must print the same with no network and no other file.
  static constexpr std::string_view kStyle =
      "@page{size:A4;margin:15mm 12mm;"
      "@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt}}"
      "body{font-family:'IPAGothic','IPAexGothic','Noto Sans CJK JP',sans-serif;"
      "font-size:10pt;color:#000;margin:0}"
      "h1{font-size:15pt;margin:0 0 2mm}h2{font-size:12pt;margin:6mm 0 2mm;"
      "border-bottom:1px solid #000;page-break-after:avoid}"
      ".registry{margin:0 0 4mm}"
      "table{border-collapse:collapse;width:100%;margin:0 0 3mm}"
      "th,td{border:1px solid #444;padding:1mm 1.5mm;vertical-align:top;text-align:left;"
      "overflow-wrap:anywhere}"
      "th{background:#eee}thead{display:table-header-group}tr{page-break-inside:avoid}"
      "td:first-child{white-space:nowrap}table.wrap td:first-child{white-space:normal}"
      "table.kv{width:auto}table.kv th{width:45mm}"
      "tr.alert td{background:#fde2e2}tr.attention td{background:#fff4cc}"
      "footer{margin-top:6mm;font-size:8pt}";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}<footer>印刷 printed {} — "
      "ganreg</footer>\n</body>\n</html>\n",
      HtmlEscape(doc.title()), kStyle, body, HtmlEscape(doc.printed_text()));
}

Result<Format> FormatOf(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".pdf") return Format::kPdf;
  if (ext == ".html" || ext == ".htm") return Format::kHtml;
  return Status::InvalidArgument(fmt::format(
      "出力ファイルは .pdf か .html / the output file ends in .pdf or .html: {}", file.string()));
}

Result<std::string> Render(const Document& doc, Format format) {
  if (format == Format::kHtml) return RenderHtml(doc);
  GANREG_ASSIGN_OR_RETURN(Pdf pdf, RenderPdf(doc));
  return std::move(pdf.bytes);
}

}  // namespace ganreg::report
