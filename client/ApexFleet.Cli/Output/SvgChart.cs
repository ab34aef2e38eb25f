using System.Globalization;
using System.Net;
using System.Text;

namespace ApexFleet.Cli.Output;

/// <summary>How a point is drawn; gate charts use it for the verdict.</summary>
public enum PointMarker
{
    None = 0,
    Filled = 1,
    Hollow = 2,
    Alarm = 3,
}

/// <summary>One point of a series, with an optional hover text (an SVG title, no script needed).</summary>
public readonly record struct ChartPoint(double X, double Y, PointMarker Marker = PointMarker.None, string? Tooltip = null);

/// <summary>A value axis: its range, where the ticks go and how they read.</summary>
public sealed record ChartAxis(double Min, double Max, IReadOnlyList<double> Ticks, Func<double, string> Label, string Title)
{
    /// <summary>A 1-2-2.5-5 axis over the values (and zero, so distances to a threshold are not exaggerated).</summary>
    public static ChartAxis Linear(IEnumerable<double> values, string title, bool includeZero = true)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var min = finite.Count == 0 ? 0 : finite.Min();
        var max = finite.Count == 0 ? 1 : finite.Max();
        if (includeZero)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        if (max - min < 1e-12)
        {
            // A flat series still needs a visible range around it.
            var pad = Math.Abs(max) > 0 ? Math.Abs(max) * 0.5 : 1;
            (min, max) = (min - (min < 0 || !includeZero ? pad : 0), max + pad);
        }

        var step = NiceStep((max - min) / 5);
        var first = Math.Floor((min / step) + 1e-9) * step;
        var last = Math.Ceiling((max / step) - 1e-9) * step;
        var ticks = new List<double>();
        for (var i = 0; first + (i * step) <= last + (step * 1e-6); i++)
        {
            ticks.Add(first + (i * step));
        }

        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        if (Math.Abs((step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9))) - 2.5) < 1e-9)
        {
            decimals++;
        }

        var format = decimals == 0 ? "#,0" : "#,0." + new string('0', decimals);
        return new ChartAxis(first, last, ticks, v => Math.Abs(v) < step * 1e-6 ? "0" : v.ToString(format, CultureInfo.InvariantCulture), title);
    }

    /// <summary>Elapsed time in hours, ticked at whole minutes or hours and read as h:mm.</summary>
    public static ChartAxis Elapsed(double hours, string title)
    {
        hours = double.IsFinite(hours) && hours > 0 ? hours : 1;
        double[] steps = [1.0 / 60, 5.0 / 60, 10.0 / 60, 0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 168, 720];
        var step = steps.FirstOrDefault(s => hours / s <= 12, 720);
        var ticks = new List<double>();
        for (var i = 0; i * step <= hours + 1e-9; i++)
        {
            ticks.Add(i * step);
        }

        return new ChartAxis(0, hours, ticks, HoursMinutes, title);
    }

    public static string HoursMinutes(double hours)
    {
        var minutes = (long)Math.Round(hours * 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00}");
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var n = raw / magnitude;
        var nice = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}

/// <summary>
/// A small line chart as inline SVG (axes, line and step series, threshold, vertical markers, legend),
/// so a report is one file that needs no script or network to show its figures.
/// Non-finite points are dropped here, so "NaN" can never reach a coordinate.
/// </summary>
public sealed class SvgChart(string title, ChartAxis x, ChartAxis y, string? metric = null)
{
    private const double Width = 960;
    private const double PlotHeight = 210;
    private const double Left = 78;
    private const double Right = 64;
    private const double CharWidth = 6.1; // average width of an 11 px sans-serif character, for layout
    private const double RowHeight = 15;

    private readonly List<SeriesLine> _series = [];
    private readonly List<ThresholdLine> _thresholds = [];
    private readonly List<VerticalLine> _markers = [];
    private readonly List<(PointMarker Marker, string Label)> _markerKeys = [];

    private sealed record SeriesLine(string Name, string Colour, IReadOnlyList<ChartPoint> Points, bool Step, bool Dashed, double StrokeWidth);

    private sealed record ThresholdLine(string Label, string Colour, IReadOnlyList<(double X, double Y)> Steps, bool FailAbove, bool Shade);

    private sealed record VerticalLine(double X, string? Label, string Colour, bool Dashed);

    private static double PlotWidth => Width - Left - Right;

