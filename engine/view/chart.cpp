// The periodization chart: each block week a bar of tonnage, stacked by
// exercise, and each exercise's mean % of 1RM a line over the weeks, as
// inline SVG with axes, labels and a legend; then the same figures as a
// table, the chart's text alternative.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/text.h"
#include "engine/stats/write.h"
#include "engine/view/html.h"

namespace meso::view {

namespace {

constexpr double width = 960, height = 380;
constexpr double left = 80, right = 70, top = 20, bottom = 96;
constexpr double plot_width = width - left - right, plot_height = height - top - bottom;

// Colours of at least 4.5:1 against white (WCAG AA for text), told apart
// by hue and lightness.
constexpr const char* colours[] = {"#0b57a4", "#a4400b", "#1b7a3a", "#7b2ea0", "#8a6d00", "#b0164f", "#00707a", "#5a5a5a"};

struct Column {
    const stats::BlockStats* block;
    const stats::Week* week;
};

std::vector<Column> columns_of(const stats::ProgramStats& s)
{
    std::vector<Column> out;
    for (const auto& b : s.blocks)
        for (const auto& w : b.weeks) out.push_back({&b, &w});
    return out;
}

std::vector<std::string> exercises_of(const stats::ProgramStats& s)
{
    std::vector<std::string> names;
    for (const auto& b : s.blocks)
        for (const auto& w : b.weeks)
            for (const auto& e : w.exercises)
                if (std::find(names.begin(), names.end(), e.name) == names.end()) names.push_back(e.name);
    return names;
}

// A round step for an axis up to `top` with about five ticks: 1, 2 or 5 times a power of ten.
double tick_step(double top_value)
{
    if (top_value <= 0) return 1;
    const double rough = top_value / 5;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= rough) return m * power;
    return 10 * power;
}

std::string num(double v) { return trim_number(v, 1); }

void write_axes(std::ostream& out, double tonnage_top, double percent_top, const char* unit)
{
    const double step = tick_step(tonnage_top);
    out << "<g class=\"axis\" aria-hidden=\"true\">\n";
    for (double v = 0; v <= tonnage_top + step / 1000; v += step) {
        const double y = top + plot_height - v / tonnage_top * plot_height;
        out << "<line x1=\"" << left << "\" x2=\"" << left + plot_width << "\" y1=\"" << num(y) << "\" y2=\"" << num(y)
            << "\" stroke=\"#d0d0d0\"/><text x=\"" << left - 6 << "\" y=\"" << num(y + 4) << "\" text-anchor=\"end\">" << format_number(v)
            << "</text>\n";
    }
    for (double p = 0; p <= percent_top + 0.01; p += 20) {
        const double y = top + plot_height - p / percent_top * plot_height;
        out << "<text x=\"" << left + plot_width + 6 << "\" y=\"" << num(y + 4) << "\">" << format_number(p) << "%</text>\n";
    }
    out << "<line x1=\"" << left << "\" x2=\"" << left << "\" y1=\"" << top << "\" y2=\"" << top + plot_height
        << "\" stroke=\"#1a1a1a\"/>\n<line x1=\"" << left << "\" x2=\"" << left + plot_width << "\" y1=\"" << top + plot_height
        << "\" y2=\"" << top + plot_height << "\" stroke=\"#1a1a1a\"/>\n";
    out << "<text transform=\"translate(16 " << num(top + plot_height / 2) << ") rotate(-90)\" text-anchor=\"middle\">tonnage (" << unit
        << ") per week</text>\n<text transform=\"translate(" << num(width - 12) << " " << num(top + plot_height / 2)
        << ") rotate(90)\" text-anchor=\"middle\">mean % of 1RM</text>\n</g>\n";
}

void write_bars(std::ostream& out, const std::vector<Column>& columns, const std::vector<std::string>& names, double tonnage_top,
                const char* unit)
{
    const double slot = plot_width / static_cast<double>(columns.size());
    const double bar = std::max(1.0, slot * 0.7);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
        double y = top + plot_height;
        for (const auto& e : columns[i].week->exercises) {
            if (e.tonnage <= 0) continue;
            const double h = e.tonnage / tonnage_top * plot_height;
            y -= h;
            const auto colour = static_cast<std::size_t>(std::find(names.begin(), names.end(), e.name) - names.begin());
            out << "<rect class=\"bar\" x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"" << num(bar) << "\" height=\"" << num(h)
                << "\" fill=\"" << exercise_colour(colour) << "\"><title>" << escape(columns[i].block->name) << ", week "
                << columns[i].week->week << ": " << escape(e.name) << " " << stats::tonnage_text(e.tonnage) << " " << unit
                << "</title></rect>\n";
        }
    }
}

