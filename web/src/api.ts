// The service's JSON, read into the page's own small model. Every shape the page depends on is read here.
// The relationship model (Monitoring.Domain.Relationships) decides every status; the page only draws it.

export interface Source {
  articleId: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  title: string | null;
  quote: string;
  start: number | null;
  end: number | null;
  recordedAt: string | null;
  /** The report's event id (what a correction names). */
  eventId: string | null;
  /** An analyst's event (a correction's replacement or an assertion), not the extractor's. */
  analyst: boolean;
}

/** A timeline entry: one real-world event with every report of it. */
export interface TimelineEvent {
  id: string;
  type: string;
  source: string | null;
  target: string | null;
  parties: string[];
  count: number | null;
  /** The day the timeline places the event on (yyyy-mm-dd). */
  date: string;
  dateText: string;
  undated: boolean;
  modality: string | null;
  confidence: number | null;
  sourceCount: number;
  independentSources: number | null;
  sources: Source[];
  conflictsWith: string[];
  /** Some report of it is an analyst's: the event was corrected or asserted by hand. */
  corrected: boolean;
}

/** One side of a contested dimension: what some reports say, with their entries. */
export interface Reading {
  status: string;
  sinceText: string;
  independentSources: number | null;
  confidence: number | null;
  entryIds: string[];
  prevails: boolean;
}

export interface DimensionState {
  /** "security_cooperation", or "troop_presence:USA" for a per-side dimension. */
  key: string;
  dimension: string;
  side: string | null;
  status: string;
  since: string | null;
  sinceText: string;
  modality: string | null;
  count: number | null;
  countDate: string | null;
  entryIds: string[];
  /** Contested: each reading; empty otherwise. */
  readings: Reading[];
  /** The rule that decided ("corroborated_transition_stands", "reports_disagree"...). */
  rule: string | null;
}

/** The three clocks of a question; null is "now". */
export interface Clocks {
  /** Valid date (yyyy-mm-dd). */
  asOf: string | null;
  /** Publication date (yyyy-mm-dd): only what articles published by then said. */
  knownAt: string | null;
  /** Recorded instant (ISO 8601): only what Monitor had recorded then. */
  recordedAt: string | null;
}

export interface RelationshipState {
  id: string;
  a: string;
  b: string;
  asOf: string | null;
  knownAt: string | null;
  recordedAt: string | null;
  dimensions: DimensionState[];
  entries: TimelineEvent[];
}

export interface LatestChange {
  dimension: string;
  side: string | null;
  status: string;
  since: string | null;
  /** The since date at its precision ("March 2023"). */
  sinceText: string;
}

export interface RelationshipSummary {
  id: string;
  a: string;
  b: string;
  events: number | null;
  latest: LatestChange | null;
}

export interface Lane {
  key: string;
  dimension: string;
  side: string | null;
}

/** An event drawn in one lane, coloured by the status it led to there. */
export interface Mark {
  event: TimelineEvent;
  lane: string;
  status: string | null;
}

/** A status of one lane over a span of valid time; `to` null means "still holds". */
export interface Band {
  lane: string;
  status: string;
  from: string;
  to: string | null;
}

export interface Timeline {
  events: TimelineEvent[];
  lanes: Lane[];
  marks: Mark[];
  bands: Band[];
}