    /// <summary>A series joined by straight lines.</summary>
    public SvgChart Line(string name, string colour, IEnumerable<ChartPoint> points, bool dashed = false, double strokeWidth = 2) =>
        Add(new SeriesLine(name, colour, Finite(points), Step: false, dashed, strokeWidth));

    /// <summary>A series that holds each value until the next point (stage percentages, thresholds).</summary>
    public SvgChart Step(string name, string colour, IEnumerable<ChartPoint> points, bool dashed = false, double strokeWidth = 2) =>
        Add(new SeriesLine(name, colour, Finite(points), Step: true, dashed, strokeWidth));

    /// <summary>
    /// A threshold held from each (x, y) until the next and to the end of the axis; the failing side
    /// is tinted when asked, so a reader sees at once which way is bad.
    /// </summary>
    public SvgChart Threshold(string label, string colour, IEnumerable<(double X, double Y)> steps, bool failAbove, bool shade = true)
    {
        var finite = steps.Where(s => double.IsFinite(s.X) && double.IsFinite(s.Y)).OrderBy(s => s.X).ToList();
        if (finite.Count > 0)
        {
            _thresholds.Add(new ThresholdLine(label, colour, finite, failAbove, shade));
        }

        return this;
    }

    /// <summary>A vertical line across the plot at <paramref name="atX"/>, labelled above the plot.</summary>
    public SvgChart VerticalMarker(double atX, string? label, string colour, bool dashed = false)
    {
        if (double.IsFinite(atX))
        {
            _markers.Add(new VerticalLine(atX, label, colour, dashed));
        }

        return this;
    }

    /// <summary>A legend entry that explains a point marker rather than a series.</summary>
    public SvgChart MarkerKey(PointMarker marker, string label)
    {
        _markerKeys.Add((marker, label));
        return this;
    }

    public string Render()
    {
        var labelRows = LayoutMarkerLabels();
        var top = 10 + (RowHeight * labelRows.Select(l => l.Row + 1).DefaultIfEmpty(0).Max());
        var plotBottom = top + PlotHeight;
        var legend = LayoutLegend(plotBottom + 62);
        var height = (legend.Count == 0 ? plotBottom + 44 : legend.Max(l => l.Y) + 10) + 4;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {C(Width)} {C(height)}" role="img" aria-label="{H(title)}" font-size="11" font-family="system-ui, sans-serif" """);
        if (metric is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""data-metric="{H(metric)}" """);
        }

        svg.Append(">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{H(title)}</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{C(Left)}" y="{C(top)}" width="{C(PlotWidth)}" height="{C(PlotHeight)}" fill="#ffffff" stroke="#d0d7de"/>""").Append('\n');

        double Px(double v) => Left + ((v - x.Min) / Span(x) * PlotWidth);
        double Py(double v) => plotBottom - ((v - y.Min) / Span(y) * PlotHeight);

        AppendGrid(svg, top, plotBottom, Px, Py);
        foreach (var t in _thresholds)
        {
            AppendThreshold(svg, t, top, plotBottom, Px, Py);
        }