// One dashed line per exercise and block: a new block is a new program of
// loads, so its line does not join the last block's. White halos first,
// under every line, so that a line shows over a bar of its own colour and
// no halo hides another line.
void write_lines(std::ostream& out, const std::vector<Column>& columns, const std::vector<std::string>& names, double percent_top)
{
    const double slot = plot_width / static_cast<double>(columns.size());
    std::vector<std::pair<std::string, std::size_t>> lines;  // points, exercise
    for (std::size_t n = 0; n < names.size(); ++n) {
        std::string points;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0 && columns[i].block != columns[i - 1].block && !points.empty()) lines.emplace_back(std::exchange(points, ""), n);
            for (const auto& e : columns[i].week->exercises)
                if (e.name == names[n] && e.mean_percent) {
                    const double x = left + slot * (static_cast<double>(i) + 0.5);
                    const double y = top + plot_height - *e.mean_percent / percent_top * plot_height;
                    points += (points.empty() ? "" : " ") + num(x) + "," + num(y);
                }
        }
        if (!points.empty()) lines.emplace_back(points, n);
    }
    for (const auto& [points, n] : lines)
        out << "<polyline points=\"" << points << "\" fill=\"none\" stroke=\"#fff\" stroke-width=\"5\"/>\n";
    for (const auto& [points, n] : lines)
        out << "<polyline class=\"intensity\" points=\"" << points << "\" fill=\"none\" stroke=\"" << exercise_colour(n)
            << "\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n";
}

// Below the plot: each block's name under its weeks, then the legend.
void write_labels(std::ostream& out, const std::vector<Column>& columns, const std::vector<std::string>& names)
{
    const double slot = plot_width / static_cast<double>(columns.size());
    const stats::BlockStats* current = nullptr;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].block == current) continue;
        current = columns[i].block;
        const double x = left + slot * static_cast<double>(i);
        out << "<line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << top << "\" y2=\"" << top + plot_height + 30
            << "\" stroke=\"#8a8a8a\" stroke-dasharray=\"2 2\"/><text x=\"" << num(x + 4) << "\" y=\"" << top + plot_height + 28 << "\">"
            << escape(current->name) << " (" << current->weeks.size() << " wk)</text>\n";
    }
    double x = left;
    const double y = top + plot_height + 56;
    for (std::size_t n = 0; n < names.size(); ++n) {
        out << "<rect x=\"" << num(x) << "\" y=\"" << y - 10 << "\" width=\"12\" height=\"12\" fill=\"" << exercise_colour(n)
            << "\"/><text x=\"" << num(x + 16) << "\" y=\"" << y << "\">" << escape(names[n]) << "</text>\n";
        x += 30 + 7.5 * static_cast<double>(display_width(names[n]));
    }
    out << "<text x=\"" << left << "\" y=\"" << y + 24 << "\">bars: tonnage of the work sets, stacked by exercise; dashed lines: "
        << "mean % of 1RM of each exercise</text>\n";
}

