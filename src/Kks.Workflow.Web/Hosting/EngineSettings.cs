using Kks.Workflow.Engine;

namespace Kks.Workflow.Web.Hosting;

/// <summary>"Engine": the zone that dates without an offset mean (WIB unless the regency is in WITA/WIT) and the default task priority.</summary>
internal static class EngineSettings
{
    public static EngineOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Engine");
        var zone = section["TimeZone"];
        return new EngineOptions
        {
            TimeZone = zone?.Trim().ToUpperInvariant() switch
            {
                null or "" or "WIB" => Zones.Jakarta,
                "WITA" => Zones.Makassar,
                "WIT" => Zones.Jayapura,
                _ => TimeZoneInfo.FindSystemTimeZoneById(zone.Trim()),
            },
            DefaultTaskPriority = section.GetValue("DefaultTaskPriority", 50),
        };
    }
}
