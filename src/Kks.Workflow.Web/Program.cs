using Kks.Workflow.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKksWorkflow(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseKksWorkflow();
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, public so the web tests' WebApplicationFactory can host it.</summary>
public partial class Program;
