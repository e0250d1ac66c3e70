// The two writers of one document. The PDF is read back with Debian's poppler-utils (pdftotext,
// pdfinfo), as a person would find it: its text, page by page, and its page count.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/render.h"
#include "report/testing/pdf_text.h"

namespace ganreg::report {
namespace {

using testing::Count;
using testing::HavePoppler;
using testing::PdfText;

// A ledger of `rows` entries whose last column wraps over several lines.
Document LongLedger(int rows) {
  Document doc("入退室管理簿 Entry/exit log", "模擬県がん登録室");
  doc.Paragraph("期間 period: 2026-04-01 ～ 2026-09-30");
  std::vector<std::vector<std::string>> cells;
  for (int i = 1; i <= rows; ++i) {
    cells.push_back({std::to_string(i), "2026-09-" + std::to_string(10 + i % 20), "架空　訪問者",
                     "模擬ビル管理株式会社",
                     "空調設備の定期点検のため入室。作業責任者の承認を得て、職員が付き添い、"
                     "誓約書を受領した。記録番号" +
                         std::to_string(i) + "。"});
  }
  doc.Table({"No.", "日付 date", "氏名 name", "所属 affiliation", "目的 purpose"}, cells);
  doc.SetPrinted("2026-09-30T10:00 by head1", 1790730000);
  return doc;
}

TEST(ReportHtmlTest, OneSelfContainedJapanesePageWithEveryTextEscaped) {
  Document doc("自己点検報告書 <report>", "模擬県<がん>登録室");
  doc.Heading("1 組織的安全管理措置");
  doc.KeyValues({{"点検年 year", "2026"}});
  doc.Table({"No.", "結果"}, {{"1-01", "○ 適"}, {"1-02", "<script>alert(1)</script>"}},
            {Shade::kNone, Shade::kAlert});
  doc.Paragraph("一行目\n二行目");
  doc.SetPrinted("2026-09-30T10:00 by head1", 1790730000);
  const std::string html = RenderHtml(doc);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"ja\">"), std::string::npos);
  EXPECT_NE(html.find("模擬県&lt;がん&gt;登録室"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"alert\">"), std::string::npos);
  EXPECT_NE(html.find("<thead>"), std::string::npos);  // repeated on each printed page
  EXPECT_NE(html.find("一行目<br>二行目"), std::string::npos);
  EXPECT_NE(html.find("2026-09-30T10:00 by head1"), std::string::npos);
  for (const char* external : {"<script", "src=", "href=", "http://", "https://", "@import"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
}

TEST(ReportFormatTest, TheFileNameChoosesTheFormat) {
  EXPECT_EQ(*FormatOf("a/b/ledger.pdf"), Format::kPdf);
  EXPECT_EQ(*FormatOf("LEDGER.PDF"), Format::kPdf);
  EXPECT_EQ(*FormatOf("report.html"), Format::kHtml);
  EXPECT_EQ(*FormatOf("report.htm"), Format::kHtml);
  EXPECT_EQ(FormatOf("report.txt").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FormatOf("report").status().code(), StatusCode::kInvalidArgument);
}

TEST(ReportPdfTest, ALongTableBreaksAcrossA4PagesWithItsHeaderOnEachPage) {
  ASSERT_TRUE(HavePoppler()) << "pdftotext and pdfinfo (Debian: poppler-utils) are needed";
  auto pdf = RenderPdf(LongLedger(120));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->bytes.rfind("%PDF-", 0), 0u);
  ASSERT_GE(pdf->pages, 3);
  PdfText text = PdfText::FromBytes(pdf->bytes);
  EXPECT_EQ(text.PageCount(), pdf->pages);
  const std::string info = text.Info();
  EXPECT_NE(info.find("595.276 x 841.89"), std::string::npos) << info;  // A4 in points
  EXPECT_NE(info.find("入退室管理簿"), std::string::npos) << info;      // the title
  EXPECT_NE(info.find("ganreg"), std::string::npos);                    // the creator
  auto pages = text.Pages();
  ASSERT_EQ(static_cast<int>(pages.size()), pdf->pages);
  std::string all;
  for (size_t n = 0; n < pages.size(); ++n) {
    SCOPED_TRACE("page " + std::to_string(n + 1));
    // Every page: the header row, the printed date and "n / N".
    EXPECT_NE(pages[n].find("所属 affiliation"), std::string::npos);
    EXPECT_NE(pages[n].find("2026-09-30T10:00 by head1"), std::string::npos);
    EXPECT_NE(pages[n].find(std::to_string(n + 1) + " / " + std::to_string(pages.size())),
              std::string::npos);
    all += pages[n];
  }
  EXPECT_EQ(Count(pages[0], "模擬県がん登録室"), 1);  // the registry under the title
  // Every entry is there once, whole: its wrapped purpose ends on the same page it starts.
  for (int i = 1; i <= 120; ++i) {
    EXPECT_EQ(Count(all, "記録番号" + std::to_string(i) + "。"), 1) << i;
  }
  EXPECT_EQ(Count(all, "模擬ビル管理株式会社"), 120);
}

TEST(ReportPdfTest, ARowTallerThanAPageContinuesOnTheNextWithTheHeader) {
  ASSERT_TRUE(HavePoppler());
  Document doc("自己点検報告書", "模擬県がん登録室");
  std::string note;
  for (int i = 1; i <= 150; ++i) note += "根拠の行" + std::to_string(i) + "\n";
  doc.Table({"No.", "記録・回答 evidence"}, {{"1-01", note}, {"1-02", "最後の行"}});
  doc.SetPrinted("2026-09-30T10:00", 1790730000);
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ASSERT_GE(pdf->pages, 2);
  PdfText text = PdfText::FromBytes(pdf->bytes);
  auto pages = text.Pages();
  ASSERT_EQ(static_cast<int>(pages.size()), pdf->pages);
  std::string all;
  for (const auto& p : pages) {
    EXPECT_NE(p.find("記録・回答 evidence"), std::string::npos);
    all += p;
  }
  for (int i = 1; i <= 150; ++i) {
    EXPECT_EQ(Count(all, "根拠の行" + std::to_string(i) + "\n"), 1)
        << i;  // no line lost or doubled
  }
  EXPECT_EQ(Count(all, "最後の行"), 1);
}

TEST(ReportPdfTest, EveryBlockIsPrintedAndBadTextCannotBreakIt) {
  ASSERT_TRUE(HavePoppler());
  Document doc("病院・市町村定義の更新記録", "模擬県がん登録室");
  doc.Heading("結果 results");
  doc.KeyValues({{"点検年 year", "2026"}, {"署名", "未署名（下書き） NOT SIGNED — draft"}});
  doc.Paragraph("<b>太字ではない</b> & \xff\xfe 壊れたUTF-8");
  doc.Table({"No.", "内容"}, {});
  doc.SetPrinted("2026-11-25T18:46 by head1", 1795000000);
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->pages, 1);
  PdfText text = PdfText::FromBytes(pdf->bytes);
  const std::string page = text.Pages().at(0);
  for (const char* s :
       {"病院・市町村定義の更新記録", "結果 results", "点検年 year", "未署名（下書き）",
        "<b>太字ではない</b> &", "壊れたUTF-8", "記録なし no entries", "1 / 1"}) {
    EXPECT_NE(page.find(s), std::string::npos) << s << "\n" << page;
  }
}

}  // namespace
}  // namespace ganreg::report
