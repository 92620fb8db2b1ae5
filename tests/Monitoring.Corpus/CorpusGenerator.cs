using System.Globalization;
using System.Text;
using Monitoring.Domain;
using Monitoring.Extraction.Actors;

namespace Monitoring.Corpus;

/// <summary>
/// Realistic synthetic news articles over the whole event vocabulary, with gold events. Deterministic for a seed
/// (own PRNG, dates derived from the seed, no clock) and streaming: one story in memory at a time.
/// One pair (USA–NER, the seeds' relationship) is hot: it is in about one article in ten, so a large corpus gives a
/// relationship with tens of thousands of events; FRA–MLI is warm (one in forty), every other pair is spread thin.
/// </summary>
public sealed class CorpusGenerator
{
    public static readonly DateOnly FirstDay = new(2005, 1, 1);
    public static readonly DateOnly LastDay = new(2024, 12, 31);
    public const double HotShare = 0.10;
    public const double WarmShare = 0.025;

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private readonly int _seed;
    private readonly Actor[] _states;
    private readonly Actor[] _blocs;
    public (string A, string B) HotPair { get; }
    public (string A, string B) WarmPair { get; }

    public CorpusGenerator(int seed, Gazetteer? gazetteer = null)
    {
        _seed = seed;
        var g = gazetteer ?? Gazetteer.Default;
        _states = g.Entities.Where(e => e.IsState).Select(Actor.Of).ToArray();
        _blocs = g.Entities.Where(e => !e.IsState).Select(Actor.Of).ToArray();
        if (_states.Length < 4) throw new InvalidOperationException("the gazetteer needs at least four states to generate a corpus");
        HotPair = PairOf("USA", "NER", 0, 1);
        WarmPair = PairOf("FRA", "MLI", 2, 3);
    }

    private (string, string) PairOf(string a, string b, int fa, int fb) =>
        _states.Any(s => s.Code == a) && _states.Any(s => s.Code == b) ? (a, b) : (_states[fa].Code, _states[fb].Code);

    private Actor State(string code) => _states.First(s => s.Code == code);

    /// <summary>The articles, one at a time: nothing is kept after it is yielded except the story being republished.</summary>
    public IEnumerable<GeneratedArticle> Generate(int count)
    {
        var rng = new Prng((ulong)_seed * 0x2545F4914F6CDD1DUL + 1);
        var span = LastDay.DayNumber - FirstDay.DayNumber;
        var index = 0;
        while (index < count)
        {
            var published = DateOnly.FromDayNumber(FirstDay.DayNumber + rng.Below(span + 1));
            var story = NewStory(rng, published, index);
            // The same wire story republished by several outlets, the same day, each with its own page furniture.
            var copies = rng.Chance(0.2) ? rng.Between(2, 4) : 1;
            var outlets = Outlets.OrderBy(_ => rng.Next()).Take(copies).ToArray();
            for (var c = 0; c < copies && index < count; c++, index++)
                yield return Render(rng, story, outlets[c], index);
        }
    }

    private sealed record Story(string Id, DateOnly Published, string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<GoldEvent> Events, IReadOnlyList<GoldMustNot> MustNot);

    private Story NewStory(Prng rng, DateOnly published, int index)
    {
        var events = new List<GoldEvent>();
        var mustNot = new List<GoldMustNot>();
        var sentences = new List<string>();
        var (a, b) = ChoosePair(rng);
        var eventCount = rng.Between(2, 5);
        for (var i = 0; i < eventCount; i++)
        {
            // Most events of a story are about its main pair; some bring in third parties.
            var (s, t) = i == 0 || rng.Chance(0.6) ? (rng.Chance(0.5) ? (a, b) : (b, a)) : (a, RandomState(rng, a));
            var (sentence, gold) = EventSentence(rng, published, s, t);
            sentences.Add(sentence);
            events.Add(gold);
        }
        if (rng.Chance(0.35))
        {
            var (sentence, type) = Negation(rng, a, b);
            sentences.Add(sentence);
            mustNot.Add(new GoldMustNot(type.ToString(), sentence));
        }
        var fillers = rng.Between(12, 24);
        for (var i = 0; i < fillers; i++) sentences.Insert(rng.Below(sentences.Count + 1), Filler(rng, a, b));

        var paragraphs = new List<string>();
        for (var i = 0; i < sentences.Count;)
        {
            var n = Math.Min(rng.Between(1, 3), sentences.Count - i);
            paragraphs.Add(string.Join(' ', sentences.Skip(i).Take(n)));
            i += n;
        }
        var title = rng.Pick(Headlines).Replace("{A}", a.Name).Replace("{B}", b.Name);
        return new Story($"story-{_seed}-{index:D7}", published, title, paragraphs, events, mustNot);
    }

