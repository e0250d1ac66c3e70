// Printable pages for the office's paper files: one self-contained HTML document (no script,
// no external resource: styles inline, Japanese first), A4 when printed. Used by the
// self-assessment report (S-CHK-1) and `ganreg ledger print`.
//
//   ledger::HtmlPage page("入退室管理簿 Entry/exit log", "模擬県がん登録室");
//   page.Table({"日付 date", "氏名 name"}, {{"2026-11-24", "架空　清掃員"}});
//   WriteNewFile(out, page.Finish("2026-11-25T18:46"));
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ganreg::ledger {

// `text` with &, <, >, " and ' replaced by character references (UTF-8 passes through).
std::string HtmlEscape(std::string_view text);

class HtmlPage {
 public:
  // `title` heads the page and names the document; `registry` is printed under it.
  HtmlPage(std::string_view title, std::string_view registry);
  void Heading(std::string_view text);                     // a section heading
  void Paragraph(std::string_view text);                   // escaped text
  void KeyValues(const std::vector<std::pair<std::string, std::string>>& rows);
  // A table; each cell escaped. `classes` (optional, one per row) sets the row's CSS class
  // ("met", "not-met", "needs-answer" are styled).
  void Table(const std::vector<std::string>& headers,
             const std::vector<std::vector<std::string>>& rows,
             const std::vector<std::string>& classes = {});
  // The finished document; `printed_at` goes in the footer.
  std::string Finish(std::string_view printed_at) const;

 private:
  std::string title_, body_;
};

}  // namespace ganreg::ledger
