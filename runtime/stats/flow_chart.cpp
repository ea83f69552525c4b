#include "runtime/stats/flow_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace gstmini {
namespace {

struct Point {
  double t;
  double v;
};

struct Series {
  std::string title;  // "camera:src -> t:sink"
  std::string what;   // "queue level", "throughput", "blocked"
  std::string unit;   // "buffers", "buffers/s", "% of time"
  std::vector<Point> points;
  double limit = 0;  // a queue's max-size-buffers, drawn as a line (0: none)
};

constexpr double kWidth = 960, kHeight = 120, kLeft = 90, kRight = 20, kTop = 24, kBottom = 24;

std::string num(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// (value[i] - value[j]) / (t[i] - t[j]) * scale, where sample j is the
// latest one at least `window` seconds before i: a moving average, so a
// 30 fps stream sampled every 10 ms reads as 30/s rather than 0 or 100.
std::vector<Point> rate(const std::vector<const StatsRow*>& samples, const char* key, double scale,
                        double max, double window) {
  std::vector<Point> points;
  std::size_t j = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    const double t = samples[i]->number("time_s");
    while (j + 1 < i && t - samples[j + 1]->number("time_s") >= window) ++j;
    const double dt = t - samples[j]->number("time_s");
    if (dt <= 0) continue;
    double v = (samples[i]->number(key) - samples[j]->number(key)) / dt * scale;
    points.push_back({t, std::clamp(v, 0.0, max)});
  }
  return points;
}

std::string render_series(const Series& s, double t_max, const char* color) {
  const double w = kWidth - kLeft - kRight, h = kHeight - kTop - kBottom;
  double v_max = s.limit;
  for (const Point& p : s.points) v_max = std::max(v_max, p.v);
  if (s.unit == "% of time") v_max = 100;
  if (v_max <= 0) v_max = 1;
  auto x = [&](double t) { return kLeft + (t_max > 0 ? t / t_max : 0) * w; };
  auto y = [&](double v) { return kTop + h - v / v_max * h; };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth, 0) +
                    "\" height=\"" + num(kHeight, 0) + "\" role=\"img\">\n";
  svg += "<title>" + escape(s.title + ": " + s.what) + "</title>\n";
  // Legend: colour, link, quantity and unit.
  svg += "<rect x=\"" + num(kLeft, 0) + "\" y=\"6\" width=\"10\" height=\"10\" fill=\"" + color +
         "\"/><text x=\"" + num(kLeft + 14, 0) + "\" y=\"15\" font-size=\"12\">" + escape(s.title) +
         " — " + escape(s.what) + " (" + escape(s.unit) + ")</text>\n";
  // Axes, with the y range and a time tick every fifth of the run.
  svg += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(kTop + h) + "\" x2=\"" + num(kLeft + w) +
         "\" y2=\"" + num(kTop + h) + "\" stroke=\"#444\"/>";
  svg += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(kTop) + "\" x2=\"" + num(kLeft) +
         "\" y2=\"" + num(kTop + h) + "\" stroke=\"#444\"/>\n";
  svg += "<text x=\"" + num(kLeft - 4) + "\" y=\"" + num(kTop + 4) +
         "\" font-size=\"10\" text-anchor=\"end\">" + num(v_max, v_max < 10 ? 1 : 0) + "</text>";
  svg += "<text x=\"" + num(kLeft - 4) + "\" y=\"" + num(kTop + h) +
         "\" font-size=\"10\" text-anchor=\"end\">0</text>\n";
  for (int i = 0; i <= 5; ++i) {
    double t = t_max * i / 5;
    svg += "<text x=\"" + num(x(t)) + "\" y=\"" + num(kHeight - 8) +
           "\" font-size=\"10\" text-anchor=\"middle\">" + num(t, 2) + " s</text>";
  }
  svg += "\n";
  if (s.limit > 0)
    svg += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y(s.limit)) + "\" x2=\"" + num(kLeft + w) +
           "\" y2=\"" + num(y(s.limit)) +
           "\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/><text x=\"" + num(kLeft + w) + "\" y=\"" +
           num(y(s.limit) - 3) + "\" font-size=\"10\" text-anchor=\"end\" fill=\"#c00\">limit " +
           num(s.limit, 0) + "</text>\n";
  if (s.points.empty()) {
    svg += "<text x=\"" + num(kLeft + 10) + "\" y=\"" + num(kTop + h / 2) +
           "\" font-size=\"11\" fill=\"#888\">no samples (the run was shorter than the "
           "interval)</text>\n";
  } else {
    std::string points;
    for (const Point& p : s.points) points += num(x(p.t)) + "," + num(y(p.v)) + " ";
    svg += "<polyline fill=\"none\" stroke=\"" + std::string(color) +
           "\" stroke-width=\"1.5\" points=\"" + points + "\"/>\n";
  }
  // Back-pressure: mark where the link first spent half an interval blocked.
  if (s.unit == "% of time") {
    auto first =
        std::find_if(s.points.begin(), s.points.end(), [](const Point& p) { return p.v >= 50; });
    if (first != s.points.end())
      svg += "<line x1=\"" + num(x(first->t)) + "\" y1=\"" + num(kTop) + "\" x2=\"" +
             num(x(first->t)) + "\" y2=\"" + num(kTop + h) + "\" stroke=\"#c00\"/><text x=\"" +
             num(x(first->t) + 3) + "\" y=\"" + num(kTop + 10) +
             "\" font-size=\"10\" fill=\"#c00\">blocked from " + num(first->t, 3) + " s</text>\n";
  }
  return svg + "</svg>\n";
}

