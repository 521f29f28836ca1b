#include "vitae/compile/compile.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <utility>

#include "vitae/base/input.hpp"
#include "vitae/base/limits.hpp"
#include "vitae/layout/fit.hpp"
#include "vitae/layout/layout.hpp"
#include "vitae/load/cv_loader.hpp"
#include "vitae/load/json_resume.hpp"
#include "vitae/load/locale_loader.hpp"
#include "vitae/load/sheet_loader.hpp"
#include "vitae/render/base14_fonts.hpp"
#include "vitae/render/block_trace.hpp"
#include "vitae/render/docx.hpp"
#include "vitae/render/html.hpp"
#include "vitae/render/markdown.hpp"
#include "vitae/render/pdf.hpp"
#include "vitae/render/text.hpp"
#include "vitae/render/trace.hpp"
#include "vitae/style/phones.hpp"
#include "vitae/style/select.hpp"

namespace vitae {

namespace {

/// The UTC calendar day of a time in seconds since 1970.
cv::Date calendar_date(long long seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    constexpr int tm_year_base = 1900;  // struct tm counts years from 1900, months from 0
    return cv::Date{parts.tm_year + tm_year_base, parts.tm_mon + 1, parts.tm_mday};
}

/// Whether the request's date, if any, is one a calendar date and the PDF can say.
bool valid_source_date(const CompileRequest& request) {
    const std::optional<long long> date = request.source_date_epoch;
    return !date || (*date >= 0 && *date <= limits::latest_source_date_epoch);
}

/// Whether any text family the sheet names is installed as TrueType, the
/// only kind of font the PDF backend can embed.
bool has_truetype_text_font(const style::Sheet& sheet, layout::FontProvider& fonts) {
    std::vector<std::string> families{sheet.body_family};
    for (const style::TextStyle* style : sheet.text_styles()) {
        if (!style->family.empty()) families.push_back(style->family);
    }
    families.insert(families.end(), sheet.fallback_families.begin(), sheet.fallback_families.end());
    return std::any_of(families.begin(), families.end(), [&](const std::string& family) {
        return fonts.find_face(layout::FontRequest{family, false, false, true}).has_value();
    });
}

/// Every step of fitting is reported; each item it left out is a warning
/// at the item (so --werror stops there), apart from the selection's
/// omissions, which the style asked for.
void report_fit(const layout::FitResult& fitted, const style::Sheet& sheet, bool tailored,
                Diagnostics& diagnostics) {
    if (sheet.max_pages <= 0) return;
    const auto max_pages = static_cast<std::size_t>(sheet.max_pages);
    if (!fitted.fits) {
        diagnostics.error(
            sheet.where, layout::describe(fitted, max_pages),
            sheet.fit.drop_items
                ? "raise max_pages, loosen the [fit] bounds, or lower the priority of what may go"
                : "raise max_pages, or loosen the [fit] bounds");
        return;
    }
    if (!fitted.steps.empty() || !fitted.dropped.empty())
        diagnostics.note({}, layout::describe(fitted, max_pages));
    for (const layout::DroppedItem& dropped : fitted.dropped) {
        const std::string relevance =
            tailored ? fmt::format(", job ad score {:.2f}", dropped.relevance) : std::string{};
        diagnostics.warning(
            dropped.where,
            fmt::format("left out {} to fit {} {} (priority {}{}, the lowest)", dropped.what, max_pages,
                        max_pages == 1 ? "page" : "pages", dropped.priority, relevance),
            "raise its priority to keep it, or build with a style that drops nothing");
    }
}

/// With `explain` every omission at its item, otherwise their number, so
/// nothing is left out without a word.
void report_omissions(const std::vector<style::Omission>& omissions, bool explain, Diagnostics& notes) {
    if (omissions.empty()) return;
    if (explain) {
        style::explain(omissions, notes);
        return;
    }
    const std::size_t count = omissions.size();
    notes.note({}, fmt::format("{} {} left out by the selection; --explain lists them", count,
                               count == 1 ? "item" : "items"));
}

/// Passes a document on to `next`, keeping what its plan says (the faces,
/// the page count).
class PlanSeen final : public layout::PageSink {
public:
    explicit PlanSeen(layout::PageSink& next) : next_(next) {}
    void begin(const layout::DocumentPlan& plan) override {
        faces_ = plan.faces;
        page_count_ = plan.page_count;
        next_.begin(plan);
    }
    void block(const layout::BlockNote& note) override { next_.block(note); }
    void page(const layout::Page& page) override { next_.page(page); }
    void end(const std::vector<layout::Bookmark>& bookmarks) override { next_.end(bookmarks); }
    [[nodiscard]] const std::set<layout::FaceId>& faces() const { return faces_; }
    [[nodiscard]] std::size_t page_count() const { return page_count_; }

private:
    layout::PageSink& next_;
    std::set<layout::FaceId> faces_;
    std::size_t page_count_ = 0;
};

/// One compilation from a loaded CV: the style loaded, the CV selected,
/// laid out and fitted once, then written in each format. Everything it
/// finds goes into the result.
class Compilation {
public:
    Compilation(const CompileRequest& request, layout::SystemFonts& system_fonts, CompileResult& result)
        : request_(request), system_fonts_(system_fonts), result_(result), diagnostics_(result.diagnostics) {}