export interface Article {
  id: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  published: string | null;
  text: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(url: string): Promise<Json> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

const str = (v: Json): string | null => (v == null || v === "" ? null : String(v));
const num = (v: Json): number | null => (typeof v === "number" ? v : null);
const day = (v: Json): string | null => (v == null ? null : String(v).slice(0, 10));

/** Enums arrive as names in any casing, or as numbers when the service writes them so. */
const enumOf = (v: Json, names: string[]): string | null => (typeof v === "number" ? (names[v] ?? String(v)) : str(v)?.toLowerCase() ?? null);
const precisions = ["day", "month", "year", "unknown"];
const modalities = ["asserted", "planned", "expected"];
// Monitoring.Domain.WorldEventType, in declaration order (for numeric enums only).
const worldEventTypes = [
  "CoupOccurred", "CooperationSuspended", "CooperationResumptionAnnounced", "CooperationResumed", "AgreementSigned", "AgreementDenounced",
  "TiesSevered", "WithdrawalDemanded", "WithdrawalAnnounced", "WithdrawalAgreed", "WithdrawalStarted", "WithdrawalCompleted", "TroopsDeployed",
  "TroopPresenceReported", "SanctionsImposed", "SanctionsLifted", "SanctionsInForce", "DelegationVisited", "TalksOpened", "ThreatOfForce",
  "AmbassadorExpelled", "AmbassadorRecalled", "BlocExitAnnounced", "BlocExited",
];

/** Event types as every output of Monitor writes them ("agreement_denounced"), whether the JSON says that, "AgreementDenounced" or 5. */
export const typeCode = (v: Json): string => {
  const s = typeof v === "number" ? (worldEventTypes[v] ?? String(v)) : String(v ?? "");
  return s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[\s-]+/g, "_").toLowerCase();
};

/**
 * Events that set no state (Monitoring.Domain.Vocabulary.IsOneOff): a visit is drawn as a mark in the lane it belongs
 * to, never as a band of its own.
 */