    private (Actor, Actor) ChoosePair(Prng rng)
    {
        var roll = rng.Unit();
        if (roll < HotShare) return (State(HotPair.A), State(HotPair.B));
        if (roll < HotShare + WarmShare) return (State(WarmPair.A), State(WarmPair.B));
        var a = rng.Pick(_states);
        return (a, RandomState(rng, a));
    }

    private Actor RandomState(Prng rng, Actor not)
    {
        while (true)
        {
            var s = rng.Pick(_states);
            if (s.Code != not.Code && !IsHot(s, not) && !IsWarm(s, not)) return s;
        }
    }

    private bool IsHot(Actor x, Actor y) => (x.Code == HotPair.A && y.Code == HotPair.B) || (x.Code == HotPair.B && y.Code == HotPair.A);
    private bool IsWarm(Actor x, Actor y) => (x.Code == WarmPair.A && y.Code == WarmPair.B) || (x.Code == WarmPair.B && y.Code == WarmPair.A);

    private GeneratedArticle Render(Prng rng, Story story, (string Name, string Domain) outlet, int index)
    {
        var sb = new StringBuilder(4096);
        var nav = rng.Below(NavLines.Length);
        sb.Append(NavLines[nav]).Append("\n\n");
        sb.Append(DateLine(rng, story.Published)).Append("\n\n");
        sb.Append(story.Title).Append("\n\n");
        for (var i = 0; i < story.Paragraphs.Count; i++)
        {
            sb.Append(story.Paragraphs[i]).Append("\n\n");
            if (i == story.Paragraphs.Count / 2 && rng.Chance(0.5)) sb.Append(rng.Pick(MidJunk)).Append("\n\n");
        }
        foreach (var line in FooterJunk.OrderBy(_ => rng.Next()).Take(rng.Between(1, 4))) sb.Append(line).Append('\n');
        sb.Append("© ").Append(story.Published.Year).Append(' ').Append(outlet.Name).Append(". All rights reserved.\n");
        var slug = string.Join('-', story.Title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))
            .Replace("’", "").Replace("'", "").Replace(",", "").Replace(":", "");
        var url = $"https://www.{outlet.Domain}/{story.Published:yyyy/MM/dd}/{slug}-{index}";
        return new GeneratedArticle($"{_seed}-{index:D7}", story.Id, outlet.Name, url, story.Published, story.Title, sb.ToString(), story.Events, story.MustNot);
    }

    private static string DateLine(Prng rng, DateOnly d) => rng.Below(4) switch
    {
        0 => $"{d.Day} {Months[d.Month - 1][..3]}, {d.Year} {rng.Between(6, 22):D2}:{rng.Below(60):D2}",
        1 => $"{Months[d.Month - 1]} {d.Day}, {d.Year}",
        2 => $"Published: {d:yyyy-MM-dd}",
        _ => $"Updated {d.Day} {Months[d.Month - 1]} {d.Year}",
    };

    // ---- dates ------------------------------------------------------------------------------------------

    private sealed record DatePhrase(string Text, string? Date, string Precision, string? NotBefore = null, string? NotAfter = null);

    private static DatePhrase PastDate(Prng rng, DateOnly published)
    {
        switch (rng.Below(8))
        {
            case 0:
            {
                var d = published.AddDays(-rng.Between(1, 6));
                return new($"on {d.DayOfWeek}", Day(d), "day");
            }
            case 1:
            {
                var d = published.AddDays(-rng.Between(7, 60));
                return new($"on {d.Day} {Months[d.Month - 1]}", Day(d), "day");
            }
            case 2:
            {
                var d = published.AddDays(-rng.Between(7, 60));
                return new($"on {Months[d.Month - 1]} {d.Day}", Day(d), "day");
            }
            case 3:
            {
                var d = published.AddDays(-rng.Between(30, 700));
                return new($"on {d.Day} {Months[d.Month - 1]} {d.Year}", Day(d), "day");
            }
            case 4:
            {
                var d = published.AddMonths(-rng.Between(1, 30));
                return new($"in {Months[d.Month - 1]} {d.Year}", $"{d:yyyy-MM}", "month");
            }
            case 5 when published.Day > 5:
                return new("earlier this month", $"{published:yyyy-MM}", "month");
            case 6:
            {
                var d = published.AddYears(-1);
                return new("a year ago", $"{d:yyyy-MM}", "month");
            }
            case 7 when published.Month > 1:
            {
                var y = published.Year - rng.Between(1, 3);
                return new($"in {y}", $"{y}", "year");
            }
            default:
            {
                var d = published.AddDays(-rng.Between(1, 6));
                return new($"on {d.DayOfWeek}", Day(d), "day");
            }
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- events -----------------------------------------------------------------------------------------

    private static readonly WorldEventType[] Types = Enum.GetValues<WorldEventType>();
    private static readonly string[] Areas = ["security", "military", "development", "economic", "intelligence"];

    private (string Sentence, GoldEvent Gold) EventSentence(Prng rng, DateOnly published, Actor s, Actor t)
    {
        var type = rng.Pick(Types);
        var date = PastDate(rng, published);
        var d = date.Text;
        var area = rng.Pick(Areas);
        var count = rng.Between(2, 60) * 50;
        var bloc = _blocs.Length > 0 ? rng.Pick(_blocs) : t;
        string S(Actor a) => a.Phrase(rng);
        var modality = "asserted";
        string? source = s.Code, target = t.Code, goldArea = null;
        IReadOnlyList<string>? parties = null;
        int? goldCount = null;
        string text;
        switch (type)
        {
            case WorldEventType.CoupOccurred:
                target = null;
                text = rng.Below(3) switch
                {
                    0 => $"Soldiers overthrew the government of {s.Name} {d}.",
                    1 => $"The president of {s.Name} was ousted in a military coup {d}.",
                    _ => $"Mutinous officers seized power in {s.Capital} {d}, the state broadcaster said.",
                };
                break;
            case WorldEventType.CooperationSuspended:
                goldArea = area;
                text = rng.Below(3) switch
                {
                    0 => $"{S(s)} suspended {area} cooperation with {t.Name} {d}.",
                    1 => $"{Cap(area)} cooperation with {t.Name} was suspended by {S(s)} {d}.",
                    _ => $"{S(s)} halted {area} cooperation with {t.Name} {d}, officials said.",
                };
                break;
            case WorldEventType.CooperationResumptionAnnounced:
                goldArea = area;
                modality = "planned";
                text = rng.Below(2) == 0
                    ? $"{S(s)} announced {d} that it would resume {area} cooperation with {t.Name}."
                    : $"{S(s)} plans to resume {area} cooperation with {t.Name}, a senior official announced {d}.";
                break;
            case WorldEventType.CooperationResumed:
                goldArea = area;
                text = rng.Below(2) == 0
                    ? $"{S(s)} resumed {area} cooperation with {t.Name} {d}."
                    : $"{Cap(area)} cooperation with {t.Name} was resumed by {S(s)} {d}.";
                break;
            case WorldEventType.AgreementSigned:
                (source, target, parties) = (null, null, new[] { s.Code, t.Code }.Order(StringComparer.Ordinal).ToArray());
                goldArea = area;
                text = rng.Below(3) switch
                {
                    0 => $"{S(s)} and {t.Name} signed a {area} agreement {d}.",
                    1 => $"A memorandum of understanding on {area} cooperation was signed by {s.Name} and {t.Name} {d}.",
                    _ => $"{S(s)} signed a {area} pact with {t.Name} {d}, according to a joint statement.",
                };
                break;
            case WorldEventType.AgreementDenounced:
                goldArea = area;
                text = rng.Below(2) == 0
                    ? $"{S(s)} denounced its {area} agreement with {t.Name} {d}."
                    : $"{S(s)} revoked the {area} accords it had signed with {t.Name} {d}.";
                break;
            case WorldEventType.TiesSevered:
                goldArea = area == "military" ? "military" : "diplomatic";
                text = rng.Below(2) == 0
                    ? $"{S(s)} severed {goldArea} ties with {t.Name} {d}."
                    : $"{Cap(goldArea)} ties with {t.Name} were broken off by {S(s)} {d}.";
                break;
            case WorldEventType.WithdrawalDemanded:
                text = rng.Below(2) == 0
                    ? $"{S(s)} demanded {d} that {t.Demonym} troops leave the country."
                    : $"{S(s)} ordered {t.Name}'s forces to leave its territory {d}.";
                break;
            case WorldEventType.WithdrawalAnnounced:
                modality = "planned";
                text = $"{S(s)} announced {d} that it would withdraw its troops from {t.Name}.";
                break;
            case WorldEventType.WithdrawalAgreed:
                text = $"{S(s)} agreed with {t.Name} {d} to withdraw its forces.";
                break;
            case WorldEventType.WithdrawalStarted:
                text = rng.Below(2) == 0
                    ? $"{S(s)} began withdrawing its troops from {t.Name} {d}."
                    : $"The first {s.Demonym} soldiers left {t.Name} {d}.";
                break;
            case WorldEventType.WithdrawalCompleted:
                text = rng.Below(2) == 0
                    ? $"The last {s.Demonym} troops left {t.Name} {d}."
                    : $"{S(s)} completed its withdrawal from {t.Name} {d}.";
                break;
            case WorldEventType.TroopsDeployed:
                text = rng.Below(2) == 0
                    ? $"{S(s)} deployed troops to {t.Name} {d}."
                    : $"{s.Demonym} military instructors arrived in {t.Name} {d}.";
                break;
            case WorldEventType.TroopPresenceReported:
                goldCount = count;
                text = $"About {count:N0} {s.Demonym} troops were stationed in {t.Name} {d}, officials said.";
                break;
            case WorldEventType.SanctionsImposed:
                text = rng.Below(2) == 0
                    ? $"{S(s)} imposed sanctions on {t.Name} {d}."
                    : $"Sanctions were imposed on {t.Name} by {S(s)} {d}.";
                break;
            case WorldEventType.SanctionsLifted:
                text = $"{S(s)} lifted its sanctions on {t.Name} {d}.";
                break;
            case WorldEventType.SanctionsInForce:
                text = $"{s.Name}'s sanctions against {t.Name} were still in force {d}.";
                break;
            case WorldEventType.DelegationVisited:
                text = rng.Below(2) == 0
                    ? $"A {s.Demonym} delegation visited {t.Name} {d}."
                    : $"{s.Name}'s foreign minister visited {t.Capital} {d} for talks with officials.";
                break;
            case WorldEventType.TalksOpened:
                (source, target, parties) = (null, null, new[] { s.Code, t.Code }.Order(StringComparer.Ordinal).ToArray());
                text = rng.Below(2) == 0
                    ? $"{S(s)} and {t.Name} opened talks {d}."
                    : $"Negotiations between {s.Name} and {t.Name} began {d}.";
                break;
            case WorldEventType.ThreatOfForce:
                text = rng.Below(2) == 0
                    ? $"{S(s)} threatened {d} to use force against {t.Name}."
                    : $"{S(s)} threatened a military intervention in {t.Name} {d}.";
                break;
            case WorldEventType.AmbassadorExpelled:
                text = rng.Below(2) == 0
                    ? $"{S(s)} expelled {t.Name}'s ambassador {d}."
                    : $"The {t.Demonym} ambassador was expelled by {S(s)} {d}.";
                break;
            case WorldEventType.AmbassadorRecalled:
                text = $"{S(s)} recalled its ambassador from {t.Name} {d}.";
                break;
            case WorldEventType.BlocExitAnnounced:
                target = bloc.Code;
                modality = "planned";
                text = $"{S(s)} announced {d} that it would leave {bloc.Name}.";
                break;
            case WorldEventType.BlocExited:
                target = bloc.Code;
                text = rng.Below(2) == 0
                    ? $"{S(s)} left {bloc.Name} {d}."
                    : $"{s.Name}'s withdrawal from {bloc.Name} took effect {d}.";
                break;
            default:
                throw new InvalidOperationException($"no template for {type}");
        }
        text = Cap(text);
        return (text, new GoldEvent(type.ToString(), source, target, parties, goldArea, goldCount, date.Date, date.Precision, date.NotBefore, date.NotAfter, modality, text));
    }

    private static (string, WorldEventType) Negation(Prng rng, Actor a, Actor b) => rng.Below(4) switch
    {
        0 => ($"{a.Name} has said withdrawal from {b.Name} is not an option.", WorldEventType.WithdrawalAnnounced),
        1 => ($"Officials could not confirm that {a.Name} had suspended cooperation with {b.Name}.", WorldEventType.CooperationSuspended),
        2 => ($"{a.Name} denied that it would expel {b.Name}'s ambassador.", WorldEventType.AmbassadorExpelled),
        _ => ($"{a.Name} said it would not impose sanctions on {b.Name} if the talks continued.", WorldEventType.SanctionsImposed),
    };

    private static string Filler(Prng rng, Actor a, Actor b) => Cap(rng.Pick(Fillers)
        .Replace("{A}", a.Name).Replace("{B}", b.Name).Replace("{a}", a.Demonym).Replace("{b}", b.Demonym).Replace("{Bc}", b.Capital));

    private static string Cap(string s) => s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;

    private sealed record Actor(string Code, string Name, string Demonym, string Capital, IReadOnlyList<string> Names)
    {
        public static Actor Of(GazetteerEntity e)
        {
            var names = (e.Names ?? []).Where(n => n.Length > 3 && !n.Contains('.')).DefaultIfEmpty(e.Name).ToList();
            var name = e.IsState ? names[0] : e.Name;
            var demonym = e.Demonyms is { Count: > 0 } d ? d[0] : name;
            var capital = e.Capitals is { Count: > 0 } c ? c[0] : name;
            return new Actor(e.Code, name, demonym, capital, names);
        }

        /// <summary>The actor as a subject: its name, its capital (metonymy), or its government.</summary>
        public string Phrase(Prng rng) => rng.Below(6) switch
        {
            0 or 1 or 2 => Name,
            3 => Capital,
            4 => $"the {Demonym} government",
            _ => Names[rng.Below(Names.Count)],
        };
    }

    private static readonly (string Name, string Domain)[] Outlets =
    [
        ("Sahel Wire", "sahelwire.example"), ("Reuters Africa", "reuters-africa.example"), ("Global Desk", "globaldesk.example"),
        ("The Continental", "thecontinental.example"), ("Defence Monitor", "defencemonitor.example"), ("World Briefing", "worldbriefing.example"),
        ("Atlantic Courier", "atlanticcourier.example"), ("Daily Dispatch", "dailydispatch.example"), ("Eastern Herald", "easternherald.example"),
        ("Policy Review", "policyreview.example"), ("News Thrill", "newsthrill.example"), ("Capital Times", "capitaltimes.example"),
    ];

    private static readonly string[] NavLines =
    [
        "Home | World | Africa | Politics | Business | Opinion | Video",
        "Menu Search Sign in Subscribe",
        "icon bookmark icon camera icon check icon chevron down icon close icon share icon search",
        "Skip to content\nTop stories\nLatest news",
        "WORLD  AFRICA  EUROPE  AMERICAS  ASIA  MIDDLE EAST",
    ];

    private static readonly string[] MidJunk =
    [
        "Advertisement", "READ MORE: Regional leaders meet as crisis deepens", "Sign up for our daily newsletter",
        "Related: What the latest coup means for the region", "Continue reading below",
    ];

    private static readonly string[] FooterJunk =
    [
        "Share this article", "Share on Facebook Share on X Share by email", "Related stories", "Subscribe to our newsletter",
        "Comments are closed.", "Tags: Africa, Sahel, Security, Diplomacy", "Cookie settings",
    ];

    private static readonly string[] Headlines =
    [
        "{A} and {B}: a relationship under strain", "{A} moves to reset ties with {B}", "Tensions rise between {A} and {B}",
        "What {A}'s latest decision means for {B}", "{B} responds to {A}", "Analysis: {A}, {B} and the region",
    ];

    private static readonly string[] Fillers =
    [
        "Analysts in {Bc} said the situation remained tense.", "The ministry did not respond to a request for comment.",
        "{B} has faced a jihadist insurgency for more than a decade.", "Prices of food and fuel rose sharply across the region.",
        "The {a} embassy declined to comment on the matter.", "Thousands of people rallied in {Bc} in support of the authorities.",
        "Diplomats described the talks as frank and constructive.", "The decision was widely criticised by opposition parties.",
        "Humanitarian groups warned of a worsening crisis in the north.", "{A} remains one of the largest donors to the region.",
        "The announcement came after weeks of speculation.", "A government spokesperson said more details would follow.",
        "Observers said the move reflected a broader shift in alliances.", "Local media reported heavy security around the presidential palace.",
        "{b} officials have repeatedly called for respect of national sovereignty.", "The U.S. State Department said it was monitoring the situation.",
        "Gen. Abdou Issa, a former army officer, said the country needed stability.", "Trade between the two countries reached $1.5 billion last year.",
        "“We want to be a good partner,” the diplomat said.", "It was not immediately clear how many people were affected.",
    ];
}
