#pragma once
// vitae as a library: one call runs the whole pipeline — load the CV,
// select what the style shows, lay it out and fit it to its pages, write
// each output asked for — and returns the outputs' bytes with every
// diagnostic. `vitae build` is this call plus the command line's own
// concerns (file names, writing files atomically, exit codes, running TeX).
//
//     vitae::CompileRequest request;
//     request.cv.path = "cv.toml";
//     request.style = "classic";
//     request.formats = {vitae::OutputFormat::pdf};
//     vitae::CompileResult result = vitae::compile(request);
//     // result.diagnostics (then result.notes), result.outputs[0].bytes
//
// docs/library.md has more.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vitae/base/diag.hpp"
#include "vitae/compose/blocks.hpp"
#include "vitae/layout/fonts.hpp"
#include "vitae/load/sandbox.hpp"
#include "vitae/model/model.hpp"
#include "vitae/render/latex.hpp"
#include "vitae/style/pdf_standard.hpp"
#include "vitae/style/tailor.hpp"

namespace vitae {

enum class OutputFormat {
    pdf,       ///< vitae's own layout engine, written by libharu
    latex,     ///< a standalone .tex (render/latex)
    text,      ///< plain text, 80 columns
    markdown,  ///< Markdown
    debug,     ///< the layout's frames as text, one item a line (render/trace)
    blocks,    ///< the composition as text, one block and piece a line (render/block_trace)
    html,      ///< one self-contained web page (render/html)
    docx,      ///< a Word document (render/docx)
    json,      ///< JSON Resume (load/json_resume)
};

/// A format's name (as `vitae build -f` takes it) and the file extension
/// that asks for it.
struct OutputFormatName {
    OutputFormat format;
    std::string_view name;       ///< "pdf", "latex", "text", "md", "debug", "blocks", "html", "docx", "json"
    std::string_view extension;  ///< ".pdf", ".tex", ".txt", ".md", ".trace", ".blocks", ".html", …
};

/// Every format compile() writes, the default (PDF) first.
[[nodiscard]] const std::vector<OutputFormatName>& output_formats();

/// The format of a name ("md"), or nothing.
[[nodiscard]] const OutputFormatName* find_output_format(std::string_view name);

/// The format a file name's extension asks for ("cv.tex": LaTeX), or nothing.
[[nodiscard]] const OutputFormatName* output_format_for_file(std::string_view path);

/// Where the CV comes from.
struct CvInput {
    /// The CV's file ("-": standard input). With `text`, only its name in
    /// diagnostics and the folder its bibliographies are found from.
    std::string path;
    /// The CV itself (TOML), when it is in memory rather than in `path`.
    std::optional<std::string> text;
};

/// Makes a PDF from the LaTeX output (runs a TeX engine: the caller's
/// business, not the library's). Returns the PDF's bytes, or nothing after
/// reporting why to the diagnostics.
using LatexToPdf = std::function<std::optional<std::string>(const render::LatexSource&, Diagnostics&)>;

struct CompileRequest {
    CvInput cv;
    /// A built-in style's name ("classic") or a style file's path (".toml").
    std::string style = "default";
    /// The style sheet itself (TOML), when it is in memory; `style` is then
    /// its name in diagnostics and where a relative `extends` is found from.
    std::optional<std::string> style_text;
    /// The outputs to write, in this order; one result output each.
    std::vector<OutputFormat> formats = {OutputFormat::pdf};
    /// The language to write the CV in (`--lang de`): its translated fields'
    /// text in it, and the words vitae writes from its locale pack. Empty:
    /// the CV's own `lang`, else English.
    std::string language;
    /// Replace the style's [select] tags when not empty.
    std::vector<std::string> tags;
    /// Replaces the style's [fit] max_pages (0: no limit).
    std::optional<int> max_pages;
    /// Replaces the style's `pdf_standard` when set: the standards the PDF
    /// conforms to. PDF/A needs source_date_epoch; every standard needs
    /// every font embedded (no base-14 fallback).
    std::optional<style::PdfStandards> pdf_standards;
    /// A PDF without its structure tree (smaller, for readers that need
    /// none); PDF/UA-1 and PDF/A-2a refuse it.
    bool untagged = false;
    /// Seconds since 1970 (SOURCE_DATE_EPOCH): the day the CV is built for
    /// ("present", a footer's date) and the PDF's dates. Without it the
    /// CV has no date and the PDF none either: the bytes depend on the
    /// input only. At most limits::latest_source_date_epoch.
    std::optional<long long> source_date_epoch;
    /// FileAccess::sandboxed for input written by someone else (see vitae/load/sandbox.hpp).
    FileAccess access = FileAccess::anywhere;
    /// The notes name every item the selection left out, not only their
    /// number, and with a job ad every item's score.
    bool explain = false;
    /// A job ad (plain text or Markdown) to tailor the CV for (--job): its
    /// items are scored against it, bullets and skills ordered by score,
    /// and fitting drops the least relevant first (see vitae/style/tailor.hpp).
    std::string job_ad;
    /// When set, a PDF output is made by it from the LaTeX output instead
    /// of by vitae's layout engine (`vitae build --via latex`).
    LatexToPdf pdf_via_latex;
    /// When set, called once per PDF output with what that PDF shows — the
    /// CV as selected and fitted, composed in the sheet as finally used —
    /// before the PDF is written: what `vitae check --ats` reads it against.
    std::function<void(const compose::Composer&)> on_pdf_composition;
    /// A PDF output is not written: its pages are kept in the result
    /// (laid_out), for compile_bundle to join with other documents'.
    bool keep_pages = false;
};

/// One output, as asked for in CompileRequest::formats.
struct CompiledOutput {
    OutputFormat format = OutputFormat::pdf;
    std::string bytes;
    /// Every file it was made from: the CV (its path as given), its
    /// bibliographies, the style files, the font files (a depfile's rule).
    std::vector<std::string> sources;
    /// Files a .tex reads beside it (a photo printed at its size): written
    /// into the .tex's folder.
    std::vector<render::TexAttachment> attachments;
};

enum class CompileStatus {
    ok,
    input_errors,  ///< the CV, the style or a file they name has errors (or the request has)
    cannot_fit,    ///< the CV does not fit max_pages within the style's bounds
    latex_failed,  ///< pdf_via_latex made no PDF
};

struct CompileResult {
    CompileStatus status = CompileStatus::ok;
    /// One per requested format, in the request's order; empty unless the
    /// status is ok: there is no partial output.
    std::vector<CompiledOutput> outputs;
    /// Every problem, from loading to writing, in the order found.
    Diagnostics diagnostics;
    /// What the selection left out (each item with `explain`, else their
    /// number): shown after the diagnostics.
    Diagnostics notes;
    /// Every file read, even when the compilation failed: the CV and its
    /// bibliographies (when this call loaded it), the style files (the
    /// chain of `extends`), the font files. Watch these to rebuild.
    std::vector<std::string> files_read;
    /// Pages of the layout, when one was made (PDF, debug, LaTeX, or text
    /// and Markdown fitted to pages).
    std::optional<std::size_t> pages;
    /// The engine the LaTeX output is for, when one was written.
    std::optional<render::TexEngine> latex_engine;
    /// The pages of the PDF, with keep_pages.
    std::optional<layout::PagedDocument> laid_out;
    /// What tailoring to the job ad decided, with a job ad.
    std::optional<style::Tailoring> tailoring;

