using System.Globalization;
using Kks.Workflow.Persistence;
using Kks.Workflow.Persistence.Deployments;
using Kks.Workflow.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kks.Workflow.Benchmarks;

/// <summary>
/// Fills a data directory for the HTTP load test (http-load.sh): a deployed one-task process and many open
/// instances, each waiting in its task offered to one of the 18 OPD groups, bulk-inserted with raw SQL as the
/// SQLite mapping stores them (the task list reads rows, never the instance state, so the state is a stub). With a
/// password in KKS_BENCH_FOCAL_PASSWORD it also creates the focal point of DINKES, <see cref="FocalPoint"/> (role opd),
/// for the inbox page's load.
/// </summary>
internal static class HttpSeed
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://kks">
          <bpmn:process id="bench" name="Lengkapi dokumen" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Lengkapi" />
            <bpmn:userTask id="Task_Lengkapi" name="Lengkapi dokumen" camunda:candidateGroups="${opd}" />
            <bpmn:sequenceFlow id="f2" sourceRef="Task_Lengkapi" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>The focal point of the first OPD group (DINKES), created when the seed is given a password.</summary>
    public const string FocalPoint = "bench.dinkes";

    public static async Task RunAsync(string dataDirectory, int tasks)
    {
        var focalPointPassword = Environment.GetEnvironmentVariable("KKS_BENCH_FOCAL_PASSWORD");
        var options = WorkflowDatabase.CreateOptions(new PersistenceOptions { DataDirectory = dataDirectory, SqliteSynchronous = SqliteSynchronous.Normal });
        await using (var context = new WorkflowDbContext(options))
        {
            await SchemaMigrator.MigrateAsync(context);
        }

        var deployed = await new DeploymentService(options, new ProcessDefinitionCache(), TimeProvider.System).DeployAsync(Model, "bench.bpmn");
        var definitionId = deployed.Definitions.Single().Id;
        await using var db = new WorkflowDbContext(options);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var instance = Command(connection, transaction,
            "INSERT INTO process_instances (id, definition_id, process_key, business_key, status, state_json, row_version, started_at) VALUES ($id, $def, 'bench', $bk, 'Active', '{}', 1, $t)");
        await using var task = Command(connection, transaction,
            "INSERT INTO user_tasks (id, instance_id, execution_id, node_id, name, priority, due_at, created_at) VALUES ($tid, $id, $id, 'Task_Lengkapi', 'Lengkapi dokumen', 50, $due, $t)");
        await using var candidate = Command(connection, transaction,
            "INSERT INTO task_candidates (task_id, kind, value, sort_due) VALUES ($tid, 0, $group, $due)");
        var start = new DateTimeOffset(2023, 2, 15, 1, 0, 0, TimeSpan.Zero);
        var random = new Random(7);
        for (var i = 0; i < tasks; i++)
        {
            var id = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            var due = start.AddMinutes(random.Next(0, 120 * 24 * 60)).UtcTicks;
            var values = new Dictionary<string, object>
            {
                ["$id"] = id, ["$def"] = definitionId, ["$bk"] = "KKS-2023-" + i.ToString(CultureInfo.InvariantCulture), ["$t"] = start.UtcTicks,
                ["$tid"] = id + "-task", ["$due"] = due, ["$group"] = BenchModel.OpdCodes[i % BenchModel.OpdCodes.Length],
            };
            foreach (var command in new[] { instance, task, candidate })
            {
                foreach (System.Data.Common.DbParameter parameter in command.Parameters)
                {
                    parameter.Value = values[parameter.ParameterName];
                }

                await command.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        if (!string.IsNullOrEmpty(focalPointPassword))
        {
            await AddFocalPointAsync(db, focalPointPassword);
        }

        Console.Error.WriteLine($"seeded {tasks} open tasks in {dataDirectory}");
    }

    /// <summary>
    /// The focal point of DINKES with its OPD and role rows, hashed as Identity hashes (the server's seeder finds the
    /// role by its normalized name and leaves it).
    /// </summary>
    private static async Task AddFocalPointAsync(WorkflowDbContext db, string password)
    {
        var opd = BenchModel.OpdCodes[0];
        if (!await db.Opds.AnyAsync(o => o.Code == opd))
        {
            db.Opds.Add(new OpdRecord { Code = opd, Name = "Dinas Kesehatan" });
        }

        var role = new IdentityRole("opd") { NormalizedName = "OPD" };
        db.Roles.Add(role);
        var user = new UserAccount
        {
            UserName = FocalPoint, NormalizedUserName = FocalPoint.ToUpperInvariant(), DisplayName = "Petugas penghubung DINKES", OpdCode = opd,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"), CreatedAt = TimeProvider.System.GetUtcNow(),
            LockoutEnabled = true,
        };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, password);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Constant SQL of this benchmark.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