const oneOffLanes: Record<string, string> = { delegation_visited: "diplomatic" };

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A day in words: "26 July 2023". */
const dayText = (d: string): string => `${Number(d.slice(8, 10))} ${monthNames[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

/** A month in words: "July 2023". */
const monthText = (d: string): string => `${monthNames[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

/**
 * An approximate date (no stated date, only bounds) at the precision its bounds allow: "about July 2023",
 * "about July–December 2023", "about December 2023 – March 2024".
 */
function aboutText(after: string, by: string): string {
  if (after.slice(0, 7) === by.slice(0, 7)) return `about ${monthText(after)}`;
  if (after.slice(0, 4) === by.slice(0, 4)) return `about ${monthNames[Number(after.slice(5, 7)) - 1]}–${monthText(by)}`;
  return `about ${monthText(after)} – ${monthText(by)}`;
}

/** An EventDate at its precision: "2024-03-16", "March 2024", "2023", "about July–December 2023", "after 26 July 2023". */
function dateText(d: Json): string {
  if (d == null) return "date unknown";
  if (typeof d !== "object") return String(d);
  const value = day(d.value);
  switch (enumOf(d.precision, precisions)) {
    case "day":
      return value ?? "date unknown";
    case "month":
      return value ? monthText(value) : "date unknown";
    case "year":
      return value ? value.slice(0, 4) : "date unknown";
    default: {
      const after = day(d.notBefore);
      const by = day(d.notAfter);
      return after && by ? aboutText(after, by) : after ? `after ${dayText(after)}` : by ? `by ${dayText(by)}` : "date unknown";
    }
  }
}

function pairOf(v: Json): { id: string; a: string; b: string } {
  const p = v.pair ?? v;
  if (typeof p === "string") {
    const [a, b] = p.split("-", 2);
    return { id: p, a, b };
  }
  if (p && p.a && p.b) return { id: `${p.a}-${p.b}`, a: p.a, b: p.b };
  const id = String(v.id);
  const [a, b] = id.split("-", 2);
  return { id, a, b };
}

function sourceOf(r: Json): Source {
  const article = r.article ?? {};
  const evidence = (r.evidence ?? [])[0] ?? {};
  return {
    articleId: str(r.articleId ?? article.articleId ?? article.id) ?? "",
    publisher: str(r.publisher ?? article.publisher),
    url: str(r.url ?? article.url),
    published: day(r.published ?? article.published),
    title: str(r.title ?? article.title),
    quote: str(evidence.quote ?? r.quote) ?? "",
    start: num(evidence.start ?? r.start),
    end: num(evidence.end ?? r.end),
    recordedAt: str(r.recordedAt),
    eventId: str(r.eventId),
    // Monitoring.Domain.Review.Corrections.AnalystVersionPrefix.
    analyst: (str(r.extractorVersion) ?? "").startsWith("analyst:"),
  };
}

function entryOf(e: Json): TimelineEvent {
  const reports: Json[] = e.reports ?? [];
  const undated = e.undated === true;
  const date = day(e.placedOn) ?? day(e.date?.value) ?? "";
  return {
    id: String(e.id),
    type: typeCode(e.type),
    source: str(e.source),
    target: str(e.target),
    parties: Array.isArray(e.parties) ? e.parties.map(String) : [],
    count: num(e.count),
    date,
    dateText: undated ? `${dateText(e.date)}; placed on ${date}` : dateText(e.date),
    undated,
    modality: enumOf(e.modality, modalities),
    confidence: num(e.confidence),
    sourceCount: num(e.sourceCount) ?? new Set(reports.map((r) => r.articleId)).size,
    independentSources: num(e.independentSources),
    sources: reports.map(sourceOf),
    conflictsWith: Array.isArray(e.conflictsWith) ? e.conflictsWith.map(String) : [],
    corrected: reports.some((r) => (str(r.extractorVersion) ?? "").startsWith("analyst:")),
  };
}

function stateOf(v: Json): RelationshipState {
  const dims: Json[] = v.dimensions ?? [];
  return {
    ...pairOf(v),
    asOf: day(v.asOf),
    knownAt: day(v.knownAt),
    recordedAt: str(v.recordedAt),
    entries: (v.entries ?? []).map(entryOf),
    dimensions: dims.map((d) => {
      const dimension = String(d.dimension);
      const side = str(d.side);
      return {
        key: str(d.key) ?? (side ? `${dimension}:${side}` : dimension),
        dimension,
        side,
        status: String(d.status),
        since: day(d.since?.value ?? d.since?.notBefore ?? (typeof d.since === "string" ? d.since : null)),
        sinceText: dateText(d.since),
        modality: enumOf(d.modality, modalities),
        count: num(d.count),
        countDate: d.countDate ? dateText(d.countDate) : null,
        entryIds: Array.isArray(d.entryIds) ? d.entryIds.map(String) : Array.isArray(d.entries) ? d.entries.map((x: Json) => String(x.id ?? x)) : [],
        readings: (Array.isArray(d.readings) ? d.readings : []).map((r: Json) => ({
          status: String(r.status),
          sinceText: dateText(r.since),
          independentSources: num(r.independentSources),
          confidence: num(r.confidence),
          entryIds: Array.isArray(r.entryIds) ? r.entryIds.map(String) : [],
          prevails: str(d.prevailing) === String(r.status),
        })),
        rule: str(d.rule),
      };
    }),
  };
}

/** The change an analyst wants first: the dimension whose status was established last. */
export function latestOf(s: RelationshipState): LatestChange | null {
  const placed = new Map(s.entries.map((e) => [e.id, e.date]));
  const when = (d: DimensionState) => d.entryIds.map((id) => placed.get(id) ?? "").sort()[0] ?? d.since ?? "";
  const latest = [...s.dimensions].filter((d) => d.dimension !== "context").sort((x, y) => (when(x) < when(y) ? 1 : when(x) > when(y) ? -1 : 0))[0];
  return latest ? { dimension: latest.dimension, side: latest.side, status: latest.status, since: latest.since ?? when(latest), sinceText: latest.sinceText } : null;
}

const query = (params: Record<string, string | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
};

export async function relationships(): Promise<RelationshipSummary[]> {
  // The list is paged: follow the next links to the end.
  const items: Json[] = [];
  for (let next: string | null = "/relationships?limit=500"; next; ) {
    const body = await get(next);
    items.push(...(Array.isArray(body) ? body : (body.items ?? [])));
    next = Array.isArray(body) ? null : (body.next ?? null);
  }
  return items.map((v) => {
    const pair = pairOf(v);
    const state = Array.isArray(v.dimensions) ? stateOf(v) : null;
    return { ...pair, events: state ? state.entries.length : num(v.events ?? v.entries), latest: state ? latestOf(state) : null };
  });
}

export async function state(a: string, b: string, clocks: Clocks): Promise<RelationshipState> {
  return stateOf(await get(`/relationships/${a}/${b}${query({ asOf: clocks.asOf, knownAt: clocks.knownAt, recordedAt: clocks.recordedAt })}`));
}

async function entries(a: string, b: string, clocks: Clocks): Promise<TimelineEvent[]> {
  const body = await get(`/relationships/${a}/${b}/timeline${query({ knownAt: clocks.knownAt, recordedAt: clocks.recordedAt })}`);
  return (Array.isArray(body) ? body : (body.entries ?? [])).map(entryOf);
}

/**
 * The timeline with its lanes and bands. The bands are the model's own states: the relationship is asked for its
 * state as of every date on which an entry is placed, and a band starts wherever a dimension's status changes.
 * An entry is drawn in the lanes whose state it establishes or confirms on its date.
 */
export async function timeline(a: string, b: string, clocks: Clocks): Promise<Timeline> {
  // The whole timeline in valid time, on the publication and recorded clocks asked: as-of only moves the veil.
  const known = { asOf: null, knownAt: clocks.knownAt, recordedAt: clocks.recordedAt };
  const events = await entries(a, b, known);
  const dates = [...new Set(events.map((e) => e.date))].sort();
  const states = await inBatches(dates, 6, (d) => state(a, b, { ...known, asOf: d }));

  const lanes = new Map<string, Lane>();
  const bands: Band[] = [];
  const marks: Mark[] = [];
  const open = new Map<string, Band>();
  dates.forEach((d, i) => {
    const s = states[i];
    for (const dim of s.dimensions) {
      if (!lanes.has(dim.key)) lanes.set(dim.key, { key: dim.key, dimension: dim.dimension, side: dim.side });
      const current = open.get(dim.key);
      if (current?.status === dim.status) continue;
      if (current) current.to = d;
      const band: Band = { lane: dim.key, status: dim.status, from: d, to: null };
      open.set(dim.key, band);
      bands.push(band);
    }
    for (const e of events.filter((x) => x.date === d)) {
      const own = s.dimensions.filter((dim) => dim.entryIds.includes(e.id));
      // In a contested lane, an event takes the colour of the reading it supports.
      for (const dim of own) marks.push({ event: e, lane: dim.key, status: dim.readings.find((r) => r.entryIds.includes(e.id))?.status ?? dim.status });
      if (own.length === 0) {
        const lane = oneOffLanes[e.type] ?? "other";
        if (!lanes.has(lane)) lanes.set(lane, { key: lane, dimension: lane, side: null });
        marks.push({ event: e, lane, status: null });
      }
    }
  });
  return { events, lanes: [...lanes.values()], marks, bands };
}

async function inBatches<T, R>(items: T[], size: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return results;
}

export async function article(id: string): Promise<Article> {
  const v = await get(`/articles/${encodeURIComponent(id)}`);
  return {
    id: str(v.id ?? v.articleId) ?? id,
    title: str(v.title),
    publisher: str(v.publisher),
    url: str(v.url),
    published: day(v.published),
    text: str(v.text) ?? "",
  };
}

/** One event of the review queue (GET /review): why it is queued, how much of the state rests on it, its sentence. */
export interface ReviewItem {
  key: string;
  eventId: string;
  type: string;
  actors: string;
  dateText: string;
  reasons: string[];
  weight: number;
  publisher: string | null;
  published: string | null;
  quote: string | null;
}

export async function reviewQueue(pair: string): Promise<ReviewItem[]> {
  const body = await get(`/review${query({ pair, limit: "50" })}`);
  return (body.items ?? []).map((v: Json) => ({
    key: String(v.key),
    eventId: String(v.eventId),
    type: typeCode(v.type),
    actors: String(v.actors ?? ""),
    dateText: dateText(v.date),
    reasons: Array.isArray(v.reasons) ? v.reasons.map(String) : [],
    weight: num(v.weight) ?? 0,
    publisher: str(v.publisher),
    published: day(v.published),
    quote: str(v.quote),
  }));
}

/** POST /events/{id}/retract|confirm|correct with the analyst's key; the problem's detail when refused. */
export async function correct(eventId: string, action: "retract" | "confirm" | "correct", key: string, body: Record<string, string | null>): Promise<void> {
  const response = await fetch(`/events/${encodeURIComponent(eventId)}/${action}`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-Api-Key": key },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new Error(problem?.detail ?? `HTTP ${response.status}`);
  }
}
