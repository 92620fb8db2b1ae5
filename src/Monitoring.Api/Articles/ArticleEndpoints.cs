using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Monitoring.Api.Hosting;
using Monitoring.Api.Keys;
using Monitoring.Extraction.Reading;
using Monitoring.Store.Articles;
using Monitoring.Store.Articles.Ingesting;
using Monitoring.Store.Events;

namespace Monitoring.Api.Articles;

/// <summary>HTTP: ingest articles (through <see cref="ArticleIngestion"/>, as the CLI does) and read one back with its events.</summary>
public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/articles").WithTags("Articles");
        group.MapPost("", IngestAsync).RequireScope(ApiKeyScope.Ingest)
            .WithSummary("Ingest one article (text/plain or text/html body with the published, publisher, url and title query parameters; "
                         + "or application/json {title,text,url,publisher,published}) or a batch (application/json {articles:[...]}). Needs an API key.")
            .Accepts<ArticleRequest>("application/json", "text/plain", "text/html")
            .Produces<ArticleAnswer>(StatusCodes.Status201Created)
            .Produces<ArticleAnswer>()
            .Produces<BatchAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListAsync).WithName("listArticles").WithSummary("The stored articles, newest recorded first")
            .WithDescription("search: full-text search over title and text (PostgreSQL web-search syntax: words, \"a phrase\", -not, or), English "
                             + "stemming; publisher (any case; % as wildcard); from/to (publication dates, yyyy-MM-dd). Paged: limit, cursor (from next).");
        group.MapGet("/{id}", GetAsync).WithSummary("One article: its text, metadata and the events of its current extraction.");
        return app;
    }

    /// <summary>One article in JSON (the batch form holds a list of them under <c>articles</c>).</summary>
    public sealed record ArticleRequest(string Text, string? Title, string? Url, string? Publisher, string? Published);

    /// <summary>The answer for one article: accepted with its events, a duplicate of a stored article, or rejected with the reason.</summary>
    public sealed record ArticleAnswer(string Origin, IngestStatus Status, string? ArticleId, int EventCount, string? Reason, IReadOnlyList<ListedEvent> Events);

    public sealed record BatchAnswer(int Accepted, int Duplicates, int Rejected, IReadOnlyList<ArticleAnswer> Articles);

    public sealed record ArticleView(string Id, string? Title, string? Publisher, string? Url, DateOnly Published, string Format, string ExtractorVersion,
        int Reextractions, DateTimeOffset IngestedAt, string Text, IReadOnlyList<ListedEvent> Events);

    private static async Task<IResult> IngestAsync(HttpRequest request, string? published, string? publisher, string? url, string? title,
        ArticleIngestion ingestion, IQuerySession session, MonitorWebSettings web, CancellationToken ct)
    {
        var media = MediaTypeHeaderValue.TryParse(request.ContentType, out var m) ? m.MediaType.Value?.ToLowerInvariant() : null;
        var json = media is "application/json" || media?.EndsWith("+json", StringComparison.Ordinal) == true;
        ArticleFormat? format = media switch { "text/plain" => ArticleFormat.Text, "text/html" => ArticleFormat.Html, _ => null };
        if (!json && format is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Content-Type '{request.ContentType}' is not accepted: send text/plain, text/html or application/json");

        var body = await ReadAtMostAsync(request, json ? web.MaxRequestBytes : web.MaxArticleBytes, ct);
        if (body is null) return TooLarge(json ? web.MaxRequestBytes : web.MaxArticleBytes, json ? "request" : "article");

        if (!json)
        {
            if (m?.Charset is { HasValue: true } charset)
            {
                if (Transcoded(body, charset.Value!) is not { } utf8)
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported charset",
                        detail: $"charset '{charset.Value}' is not one Monitor knows: send UTF-8, or name a charset such as iso-8859-1 or windows-1252");
                body = utf8;
            }
            var input = new HttpInput();
            DateOnly? date = null;
            if (published is { Length: > 0 } && (date = DateLine.ParseLoose(published)) is null)
                input.Error("published", $"'{published}' is not a date such as 2024-03-17");
            if (!input.Valid) return input.Problem();
            var metadata = new ArticleMetadata(title, publisher, url, date);
            return await SingleAsync(new IngestArticle(url ?? "request", body, format!.Value, metadata), ingestion, session, ct);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return Invalid("body", $"malformed JSON: {e.Message.Split('\n')[0]}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("articles", out var articles))
            {
                if (articles.ValueKind != JsonValueKind.Array) return Invalid("articles", "expected a list of articles");
                if (articles.GetArrayLength() == 0) return Invalid("articles", "the batch is empty");
                if (articles.GetArrayLength() > web.MaxBatchArticles) return Invalid("articles", $"at most {web.MaxBatchArticles} articles per request");
                var answers = new List<ArticleAnswer>();
                var index = 0;
                foreach (var article in articles.EnumerateArray())
                {
                    var origin = $"articles[{index++}]";
                    var raw = Encoding.UTF8.GetBytes(article.GetRawText());
                    var outcome = article.ValueKind != JsonValueKind.Object
                        ? IngestOutcome.Rejected(origin, "expected an object {title,text,url,publisher,published}")
                        : raw.Length > web.MaxArticleBytes
                            ? IngestOutcome.Rejected(origin, $"article too large: {raw.Length} bytes, the limit is {web.MaxArticleBytes}")
                            : await ingestion.IngestAsync(new IngestArticle(origin, raw, ArticleFormat.Json, null), ct);
                    answers.Add(await AnswerAsync(outcome, session, ct));
                }
                return TypedResults.Ok(new BatchAnswer(answers.Count(a => a.Status == IngestStatus.Accepted),
                    answers.Count(a => a.Status == IngestStatus.Duplicate), answers.Count(a => a.Status == IngestStatus.Rejected), answers));
            }
            if (root.ValueKind != JsonValueKind.Object) return Invalid("body", "expected an article {title,text,url,publisher,published} or a batch {articles:[...]}");
            if (body.Length > web.MaxArticleBytes) return TooLarge(web.MaxArticleBytes, "article");
            if (root.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String && DateLine.ParseLoose(TextOf(p)) is null)
                return Invalid("published", TextOf(p) is { } text ? $"'{text}' is not a date such as 2024-03-17" : LoneSurrogate);
            var origin1 = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? TextOf(u) ?? "request" : "request";
            return await SingleAsync(new IngestArticle(origin1, body, ArticleFormat.Json, null), ingestion, session, ct);
        }
    }

    // Windows code pages (windows-1252...) besides the encodings .NET always has (ISO-8859-1, UTF-16...).
    static ArticleEndpoints() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The body as UTF-8 (what the reader takes) from the charset its Content-Type names; null for an unknown charset.</summary>
    private static byte[]? Transcoded(byte[] body, string charset)
    {
        if (charset.Trim('"').Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase)) return body;
        try
        {
            return Encoding.UTF8.GetBytes(Encoding.GetEncoding(charset.Trim('"')).GetString(body));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private const string LoneSurrogate = "holds an invalid Unicode escape (a lone surrogate such as \\ud800)";

    /// <summary>A JSON string's text; null when it holds half a UTF-16 pair, which System.Text.Json refuses to unescape.</summary>
    private static string? TextOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<IResult> SingleAsync(IngestArticle command, ArticleIngestion ingestion, IQuerySession session, CancellationToken ct)
    {
        var answer = await AnswerAsync(await ingestion.IngestAsync(command, ct), session, ct);
        return answer.Status switch
        {
            IngestStatus.Accepted => TypedResults.Created($"/articles/{answer.ArticleId}", answer),
            IngestStatus.Duplicate => TypedResults.Ok(answer),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Article rejected", detail: answer.Reason,
                extensions: new Dictionary<string, object?> { ["origin"] = answer.Origin, ["outcome"] = "rejected" }),
        };
    }

    private static async Task<ArticleAnswer> AnswerAsync(IngestOutcome o, IQuerySession session, CancellationToken ct)
    {
        IReadOnlyList<ListedEvent> events = o is { Status: IngestStatus.Accepted, ArticleId: { } id } ? await EventsOfAsync(session, id, ct) : [];
        return new ArticleAnswer(o.Origin, o.Status, o.ArticleId, o.Status == IngestStatus.Accepted ? events.Count : 0, o.Reason, events);
    }

    private static async Task<IReadOnlyList<ListedEvent>> EventsOfAsync(IQuerySession session, string articleId, CancellationToken ct) =>
        (await EventQueries.ListAsync(session, new EventFilter(ArticleId: articleId, Take: 10_000), ct)).OrderBy(e => e.Sequence).ToList();

    private static async Task<Results<Ok<Page<ListedArticle>>, ValidationProblem>> ListAsync(HttpRequest request, string? search, string? publisher,
        string? from, string? to, int? limit, string? cursor, ArticleService articles, CancellationToken ct)
    {
        var input = new HttpInput();
        var (fromDate, toDate) = (input.Date("from", from), input.Date("to", to));
        if (fromDate > toDate) input.Error("to", $"'{to}' is before from '{from}'");
        var take = Paging.Limit(input, limit);
        var before = Paging.BeforeSequence(input, cursor);
        if (search is { Length: > 500 }) input.Error("search", "at most 500 characters");
        if (!input.Valid) return input.Problem();
        var found = await articles.ListAsync(new ArticleQuery(search?.Trim(), fromDate, toDate, publisher?.Trim(), before, take + 1), ct);
        var items = found.Take(take).ToList();
        var next = found.Count > take ? Paging.NextLink(request, Paging.SequenceCursorKey(items[^1].Sequence), take) : null;
        return TypedResults.Ok(new Page<ListedArticle>(items, next));
    }

    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> GetAsync(string id, IQuerySession session, CancellationToken ct)
    {
        var key = ArticleStream.IdAsTyped(id);
        var stream = await session.Events.FetchStreamAsync(key, token: ct);
        if (stream.FirstOrDefault(e => e.Data is ArticleIngested) is not { Data: ArticleIngested a } ingested)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown article", detail: $"no article '{id}' is stored");
        var reextractions = stream.Select(e => e.Data).OfType<ArticleReextracted>().ToList();
        return TypedResults.Ok(new ArticleView(a.ArticleId, a.Title, a.Publisher, a.Url, a.Published, a.Format,
            reextractions.LastOrDefault()?.NewVersion ?? a.ExtractorVersion, reextractions.Count, ingested.Timestamp, a.Text, await EventsOfAsync(session, key, ct)));
    }

    /// <summary>
    /// The body, or null when it is longer than <paramref name="limit"/>. The rest of a long body is read and dropped so
    /// that the client, still sending, receives the 413 instead of a reset connection.
    /// </summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var tooLarge = request.ContentLength > limit;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (tooLarge || buffer.Length + read > limit) tooLarge = true;
            else buffer.Write(chunk, 0, read);
        }
        return tooLarge ? null : buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(long limit, string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"the {what} is larger than the limit of {limit} bytes ({limit / 1024.0 / 1024.0:0.##} MiB)");

    private static ValidationProblem Invalid(string parameter, string message)
    {
        var input = new HttpInput();
        input.Error(parameter, message);
        return input.Problem();
    }
}