void write_table(std::ostream& out, const stats::ProgramStats& s, const std::string& id)
{
    const char* unit = ir::to_string(s.unit);
    out << "<details class=\"figures-of-chart\"><summary>The chart's figures as a table</summary>\n<table class=\"figures\" id=\"" << id
        << "-figures\">\n<caption>Tonnage and intensity per block week and exercise</caption>\n<thead><tr><th scope=\"col\">Block</th>"
        << "<th scope=\"col\">Week</th><th scope=\"col\">Exercise</th><th scope=\"col\">Sets</th><th scope=\"col\">Reps</th>"
        << "<th scope=\"col\">Tonnage (" << unit << ")</th><th scope=\"col\">Mean % 1RM</th><th scope=\"col\">Top % 1RM</th>"
        << "<th scope=\"col\">Change in tonnage</th></tr></thead>\n<tbody>\n";
    for (const auto& b : s.blocks)
        for (const auto& w : b.weeks) {
            out << "<tr><th scope=\"row\">" << escape(b.name) << "</th><td>" << w.week << (w.deload ? " (deload)" : "")
                << "</td><td>all</td><td>" << w.sets << "</td><td>" << w.reps << "</td><td>" << stats::tonnage_text(w.tonnage)
                << "</td><td></td><td></td><td>" << stats::change_text(w.volume_change_percent) << "</td></tr>\n";
            for (const auto& e : w.exercises)
                out << "<tr><th scope=\"row\">" << escape(b.name) << "</th><td>" << w.week << "</td><td>" << escape(e.name) << "</td><td>"
                    << e.sets << "</td><td>" << e.reps << "</td><td>" << stats::tonnage_text(e.tonnage) << "</td><td>"
                    << (e.mean_percent ? format_percent(*e.mean_percent) + "%" : "") << "</td><td>"
                    << (e.top_percent ? format_percent(*e.top_percent) + "%" : "") << "</td><td></td></tr>\n";
        }
    out << "</tbody>\n</table>\n</details>\n";
}

}  // namespace

const char* exercise_colour(std::size_t n) { return colours[n % std::size(colours)]; }

void write_chart(std::ostream& out, const ProgramPage& program, const std::string& id)
{
    const auto& s = program.stats;
    const auto columns = columns_of(s);
    out << "<h3>Periodization</h3>\n";
    if (columns.empty()) {
        out << "<p>No block week to chart.</p>\n";
        return;
    }
    const auto names = exercises_of(s);
    double tonnage_top = 0, percent_top = 100;
    for (const auto& c : columns) {
        tonnage_top = std::max(tonnage_top, c.week->tonnage);
        for (const auto& e : c.week->exercises) percent_top = std::max(percent_top, e.top_percent.value_or(0));
    }
    tonnage_top = tonnage_top > 0 ? std::ceil(tonnage_top / tick_step(tonnage_top)) * tick_step(tonnage_top) : 1;
    percent_top = std::ceil(percent_top / 20) * 20;
    const char* unit = ir::to_string(s.unit);
    out << "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << width << " " << height
        << "\" role=\"img\" aria-labelledby=\"" << id << "-chart-title " << id << "-chart-desc\">\n<title id=\"" << id
        << "-chart-title\">Weekly tonnage and mean intensity of " << escape(s.name) << "</title>\n<desc id=\"" << id << "-chart-desc\">"
        << columns.size() << " block weeks; the highest weekly tonnage is " << stats::tonnage_text(tonnage_top) << " " << unit
        << " or less. The table below the chart gives every figure.</desc>\n";
    write_axes(out, tonnage_top, percent_top, unit);
    write_bars(out, columns, names, tonnage_top, unit);
    write_lines(out, columns, names, percent_top);
    write_labels(out, columns, names);
    out << "</svg>\n<figcaption>Tonnage (sets × reps × " << unit << " of the work sets) per block week, stacked by exercise, and the "
        << "mean % of 1RM of each exercise (dashed, right axis).</figcaption>\n</figure>\n";
    write_table(out, s, id);
}

}  // namespace meso::view
