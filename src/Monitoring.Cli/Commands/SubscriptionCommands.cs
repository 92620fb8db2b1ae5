using System.CommandLine;
using Monitoring.Domain;
using Monitoring.Notifications.Subscriptions;
using Monitoring.Notifications.Webhooks;

namespace Monitoring.Cli.Commands;

/// <summary><c>monitor subscriptions add|list|pause|resume|delete|deliveries|resend</c>: webhook subscriptions.</summary>
public static class SubscriptionCommands
{
    public static Command Create()
    {
        var command = new Command("subscriptions", """
            Webhook subscriptions to relationship changes. A matching change is POSTed as JSON, signed with
            Monitor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>,
            with a Monitor-Delivery id that stays the same across retries. Deliveries run in `monitor serve`.

            Examples:
              monitor subscriptions add --name analyst --url https://example.org/hooks --pair NER-USA --dimension agreements
              monitor subscriptions list
              monitor subscriptions deliveries 3f2a
              monitor subscriptions resend 9b1c0d7e-...
            """)
        {
            Add(), List(), SetPaused("pause", true), SetPaused("resume", false), Delete(), DeliveriesOf(), Resend(),
        };
        return command;
    }

    private static Command Add()
    {
        var name = new Option<string>("--name") { Description = "A name to recognise the subscription by", Required = true };
        var url = new Option<string>("--url") { Description = "The receiver's http(s) URL", Required = true };
        var secret = new Option<string?>("--secret") { Description = "Signing secret (at least 16 characters); generated when omitted" };
        var filter = new FilterOptions();
        var command = new Command("add", "Subscribe a webhook URL to the changes matching the filter; prints the id and the signing secret (shown only now).")
        {
            name, url, secret, Output.JsonOption,
        };
        filter.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateSubscription(parse.GetValue(name)!, parse.GetValue(url)!, filter.Read(parse), parse.GetValue(secret));
            await using var host = await CliHost.StartAsync(ct);
            var subscriptions = host.Get<SubscriptionService>();
            var errors = subscriptions.Validate(request);
            if (errors.Count > 0) throw new CliException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), 2);
            var s = await subscriptions.CreateAsync(request, ct);
            if (parse.GetValue(Output.JsonOption)) Output.WriteJson(CreatedSubscription.Of(s));
            else Console.WriteLine($"subscription {s.Id} ({s.Name}) → {s.Url}\nsecret: {s.Secret}"
                                   + (CreatedSubscription.Of(s).StandardWebhooksSecret is var standard && standard != s.Secret ? $"\nStandard Webhooks secret: {standard}" : ""));
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every subscription with its filter and state.") { Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var all = await host.Get<SubscriptionService>().ListAsync(ct);
            if (parse.GetValue(Output.JsonOption))
            {
                Output.WriteJson(all.Select(SubscriptionView.Of));
                return 0;
            }
            if (all.Count == 0) Console.WriteLine("no subscriptions");
            foreach (var s in all)
                Console.WriteLine($"{s.Id}  {(s.Paused ? "paused " : "active ")} {s.Name,-16} {s.Url}  [{FilterOptions.Describe(s.Filter)}]");
            return 0;
        });
        return command;
    }

    private static Command SetPaused(string verb, bool paused)
    {
        var id = new Argument<string>("id") { Description = "Subscription id (or a unique prefix)" };
        var command = new Command(verb, paused ? "Stop delivering to a subscription; changes recorded meanwhile are not delivered later." : "Deliver to a paused subscription again.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var subscriptions = host.Get<SubscriptionService>();
            var s = await FindAsync(subscriptions, parse.GetValue(id)!, ct);
            await subscriptions.SetPausedAsync(s.Id, paused, ct);
            Console.WriteLine($"subscription {s.Id} ({s.Name}) {(paused ? "paused" : "resumed")}");
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string>("id") { Description = "Subscription id (or a unique prefix)" };
        var command = new Command("delete", "Delete a subscription; its delivery history stays.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var subscriptions = host.Get<SubscriptionService>();
            var s = await FindAsync(subscriptions, parse.GetValue(id)!, ct);
            await subscriptions.DeleteAsync(s.Id, ct);
            Console.WriteLine($"subscription {s.Id} ({s.Name}) deleted");
            return 0;
        });
        return command;
    }

    private static Command DeliveriesOf()
    {
        var id = new Argument<string>("id") { Description = "Subscription id (or a unique prefix)" };
        var command = new Command("deliveries", "A subscription's delivery history: sent, retrying, dead-lettered, with every attempt.") { id, Output.JsonOption };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var subscriptions = host.Get<SubscriptionService>();
            var s = await FindAsync(subscriptions, parse.GetValue(id)!, ct);
            var deliveries = await subscriptions.DeliveriesAsync(s.Id, ct) ?? [];
            if (parse.GetValue(Output.JsonOption))
            {
                Output.WriteJson(deliveries);
                return 0;
            }
            if (deliveries.Count == 0) Console.WriteLine("no deliveries");
            foreach (var d in deliveries)
            {
                var last = d.Attempts.LastOrDefault();
                Console.WriteLine($"{d.Id}  change {d.ChangeId}  {d.Status,-12} {d.Attempts.Count} attempt(s){(last?.Error is { } e ? $", last: {e}" : "")}{(d.SentAt is { } at ? $", sent {at:O}" : "")}");
            }
            return 0;
        });
        return command;
    }

    private static Command Resend()
    {
        var id = new Argument<Guid>("delivery-id") { Description = "The delivery to send again (same Monitor-Delivery id)" };
        var command = new Command("resend", "Queue a delivery again, e.g. a dead-lettered one once the receiver is fixed; waits briefly for the first attempt.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(ct);
            var subscriptions = host.Get<SubscriptionService>();
            var delivery = await subscriptions.ResendAsync(parse.GetValue(id), host.Bus, ct)
                ?? throw new CliException($"no delivery {parse.GetValue(id)}");
            // The queue is durable: if this process ends first, a running `monitor serve` delivers it.
            var now = await subscriptions.AttemptAfterAsync(delivery, TimeSpan.FromSeconds(20), ct);
            var last = now?.Attempts.LastOrDefault();
            Console.WriteLine(now?.Status == DeliveryStatus.Sent
                ? $"delivery {delivery.Id} sent (HTTP {last?.HttpStatus})"
                : $"delivery {delivery.Id} queued again ({now?.Status}{(last?.Error is { } e ? $": {e}" : "")})");
            return 0;
        });
        return command;
    }

    private static async Task<NotificationSubscription> FindAsync(SubscriptionService subscriptions, string idOrPrefix, CancellationToken ct) =>
        await subscriptions.FindAsync(idOrPrefix, ct) ?? throw new CliException($"no subscription {idOrPrefix} (or the prefix is ambiguous)");
}