    /// Loads the style; false (the status set) when it has errors.
    bool load_style(const cv::Document& loaded) {
        std::vector<std::string> style_files;
        if (request_.style_text) {
            style::Sheet sheet =
                load_sheet_text(*request_.style_text, request_.style, diagnostics_, request_.access);
            style_files = sheet.source_files;
            if (!diagnostics_.has_errors()) sheet_ = std::move(sheet);
        } else {
            sheet_ = load_sheet(request_.style, diagnostics_, request_.access, &style_files);
        }
        result_.files_read.insert(result_.files_read.end(), style_files.begin(), style_files.end());
        if (!sheet_) {
            result_.status = CompileStatus::input_errors;
            return false;
        }
        const std::string language =
            loaded.language.empty() ? std::string{default_cv_language} : loaded.language;
        if (const std::optional<style::Locale> locale = load_locale(language)) {
            style::apply_locale(*sheet_, *locale, language);
        } else {
            diagnostics_.error({}, fmt::format("no locale pack for the language '{}'", language));
            result_.status = CompileStatus::input_errors;
            return false;
        }
        if (loaded.letter) style::use_for_letter(*sheet_, loaded.letter->layout);
        if (request_.max_pages) sheet_->max_pages = *request_.max_pages;
        if (request_.pdf_standards) sheet_->pdf_standards = *request_.pdf_standards;
        sources_.push_back(request_.cv.path);
        sources_.insert(sources_.end(), loaded.source_files.begin(), loaded.source_files.end());
        sources_.insert(sources_.end(), sheet_->source_files.begin(), sheet_->source_files.end());
        return true;
    }

    [[nodiscard]] const style::Sheet& sheet() const { return *sheet_; }

    /// Writes every format of the request from the selected CV.
    void write(style::SelectionResult selected) {
        selected_ = std::move(selected);
        style::format_phones(selected_.document, sheet_->phone_format, diagnostics_);
        if (!request_.job_ad.empty() && !tailor()) return;
        write_formats();
        // A failed TeX run ends the style's build with its own error alone.
        if (result_.status != CompileStatus::latex_failed) {
            report_omissions(selected_.omissions, request_.explain, result_.notes);
            if (request_.explain && result_.tailoring) style::explain(*result_.tailoring, result_.notes);
        }
        if (result_.status == CompileStatus::ok && diagnostics_.has_errors())
            result_.status = CompileStatus::input_errors;
        if (result_.status != CompileStatus::ok) result_.outputs.clear();
    }

private:
    /// Scores the selected CV against the job ad; false when the ad cannot be read.
    bool tailor() {
        FileText ad = read_file(request_.job_ad);
        result_.files_read.push_back(request_.job_ad);
        if (!ad.error.empty()) {
            diagnostics_.error(SourceRegion{std::make_shared<const std::string>(request_.job_ad), {}, {}},
                               fmt::format("cannot read the job ad: {}", ad.error));
            result_.status = CompileStatus::input_errors;
            return false;
        }
        if (selected_.document.letter) {
            diagnostics_.warning({}, "a letter is not tailored to a job ad (--job): it is written as it is");
            return true;
        }
        result_.tailoring = style::tailor(selected_.document, ad.text, request_.job_ad, diagnostics_);
        return true;
    }

