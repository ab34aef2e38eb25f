namespace ApexFleet.Simulator.Catalogue;

/// <summary>One number a docs/REFERENCES.md entry gives, as docs/references.yaml records it.</summary>
public sealed class ReferenceFigure
{
    public string Id { get; set; } = "";
    /// <summary>The entry of docs/REFERENCES.md, e.g. <c>R2</c>.</summary>
    public string Source { get; set; } = "";
    public string Figure { get; set; } = "";
    public string Unit { get; set; } = "";
    public double Value { get; set; }
    /// <summary>The catalogue family measured, when the figure measures one.</summary>
    public string? Chipset { get; set; }
    /// <summary>Figures of one source, model and harness: the ordering check ranks a series' families.</summary>
    public string? Series { get; set; }
    /// <summary>The catalogue precision a series is ranked against.</summary>
    public string? Precision { get; set; }
}
