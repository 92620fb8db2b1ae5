using System.CommandLine;
using Monitoring.Api.Keys;
using Spectre.Console;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor keys create NAME | list | revoke ID</c>: the API keys that writes over HTTP need.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Who or what uses the key, e.g. ingest-bot" };
        var scope = new Option<string[]>("--scope")
        {
            Description = $"What the key may do, repeatable: {ApiKeyScopes.Codes} (default: read and ingest; corrections need analyst, subscriptions and feeds admin)",
            AllowMultipleArgumentsPerToken = true,
        };
        var create = new Command("create", "Create a key and print it once (only its SHA-256 is stored). Its scopes: read and ingest unless --scope names others; the key's name is the analyst its corrections name.\n\nExamples:\n  monitor keys create ingest-bot\n  monitor keys create alice --scope read --scope analyst\n  monitor keys create ops --scope admin") { name, scope, Output.JsonOption };
        create.SetAction(async (parse, ct) =>
        {
            if (ApiKeys.ValidateName(parse.GetValue(name)) is { } error) throw new CliException(error, 2);
            var scopes = new List<ApiKeyScope>();
            foreach (var typed in (parse.GetValue(scope) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                scopes.Add(ApiKeyScopes.Parse(typed) ?? throw new CliException($"--scope '{typed}' is not a scope; one of: {ApiKeyScopes.Codes}", 2));
            await using var host = await CliHost.StartAsync(ct);
            var created = await host.Get<ApiKeyService>().CreateAsync(parse.GetValue(name)!, scopes.Count > 0 ? scopes : null, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(created);
            else
            {
                Console.WriteLine(created.Secret);
                Console.Error.WriteLine($"key {created.Key.Id} ({created.Key.Name}, scopes {string.Join(", ", created.Key.Scopes)}) created; it is shown only now. Use it as: X-Api-Key: <key> or Authorization: Bearer <key>");
            }
            return 0;
        });

        var list = new Command("list", "Every key, revoked ones included (never the key itself).") { Output.JsonOption };
        list.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var keys = await host.Get<ApiKeyService>().ListAsync(ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(keys);
            else if (keys.Count == 0) Console.WriteLine("No API key yet: monitor keys create NAME");
            else
            {
                var table = new Table().AddColumns("id", "name", "prefix", "scopes", "created", "revoked");
                foreach (var k in keys)
                    table.AddRow(k.Id, Output.Text(k.Name), k.Prefix, string.Join(", ", k.Scopes), k.CreatedAt.ToString("u"), k.RevokedAt?.ToString("u") ?? "");
                AnsiConsole.Write(table);
            }
            return 0;
        });

        var id = new Argument<string>("id") { Description = "The key's id (or its prefix mon_...) as listed" };
        var revoke = new Command("revoke", "Revoke a key: requests with it are refused from now on.\n\nExample:\n  monitor keys revoke 3fa2c9d1") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var key = await host.Get<ApiKeyService>().RevokeAsync(parse.GetValue(id)!, ct) ?? throw new CliException($"no API key '{parse.GetValue(id)}' (see monitor keys list)");
            Console.WriteLine($"key {key.Id} ({key.Name}) revoked at {key.RevokedAt:u}");
            return 0;
        });

        return new Command("keys", "API keys for the HTTP service: writes (POST, DELETE) need one; reads too with MONITOR_READS_REQUIRE_KEY=true.")
        {
            create, list, revoke,
        };
    }
}