    /// Falls back to the PDF base-14 fonts when no text font the sheet
    /// names is installed as TrueType.
    void choose_fonts() {
        if (base14_fonts_ || has_truetype_text_font(*sheet_, system_fonts_)) return;
        if (sheet_->pdf_standards.needs_embedded_fonts()) {
            // The fallback fonts are not embedded, which the standards forbid.
            // The layout still runs in them, to report what else is wrong.
            diagnostics_.error(
                sheet_->where,
                fmt::format("{} needs every font embedded, but no font of the style ('{}' or "
                            "its fallbacks) is installed as TrueType",
                            style::describe(sheet_->pdf_standards), sheet_->body_family),
                "install fonts-lato and fonts-dejavu-core, or name an installed font in [fonts]");
        } else {
            // A system without a single usable TrueType font (a bare container)
            // still gets a PDF, in the fonts every PDF reader has; only text
            // outside Western European scripts is lost, each character with a
            // warning from the layout.
            diagnostics_.warning(
                sheet_->where,
                "no TrueType font is installed: using the PDF base-14 fonts (Helvetica/Times), "
                "which cover Western European text only",
                "install fonts-lato and fonts-dejavu-core");
        }
        fonts_ = &base14_fonts_.emplace();
        font_data_ = &*base14_fonts_;
    }

    /// The font files of `faces` become sources of the outputs from here on.
    void add_font_files(const std::set<layout::FaceId>& faces) {
        std::set<std::string> files;
        for (const layout::FaceId face : faces) {
            if (!fonts_->face(face).path.empty()) files.insert(fonts_->face(face).path);
        }
        for (const std::string& file : files) {
            if (!font_files_read_.insert(file).second) continue;
            sources_.push_back(file);
            result_.files_read.push_back(file);
        }
    }

    /// Laid out and fitted once, for every format that needs it.
    const layout::FitResult& fit() {
        if (fitted_) return *fitted_;
        choose_fonts();
        fitted_ = layout::fit_to_pages(selected_.document, *sheet_, *fonts_, diagnostics_);
        report_fit(*fitted_, *sheet_, result_.tailoring.has_value(), diagnostics_);
        if (!fitted_->fits) result_.status = CompileStatus::cannot_fit;
        add_font_files(layout::faces_drawn(fitted_->pages));
        result_.pages = fitted_->pages.pages.size();
        return *fitted_;
    }

    /// An output; a .tex takes the attachments its writing left (write_tex).
    void add_output(OutputFormat format, std::string bytes) {
        std::vector<render::TexAttachment> attachments;
        if (format == OutputFormat::latex) attachments = std::move(attachments_);
        result_.outputs.push_back({format, std::move(bytes), sources_, std::move(attachments)});
    }

    /// The .tex of the CV in the sheet, or for a PDF (pdf_via_latex) the
    /// PDF made of it; nothing when that failed, which is reported.
    std::optional<std::string> write_tex(const cv::Document& shown, const style::Sheet& used,
                                         OutputFormat format) {
        render::LatexSource latex =
            render::write_latex(shown, used, *fonts_, base14_fonts_ ? nullptr : font_data_, diagnostics_);
        result_.latex_engine = latex.engine;
        if (format == OutputFormat::latex) {
            attachments_ = std::move(latex.attachments);
            return std::move(latex.text);
        }
        const std::size_t errors_before = diagnostics_.error_count();
        std::optional<std::string> pdf = request_.pdf_via_latex(latex, diagnostics_);
        if (!pdf) {
            if (diagnostics_.error_count() == errors_before) diagnostics_.error({}, "TeX made no PDF");
            result_.status = CompileStatus::latex_failed;
        }
        return pdf;
    }

