namespace Kks.Workflow.Web.Instruments;

/// <summary>"Instruments": settings of the KKS instrument and campaign data.</summary>
public sealed class InstrumentOptions
{
    public const string Section = "Instruments";

    public const string Instrument2023 = "kks-2023";

    /// <summary>The instrument of the demo campaign kampar-2023 (Seed:Demo).</summary>
    public string DemoCampaignInstrument { get; set; } = Instrument2023;
}
