// The two writers of a report::Document: a self-contained HTML page and an A4 PDF in Japanese.
// Thread-safe: each call lays out with its own font map; no state is shared between calls.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "report/document.h"

namespace ganreg::report {

// One self-contained HTML document (no script, no external resource: styles inline), Japanese
// first (lang="ja"), A4 print styles with the header row repeated on each printed page and the
// page number "n / N" where the browser supports page margin boxes. Every string is escaped.
std::string RenderHtml(const Document& doc);

// `text` with &, <, >, " and ' replaced by character references (UTF-8 passes through).
std::string HtmlEscape(std::string_view text);

struct Pdf {
  std::string bytes;  // the whole PDF file
  int pages = 0;
};

// The document as an A4 portrait PDF laid out with Pango (Japanese line breaking, fonts found by
// fontconfig: IPAGothic from Debian's fonts-ipafont-gothic first) and written by Cairo's PDF
// surface, fonts embedded. Long tables break across pages with their header row repeated, a row
// is kept whole on one page where it fits, text wraps inside its cell; every page carries the
// title, the printed date and "n / N". Invalid UTF-8 is replaced (U+FFFD), never dropped
// silently. Returns kFailedPrecondition when no font with Japanese glyphs is installed (the
// message names the Debian package), kInternal if Cairo fails.
Result<Pdf> RenderPdf(const Document& doc);

// The output a file name asks for: ".pdf" → PDF, ".html"/".htm" → HTML (case-insensitive).
enum class Format { kHtml, kPdf };
Result<Format> FormatOf(const std::filesystem::path& file);

// Renders `doc` in the format `file` names. The bytes only: the caller writes the file.
Result<std::string> Render(const Document& doc, Format format);

}  // namespace ganreg::report