    [[nodiscard]] render::PdfOptions pdf_options() const {
        return render::PdfOptions{request_.source_date_epoch, sheet_->pdf_standards, {}, !request_.untagged};
    }

    /// Whether a format is written from the model (composed in the sheet), not from pages.
    [[nodiscard]] static bool is_prose(OutputFormat format) {
        return format == OutputFormat::text || format == OutputFormat::markdown ||
               format == OutputFormat::blocks || format == OutputFormat::html ||
               format == OutputFormat::docx || format == OutputFormat::json;
    }

    /// Whether writing `format` reads the CV's model, not only its pages.
    [[nodiscard]] bool reads_model(OutputFormat format) const {
        return is_prose(format) || format == OutputFormat::latex || via_latex();
    }

    [[nodiscard]] bool via_latex() const { return static_cast<bool>(request_.pdf_via_latex); }

    /// What a PDF shows, to the request's observer (on_pdf_composition).
    void show_composition(const cv::Document& shown, const style::Sheet& used) const {
        if (request_.on_pdf_composition) request_.on_pdf_composition(compose::Composer{shown, used});
    }

    void write_formats() {
        if (request_.keep_pages) {
            fit();
            if (diagnostics_.has_errors() || base14_fonts_) {
                if (base14_fonts_)
                    diagnostics_.error({}, "documents are joined in one PDF with TrueType fonts only");
                return;
            }
            add_output(OutputFormat::pdf, {});
            result_.laid_out = std::move(fitted_->pages);
            return;
        }
        const std::vector<OutputFormat>& formats = request_.formats;
        const cv::Document& document = selected_.document;
        // The text and Markdown of a style say what its PDF says: when fitting
        // may leave items out, they show the fitted CV, which takes a layout.
        const bool fitting_may_drop = sheet_->max_pages > 0 && sheet_->fit.drop_items;
        for (auto current = formats.begin(); current != formats.end(); ++current) {
            const OutputFormat format = *current;
            if (is_prose(format)) {
                const cv::Document& shown = fitting_may_drop ? fit().laid_out(document) : document;
                if (diagnostics_.has_errors()) return;
                if (format == OutputFormat::blocks) {
                    add_output(format, render::trace_blocks(compose::Composer{shown, *sheet_}));
                } else if (format == OutputFormat::html) {
                    // A page prints: fitted to max_pages, it has the fitted
                    // PDF's spacing and sizes, not only its items.
                    const bool fitted = sheet_->max_pages > 0;
                    const cv::Document& printed = fitted ? fit().laid_out(document) : document;
                    if (diagnostics_.has_errors()) return;
                    choose_fonts();
                    std::string page =
                        render::write_html(compose::Composer{printed, fitted ? fitted_->sheet : *sheet_},
                                           *fonts_, *font_data_, {request_.source_date_epoch}, diagnostics_);
                    if (diagnostics_.has_errors()) return;
                    add_output(format, std::move(page));
                } else if (format == OutputFormat::docx) {
                    add_output(format, render::write_docx(shown, *sheet_, {request_.source_date_epoch}));
                } else if (format == OutputFormat::json) {
                    std::string json = cv_to_json_resume(shown, diagnostics_);
                    if (diagnostics_.has_errors()) return;
                    add_output(format, std::move(json));
                } else if (format == OutputFormat::text) {
                    render::TextOptions options;
                    options.date_words = sheet_->date_words;
                    options.words = sheet_->words;
                    options.publication_details = sheet_->publication_details;
                    add_output(format, render::render_text(shown, options));
                } else {
                    add_output(format, render::render_markdown(
                                           shown, {sheet_->date_words, sheet_->words, sheet_->highlight_owner,
                                                   sheet_->publication_details}));
                }
                continue;
            }
            const bool laid_out_later =
                std::any_of(current + 1, formats.end(), [&](OutputFormat later) { return !is_prose(later); });
            const bool writes_pages =
                (format == OutputFormat::pdf && !via_latex()) || format == OutputFormat::debug;
            if (writes_pages && !fitted_ && sheet_->max_pages <= 0 && !laid_out_later) {
                // Nothing else needs the pages: each is written as it is laid
                // out, and a long CV's pages are never all held.
                choose_fonts();
                std::optional<render::PdfPages> pdf;
                std::optional<render::FrameTrace> trace;
                layout::PageSink& writer = format == OutputFormat::pdf
                                               ? static_cast<layout::PageSink&>(pdf.emplace(
                                                     *fonts_, *font_data_, pdf_options(), diagnostics_))
                                               : trace.emplace(*fonts_);
                if (format == OutputFormat::pdf) show_composition(document, *sheet_);
                PlanSeen seen{writer};
                layout::layout_document(document, *sheet_, *fonts_, diagnostics_, seen);
                add_font_files(seen.faces());
                result_.pages = seen.page_count();
                if (diagnostics_.has_errors()) return;
                if (std::optional<std::string> bytes = pdf ? pdf->take() : trace->take())
                    add_output(format, std::move(*bytes));
                continue;
            }
            const bool writes_tex = format == OutputFormat::latex || via_latex();
            if (writes_tex && !fitted_ && sheet_->max_pages <= 0) {
                // The .tex is written from the model: a layout that holds no
                // line finds the fonts it measures with (inputs of the build)
                // and reports what the PDF's layout would.
                choose_fonts();
                const layout::DocumentPlan plan =
                    layout::plan_document(document, *sheet_, *fonts_, diagnostics_);
                add_font_files(plan.faces);
                result_.pages = plan.page_count;
                if (diagnostics_.has_errors()) return;
                std::optional<std::string> bytes = write_tex(document, *sheet_, format);
                if (!bytes) return;
                add_output(format, std::move(*bytes));
                continue;
            }
            fit();
            if (format == OutputFormat::pdf) show_composition(fitted_->laid_out(document), fitted_->sheet);
            if (std::none_of(current, formats.end(),
                             [&](OutputFormat later) { return reads_model(later); })) {
                // Only the pages are read from here on: the model's memory goes
                // to the PDF writer rather than add to it.
                selected_.document = cv::Document{};
                fitted_->reduced.reset();
            }
            if (diagnostics_.has_errors()) return;
            std::optional<std::string> bytes;
            if (format == OutputFormat::debug) {
                bytes = render::trace_frames(fitted_->pages, *fonts_);
            } else if (writes_tex) {
                // What the engine decided (selection, fitting) goes into the .tex.
                bytes = write_tex(fitted_->laid_out(document), fitted_->sheet, format);
                if (!bytes) return;
            } else {
                bytes = render::write_pdf(fitted_->pages, *fonts_, *font_data_, pdf_options(), diagnostics_);
            }
            if (bytes) add_output(format, std::move(*bytes));
        }
    }