    [[nodiscard]] bool ok() const { return status == CompileStatus::ok; }
};

/// Loads the CV of `request` (dated by its source_date_epoch), for
/// compiling it in several styles with one load (see compile below).
[[nodiscard]] cv::Document load_cv(const CompileRequest& request, Diagnostics& diagnostics);

/// The whole pipeline with the fonts given. Fonts are slow to open and
/// cache what they shape: reuse one SystemFonts for many compilations, in
/// one thread (each thread needs its own).
[[nodiscard]] CompileResult compile(const CompileRequest& request, layout::SystemFonts& fonts);

/// The same with the system's fonts, opened for this call.
[[nodiscard]] CompileResult compile(const CompileRequest& request);

/// Several documents in one PDF, in order (an application: the letter,
/// then the CV), each with a bookmark over its own. Each request is for a
/// PDF; its style, language and selection are its own; the first request
/// gives the date, standards and tags of the whole. Its one output is the
/// PDF; its files_read are every document's.
[[nodiscard]] CompileResult compile_bundle(const std::vector<CompileRequest>& requests,
                                           layout::SystemFonts& fonts);

/// The pipeline from an already loaded CV (see load_cv): `request.cv.path`
/// only names it. A CV moved in is not copied: its memory is reused by the
/// selection and freed before the PDF is written.
[[nodiscard]] CompileResult compile(const cv::Document& loaded, const CompileRequest& request,
                                    layout::SystemFonts& fonts);
[[nodiscard]] CompileResult compile(cv::Document&& loaded, const CompileRequest& request,
                                    layout::SystemFonts& fonts);

}  // namespace vitae