        foreach (var (marker, (row, anchorEnd)) in _markers.Zip(labelRows))
        {
            var px = Px(marker.X);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{C(px)}" y1="{C(top)}" x2="{C(px)}" y2="{C(plotBottom)}" stroke="{marker.Colour}" stroke-width="1"{(marker.Dashed ? " stroke-dasharray=\"4 3\"" : "")}/>""").Append('\n');
            if (marker.Label is { Length: > 0 } label)
            {
                var ly = 10 + (RowHeight * row) + 10;
                svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{C(px)}" y1="{C(ly + 2)}" x2="{C(px)}" y2="{C(top)}" stroke="{marker.Colour}" stroke-width="0.6" stroke-dasharray="1 2"/>""").Append('\n');
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{C(anchorEnd ? px - 3 : px + 3)}" y="{C(ly)}" fill="{marker.Colour}"{(anchorEnd ? " text-anchor=\"end\"" : "")}>{H(label)}</text>""").Append('\n');
            }
        }

        foreach (var s in _series)
        {
            AppendSeries(svg, s, Px, Py);
        }

        AppendAxisTitles(svg, plotBottom, top);
        foreach (var item in legend)
        {
            AppendLegendItem(svg, item);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private void AppendGrid(StringBuilder svg, double top, double plotBottom, Func<double, double> px, Func<double, double> py)
    {
        foreach (var tick in y.Ticks)
        {
            var ty = py(tick);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{C(Left)}" y1="{C(ty)}" x2="{C(Left + PlotWidth)}" y2="{C(ty)}" stroke="#eaeef2"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{C(Left - 6)}" y="{C(ty + 4)}" text-anchor="end" fill="#57606a">{H(y.Label(tick))}</text>""").Append('\n');
        }

        foreach (var tick in x.Ticks)
        {
            var tx = px(tick);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{C(tx)}" y1="{C(top)}" x2="{C(tx)}" y2="{C(plotBottom)}" stroke="#f3f4f6"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{C(tx)}" y1="{C(plotBottom)}" x2="{C(tx)}" y2="{C(plotBottom + 4)}" stroke="#8c959f"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{C(tx)}" y="{C(plotBottom + 16)}" text-anchor="middle" fill="#57606a">{H(x.Label(tick))}</text>""").Append('\n');
        }
    }

    private void AppendThreshold(StringBuilder svg, ThresholdLine t, double top, double plotBottom, Func<double, double> px, Func<double, double> py)
    {
        // Held from each step to the next, and the last one to the end of the axis.
        var corners = new List<(double X, double Y)>();
        for (var i = 0; i < t.Steps.Count; i++)
        {
            var from = Math.Clamp(px(t.Steps[i].X), Left, Left + PlotWidth);
            var to = i + 1 < t.Steps.Count ? Math.Clamp(px(t.Steps[i + 1].X), Left, Left + PlotWidth) : Left + PlotWidth;
            var level = Math.Clamp(py(t.Steps[i].Y), top, plotBottom);
            corners.Add((from, level));
            corners.Add((to, level));
        }

        var line = string.Join(" ", corners.Select(c => $"{C(c.X)},{C(c.Y)}"));
        if (t.Shade)
        {
            var edge = t.FailAbove ? top : plotBottom;
            var area = $"{C(corners[0].X)},{C(edge)} {line} {C(corners[^1].X)},{C(edge)}";
            svg.Append(CultureInfo.InvariantCulture, $"""<polygon points="{area}" fill="{t.Colour}" fill-opacity="0.06"/>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{line}" fill="none" stroke="{t.Colour}" stroke-width="1.5" stroke-dasharray="6 4"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{C(Left + PlotWidth + 4)}" y="{C(corners[^1].Y + 4)}" fill="{t.Colour}">{H(t.Label)}</text>""").Append('\n');
    }

    private static void AppendSeries(StringBuilder svg, SeriesLine s, Func<double, double> px, Func<double, double> py)
    {
        if (s.Points.Count == 0)
        {
            return;
        }

        var corners = new List<(double X, double Y)>();
        for (var i = 0; i < s.Points.Count; i++)
        {
            if (s.Step && i > 0)
            {
                corners.Add((px(s.Points[i].X), py(s.Points[i - 1].Y)));
            }

            corners.Add((px(s.Points[i].X), py(s.Points[i].Y)));
        }

        if (corners.Count > 1)
        {
            var points = string.Join(" ", corners.Select(c => $"{C(c.X)},{C(c.Y)}"));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{points}" fill="none" stroke="{s.Colour}" stroke-width="{C(s.StrokeWidth)}" stroke-linejoin="round"{(s.Dashed ? " stroke-dasharray=\"5 4\"" : "")}/>""").Append('\n');
        }

        foreach (var p in s.Points.Where(p => p.Marker != PointMarker.None))
        {
            AppendPointMarker(svg, p.Marker, px(p.X), py(p.Y), s.Colour, p.Tooltip);
        }
    }

    private static void AppendPointMarker(StringBuilder svg, PointMarker marker, double cx, double cy, string colour, string? tooltip)
    {
        var tip = tooltip is null ? "" : $"<title>{H(tooltip)}</title>";
        var shape = marker switch
        {
            PointMarker.Hollow => $"""<circle cx="{C(cx)}" cy="{C(cy)}" r="3.5" fill="#ffffff" stroke="{colour}" stroke-width="1.5">{tip}</circle>""",
            PointMarker.Alarm => $"""<g><circle cx="{C(cx)}" cy="{C(cy)}" r="7" fill="none" stroke="#cf222e" stroke-width="2"/><circle cx="{C(cx)}" cy="{C(cy)}" r="3.5" fill="{colour}">{tip}</circle></g>""",
            _ => $"""<circle cx="{C(cx)}" cy="{C(cy)}" r="3.5" fill="{colour}">{tip}</circle>""",
        };
        svg.Append(shape).Append('\n');
    }

    private void AppendAxisTitles(StringBuilder svg, double plotBottom, double top)
    {
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{C(Left + (PlotWidth / 2))}" y="{C(plotBottom + 36)}" text-anchor="middle" fill="#24292f">{H(x.Title)}</text>""").Append('\n');
        var midY = top + (PlotHeight / 2);
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="14" y="{C(midY)}" text-anchor="middle" fill="#24292f" transform="rotate(-90 14 {C(midY)})">{H(y.Title)}</text>""").Append('\n');
    }

    private sealed record LegendItem(double X, double Y, string Label, string Colour, bool Dashed, PointMarker Marker, bool IsKey);

    private List<LegendItem> LayoutLegend(double firstRowY)
    {
        var entries = _series.Select(s => (s.Name, s.Colour, s.Dashed, Marker: s.Points.Any(p => p.Marker != PointMarker.None) ? PointMarker.Filled : PointMarker.None, IsKey: false))
            .Concat(_thresholds.Select(t => (Name: $"threshold {t.Label}", t.Colour, Dashed: true, Marker: PointMarker.None, IsKey: false)))
            .Concat(_markerKeys.Select(k => (Name: k.Label, Colour: "#57606a", Dashed: false, k.Marker, IsKey: true)));
        var items = new List<LegendItem>();
        var (cx, cy) = (Left, firstRowY);
        foreach (var (name, colour, dashed, marker, isKey) in entries)
        {
            var width = (isKey ? 14 : 26) + 6 + (name.Length * CharWidth) + 18;
            if (cx + width > Left + PlotWidth && cx > Left)
            {
                (cx, cy) = (Left, cy + 18);
            }

            items.Add(new LegendItem(cx, cy, name, colour, dashed, marker, isKey));
            cx += width;
        }

        return items;
    }

    private static void AppendLegendItem(StringBuilder svg, LegendItem item)
    {
        var swatch = item.IsKey ? 14 : 26;
        if (!item.IsKey)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{C(item.X)}" y1="{C(item.Y - 4)}" x2="{C(item.X + swatch)}" y2="{C(item.Y - 4)}" stroke="{item.Colour}" stroke-width="2"{(item.Dashed ? " stroke-dasharray=\"5 3\"" : "")}/>""");
        }

        if (item.Marker != PointMarker.None)
        {
            AppendPointMarker(svg, item.Marker, item.X + (swatch / 2.0), item.Y - 4, item.Colour, null);
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{C(item.X + swatch + 6)}" y="{C(item.Y)}" fill="#24292f">{H(item.Label)}</text>""").Append('\n');
    }

    /// <summary>Rows for the marker labels so that none overlaps another; a label near the right edge hangs left.</summary>
    private List<(int Row, bool AnchorEnd)> LayoutMarkerLabels()
    {
        var rows = new List<List<(double From, double To)>>();
        var placed = new List<(int Row, bool AnchorEnd)>();
        foreach (var marker in _markers)
        {
            if (marker.Label is not { Length: > 0 } label)
            {
                placed.Add((-1, false));
                continue;
            }

            var px = Left + ((marker.X - x.Min) / Span(x) * PlotWidth);
            var width = (label.Length * CharWidth) + 6;
            var anchorEnd = px + width > Width;
            var span = anchorEnd ? (px - width, px) : (px, px + width);
            var row = rows.FindIndex(r => r.All(o => span.Item2 < o.From || span.Item1 > o.To));
            if (row < 0)
            {
                rows.Add([]);
                row = rows.Count - 1;
            }

            rows[row].Add(span);
            placed.Add((row, anchorEnd));
        }

        return placed;
    }

    private static List<ChartPoint> Finite(IEnumerable<ChartPoint> points) =>
        [.. points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X)];

    private SvgChart Add(SeriesLine series)
    {
        _series.Add(series);
        return this;
    }

    private static double Span(ChartAxis axis) => axis.Max - axis.Min is > 0 and var span ? span : 1;

    /// <summary>A coordinate: invariant, one decimal, and never NaN (non-finite values are dropped before this).</summary>
    private static string C(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
