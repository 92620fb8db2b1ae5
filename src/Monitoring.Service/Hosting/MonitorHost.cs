using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Marten;

namespace Monitoring.Service.Hosting;

public sealed record MonitorSettings(string ConnectionString, string Schema = MonitorStore.DefaultSchema);

/// <summary>Wires the modules of Monitor into a host: Marten for storage, Wolverine for messages.</summary>
public static class MonitorHost
{
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder, MonitorSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddMarten(opts => MonitorStore.Configure(opts, settings.ConnectionString, settings.Schema))
            .UseLightweightSessions()
            .IntegrateWithWolverine(w => w.MessageStorageSchemaName = settings.Schema + "_messages");

        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(MonitorHost).Assembly;
            // Handlers are compiled at start-up by Roslyn (WolverineFx.RuntimeCompilation, with the Roslyn
            // pin in Directory.Packages.props): no generated code to keep in sync in the repo.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            opts.Services.CritterStackDefaults(x =>
            {
                x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
                x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            });
        });
        return builder;
    }
}