/// <summary>The change filter as options, shared by <c>subscriptions add</c> and <c>watch</c>.</summary>
internal sealed class FilterOptions
{
    private readonly Option<string[]> _actors = new("--actor") { Description = "Only relationships of this actor (repeatable: all must be in the pair)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _pair = new("--pair") { Description = "Only this relationship, e.g. NER-USA" };
    private readonly Option<string[]> _dimensions = new("--dimension") { Description = "Only these dimensions (repeatable), e.g. agreements", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _types = new("--type") { Description = "Only changes caused by these event types (repeatable), e.g. agreement_denounced (AgreementDenounced is accepted too)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<double> _minConfidence = new("--min-confidence") { Description = "Only changes whose confidence is at least this (0 to 1)" };
    private readonly Option<bool> _noRevisions = new("--no-revisions") { Description = "Leave out changes that revise the past (an article reporting an earlier event)" };
    private readonly Option<bool> _confidence = new("--confidence-changes") { Description = "Also report confidence-only changes (corroborating reports)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _actors, _pair, _dimensions, _types, _minConfidence, _noRevisions, _confidence })
            command.Options.Add(option);
    }

    public ChangeFilter Read(ParseResult parse)
    {
        var types = new List<WorldEventType>();
        foreach (var t in parse.GetValue(_types) ?? [])
            types.Add(ChangeFilter.TryParseEventType(t, out var type) ? type : throw new CliException($"'{t}' is not an event type of the vocabulary", 2));
        var filter = new ChangeFilter(parse.GetValue(_actors), parse.GetValue(_pair), parse.GetValue(_dimensions), types,
            parse.GetValue(_minConfidence), !parse.GetValue(_noRevisions), parse.GetValue(_confidence)).Normalised();
        var errors = filter.Validate();
        if (errors.Count > 0) throw new CliException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), 2);
        return filter;
    }

    public static string Describe(ChangeFilter f)
    {
        var parts = new List<string>();
        if (f.Actors is { Count: > 0 }) parts.Add("actors " + string.Join(",", f.Actors));
        if (f.Pair is { } p) parts.Add("pair " + p);
        if (f.Dimensions is { Count: > 0 }) parts.Add("dimensions " + string.Join(",", f.Dimensions));
        if (f.EventTypes is { Count: > 0 }) parts.Add("types " + string.Join(",", f.EventTypes.Select(t => t.Code())));
        if (f.MinConfidence > 0) parts.Add($"confidence ≥ {f.MinConfidence}");
        if (!f.IncludeRevisions) parts.Add("no revisions");
        if (f.IncludeConfidenceChanges) parts.Add("confidence changes");
        return parts.Count == 0 ? "everything" : string.Join("; ", parts);
    }
}
