namespace Kks.Workflow.Web.Hosting;

/// <summary>"Storage": where everything the app writes lives (the SQLite file, uploads, the mail pickup folder).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Relative paths are taken from the content root (the folder the app is started from).</summary>
    public string DataDirectory { get; set; } = "data";
}

/// <summary>"Seed": the accounts made at first start.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string AdminUser { get; set; } = "admin";

    /// <summary>When empty a password is generated and printed once to the console.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Also create a demo regency: its OPDs, a focal point per OPD, a secretariat user and a leader.</summary>
    public bool Demo { get; set; }
}

/// <summary>"Workflows": the folder of .bpmn/.form files deployed at every start (unchanged files are no-ops).</summary>
public sealed class WorkflowFilesOptions
{
    public const string Section = "Workflows";

    /// <summary>Defaults to the workflows/ folder copied beside the app by the build.</summary>
    public string? Directory { get; set; }
}

/// <summary>"App": who the installation serves and where people reach it.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Shown in every page's header and in mail, e.g. "Kabupaten Kampar".</summary>
    public string RegencyName { get; set; } = "";

    /// <summary>The address people open in their browser; mail links (tasks, dashboard) start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>"Api": how the engine-rest API shares the machine.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// engine-rest requests served at once; the rest wait their turn in arrival order (0: no limit). The embedded
    /// database answers from memory on the same cores, so more requests at once only interleave: a bounded number
    /// served in order keeps the slowest answers close to the typical one. Long polls (fetchAndLock) are not counted.
    /// </summary>
    public int MaxConcurrentRequests { get; set; }
}