    const CompileRequest& request_;
    layout::SystemFonts& system_fonts_;
    CompileResult& result_;
    Diagnostics& diagnostics_;
    std::optional<style::Sheet> sheet_;
    std::vector<std::string> sources_;
    style::SelectionResult selected_;
    std::optional<layout::FitResult> fitted_;
    layout::FontProvider* fonts_ = &system_fonts_;
    layout::FontData* font_data_ = &system_fonts_;
    std::optional<render::Base14Fonts> base14_fonts_;
    std::set<std::string> font_files_read_;
    std::vector<render::TexAttachment> attachments_;  ///< of the .tex just written
};

/// compile() from a CV, given as `const cv::Document&` or moved in (then
/// the selection takes it rather than copy it).
template <typename Loaded>
CompileResult compile_loaded(Loaded&& loaded, const CompileRequest& request, layout::SystemFonts& fonts) {
    CompileResult result;
    if (!valid_source_date(request)) {
        result.diagnostics.error({}, fmt::format("the source date (SOURCE_DATE_EPOCH) must be a number of "
                                                 "seconds since 1970, at most {} (the end of 9999)",
                                                 limits::latest_source_date_epoch));
        result.status = CompileStatus::input_errors;
        return result;
    }
    Compilation compilation{request, fonts, result};
    if (!compilation.load_style(loaded)) return result;
    const style::Sheet& sheet = compilation.sheet();
    style::prepare_phones(loaded, sheet.phone_format);
    compilation.write(
        style::select(std::forward<Loaded>(loaded), sheet.selection, request.tags, result.diagnostics));
    return result;
}

}  // namespace

const std::vector<OutputFormatName>& output_formats() {
    static const std::vector<OutputFormatName> formats = {
        {OutputFormat::pdf, "pdf", ".pdf"},       {OutputFormat::latex, "latex", ".tex"},
        {OutputFormat::text, "text", ".txt"},     {OutputFormat::markdown, "md", ".md"},
        {OutputFormat::debug, "debug", ".trace"}, {OutputFormat::blocks, "blocks", ".blocks"},
        {OutputFormat::html, "html", ".html"},    {OutputFormat::docx, "docx", ".docx"},
        {OutputFormat::json, "json", ".json"}};
    return formats;
}

const OutputFormatName* find_output_format(std::string_view name) {
    for (const OutputFormatName& format : output_formats()) {
        if (format.name == name) return &format;
    }
    return nullptr;
}

const OutputFormatName* output_format_for_file(std::string_view path) {
    const std::string extension = std::filesystem::path{path}.extension().string();
    for (const OutputFormatName& format : output_formats()) {
        if (format.extension == extension) return &format;
    }
    return nullptr;
}

cv::Document load_cv(const CompileRequest& request, Diagnostics& diagnostics) {
    const CvInput& input = request.cv;
    if (!request.language.empty()) {
        if (const std::optional<LocaleProblem> problem = check_locale(request.language)) {
            diagnostics.error({}, problem->message, problem->hint);
            return {};
        }
    }
    cv::Document loaded =
        input.text ? load_cv_text(*input.text, input.path, diagnostics, request.access, request.language)
                   : load_cv_file(input.path, diagnostics, request.access, request.language);
    // An invalid date is compile()'s error.
    if (request.source_date_epoch && valid_source_date(request))
        loaded.date = calendar_date(*request.source_date_epoch);
    if (loaded.letter && loaded.letter->dated_today) {
        if (loaded.date) {
            loaded.letter->date = loaded.date;
        } else {
            const cv::Date today = calendar_date(static_cast<long long>(std::time(nullptr)));
            loaded.letter->date = today;
            diagnostics.note(
                loaded.letter->date_where,
                fmt::format("the letter is dated today, {:04}-{:02}-{:02}, by the clock", today.year,
                            today.month, today.day),
                "set SOURCE_DATE_EPOCH (or give date = \"YYYY-MM-DD\") for a build that gives the "
                "same bytes every day");
        }
    }
    return loaded;
}

CompileResult compile(const cv::Document& loaded, const CompileRequest& request, layout::SystemFonts& fonts) {
    return compile_loaded(loaded, request, fonts);
}

CompileResult compile(cv::Document&& loaded, const CompileRequest& request, layout::SystemFonts& fonts) {
    return compile_loaded(std::move(loaded), request, fonts);
}

CompileResult compile(const CompileRequest& request, layout::SystemFonts& fonts) {
    CompileResult result;
    cv::Document loaded = load_cv(request, result.diagnostics);
    if (!request.cv.text) result.files_read.push_back(request.cv.path);
    result.files_read.insert(result.files_read.end(), loaded.source_files.begin(), loaded.source_files.end());
    if (result.diagnostics.has_errors()) {
        result.status = CompileStatus::input_errors;
        return result;
    }
    CompileResult compiled = compile(std::move(loaded), request, fonts);
    result.status = compiled.status;
    result.outputs = std::move(compiled.outputs);
    result.diagnostics.append(compiled.diagnostics);
    result.notes = std::move(compiled.notes);
    result.files_read.insert(result.files_read.end(), compiled.files_read.begin(), compiled.files_read.end());
    result.pages = compiled.pages;
    result.latex_engine = compiled.latex_engine;
    result.laid_out = std::move(compiled.laid_out);
    return result;
}

CompileResult compile(const CompileRequest& request) {
    layout::SystemFonts fonts;
    return compile(request, fonts);
}

namespace {

/// `next` after `joined`: its pages, its blocks renumbered after those
/// before, its bookmarks one level down under one of its own (`title`).
void append_document(layout::PagedDocument& joined, layout::PagedDocument next, const std::string& title) {
    const std::size_t first_page = joined.pages.size();
    const auto block_offset = static_cast<std::uint32_t>(joined.blocks.size());
    joined.bookmarks.push_back({title, first_page, 0, 0});
    for (layout::Bookmark& bookmark : next.bookmarks) {
        bookmark.page += first_page;
        ++bookmark.level;
        joined.bookmarks.push_back(std::move(bookmark));
    }
    for (layout::BlockNote& note : next.blocks) {
        note.block += block_offset;
        joined.blocks.push_back(note);
    }
    const auto renumber = [block_offset](layout::Provenance& provenance) {
        // Block 0 is page furniture, in every document.
        if (provenance.block != 0) provenance.block += block_offset;
    };
    for (layout::Page& page : next.pages) {
        for (layout::Item& item : page.items) {
            std::visit([&](auto& each) { renumber(each.provenance); }, item);
        }
        for (layout::Link& link : page.links) renumber(link.provenance);
        joined.pages.push_back(std::move(page));
    }
}

}  // namespace

CompileResult compile_bundle(const std::vector<CompileRequest>& requests, layout::SystemFonts& fonts) {
    CompileResult bundle;
    std::optional<layout::PagedDocument> joined;
    std::vector<std::string> sources;  ///< every document's
    for (CompileRequest request : requests) {
        request.formats = {OutputFormat::pdf};
        request.keep_pages = true;
        CompileResult one = compile(request, fonts);
        bundle.diagnostics.append(one.diagnostics);
        bundle.notes.append(one.notes);
        bundle.files_read.insert(bundle.files_read.end(), one.files_read.begin(), one.files_read.end());
        if (!one.ok() || !one.laid_out) {
            if (bundle.status == CompileStatus::ok)
                bundle.status = one.ok() ? CompileStatus::input_errors : one.status;
            continue;
        }
        layout::PagedDocument& pages = *one.laid_out;
        const std::string title = pages.metadata.title;
        if (!joined) {
            joined.emplace();
            joined->page_width = pages.page_width;
            joined->page_height = pages.page_height;
            joined->metadata = pages.metadata;
        }
        // A page's size is the document's: a letter on A4 and a CV on US
        // Letter would need pages of two sizes, which the PDF writer does not make.
        if (pages.page_width != joined->page_width || pages.page_height != joined->page_height) {
            bundle.diagnostics.error(
                {},
                fmt::format(
                    "'{}' is on {:.0f} × {:.0f} pt pages and the document before it on {:.0f} × {:.0f} pt",
                    request.cv.path, pages.page_width, pages.page_height, joined->page_width,
                    joined->page_height),
                "build them with styles of one paper size (a DIN 5008 letter is A4)");
            bundle.status = CompileStatus::input_errors;
            continue;
        }
        append_document(*joined, std::move(pages), title);
        const std::vector<std::string>& made_from = one.outputs.front().sources;
        sources.insert(sources.end(), made_from.begin(), made_from.end());
    }
    if (bundle.status != CompileStatus::ok || !joined) {
        if (bundle.status == CompileStatus::ok) bundle.status = CompileStatus::input_errors;
        return bundle;
    }
    const CompileRequest& first = requests.front();
    const render::PdfOptions options{
        first.source_date_epoch, first.pdf_standards.value_or(style::PdfStandards{}), {}, !first.untagged};
    std::optional<std::string> bytes = render::write_pdf(*joined, fonts, fonts, options, bundle.diagnostics);
    if (!bytes) {
        bundle.status = CompileStatus::input_errors;
        return bundle;
    }
    bundle.pages = joined->pages.size();
    bundle.outputs.push_back({OutputFormat::pdf, std::move(*bytes), std::move(sources), {}});
    return bundle;
}

}  // namespace vitae