std::string totals_table(const std::vector<const StatsRow*>& finals) {
  std::string html =
      "<table><tr><th>link</th><th>kind</th><th>buffers</th><th>bytes</th><th>blocked "
      "(s)</th><th>queue level max</th><th>dropped</th></tr>\n";
  for (const StatsRow* r : finals) {
    if (r->text("type") != "link") continue;
    html += "<tr><td>" + escape(r->text("name")) + "</td><td>" + escape(r->text("kind")) +
            "</td><td>" + escape(r->text("buffers")) + "</td><td>" + escape(r->text("bytes")) +
            "</td><td>" + num(r->number("blocked_s"), 3) + "</td><td>" +
            (r->text("kind") == "queue" ? escape(r->text("max_level_buffers")) : "-") +
            "</td><td>" + escape(r->text("dropped")) + "</td></tr>\n";
  }
  return html + "</table>\n";
}

}  // namespace

std::string render_flow_chart(const std::vector<StatsRow>& rows, const std::string& title) {
  // Samples per link, in file order (time order).
  std::vector<std::string> order;
  std::map<std::string, std::vector<const StatsRow*>> samples;
  std::vector<const StatsRow*> finals;
  double t_max = 0;
  for (const StatsRow& r : rows) {
    t_max = std::max(t_max, r.number("time_s"));
    if (r.text("row") == "final") finals.push_back(&r);
    if (r.text("type") != "link") continue;
    const std::string name = r.text("name");
    if (!samples.count(name)) order.push_back(name);
    auto& list = samples[name];
    if (r.text("row") == "sample") list.push_back(&r);
  }
  if (order.empty()) throw StatsParseError("no link in the statistics: nothing to chart");

  const double window = t_max / 15;  // the moving average of the rates
  std::vector<Series> levels, throughput, blocked;
  for (const std::string& name : order) {
    const auto& list = samples[name];
    const StatsRow* any = list.empty() ? nullptr : list.front();
    if (any && any->text("kind") == "queue") {
      Series s{name, "queue level", "buffers", {}, any->number("limit_buffers")};
      for (const StatsRow* r : list)
        s.points.push_back({r->number("time_s"), r->number("level_buffers")});
      levels.push_back(std::move(s));
    }
    throughput.push_back(
        {name, "throughput", "buffers/s", rate(list, "buffers", 1, 1e12, window), 0});
    blocked.push_back(
        {name, "back-pressure", "% of time", rate(list, "blocked_s", 100, 100, window), 0});
  }

  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) +
      "</title>\n<style>body{font-family:sans-serif;margin:20px}svg{display:block;margin:4px "
      "0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px "
      "8px;text-align:right}td:first-child{text-align:left}</style></head><body>\n";
  html += "<h1>" + escape(title) +
          "</h1>\n<p>Time axis: seconds since PLAYING, shared by every "
          "row. Back-pressure is the share of each interval the sender's link had no room "
          "(lock-step: waiting for the downstream answer; queue: full). Read top to bottom: the "
          "first link to turn red is where back-pressure starts. Rates are moving averages "
          "over " +
          num(window * 1000, 0) + " ms.</p>\n";
  html += "<h2>Totals</h2>\n" + totals_table(finals);
  const char* colors[] = {"#1f77b4", "#2ca02c", "#d62728"};
  auto section = [&](const char* heading, const std::vector<Series>& list, const char* color) {
    if (list.empty()) return;
    html += "<h2>" + std::string(heading) + "</h2>\n";
    for (const Series& s : list) html += render_series(s, t_max, color);
  };
  section("Queue fill levels", levels, colors[0]);
  section("Throughput per link", throughput, colors[1]);
  section("Back-pressure per link", blocked, colors[2]);
  return html + "</body></html>\n";
}

}  // namespace gstmini
