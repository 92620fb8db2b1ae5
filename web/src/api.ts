// The service's JSON, read into the page's own small model. Every shape the page depends on is read here.

export interface LatestChange {
  dimension: string;
  before: string | null;
  after: string | null;
  validFrom: string | null;
  recordedAt: string | null;
}

export interface RelationshipSummary {
  id: string;
  a: string;
  b: string;
  events: number | null;
  latest: LatestChange | null;
}

export interface DimensionState {
  dimension: string;
  status: string | null;
  since: string | null;
  confidence: number | null;
  sources: number;
}

export interface RelationshipState {
  asOf: string | null;
  knownAt: string | null;
  dimensions: DimensionState[];
}

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
}

export interface TimelineEvent {
  id: string;
  type: string;
  dimension: string;
  /** The day the timeline places the event on (yyyy-mm-dd), or null when unknown. */
  date: string | null;
  dateText: string;
  modality: string | null;
  source: string | null;
  target: string | null;
  statusAfter: string | null;
  confidence: number | null;
  sources: Source[];
}

/** A state of one dimension over a span of valid time; `to` null means "still holds". */
export interface Band {
  dimension: string;
  status: string;
  from: string;
  to: string | null;
}

export interface Timeline {
  events: TimelineEvent[];
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

// eslint-style "any" is confined to this file: the rest of the page sees typed values only.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(url: string): Promise<Json> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** Event types in the vocabulary's spelling ("AgreementDenounced"), whether the JSON says that or "agreement_denounced". */
export const typeCode = (v: string): string =>
  v.includes("_") || v === v.toLowerCase() ? v.toLowerCase().split("_").map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join("") : v;

const str = (v: Json): string | null => (v == null || v === "" ? null : String(v));
const num = (v: Json): number | null => (typeof v === "number" ? v : null);
const day = (v: Json): string | null => {
  if (v == null) return null;
  if (typeof v === "object") return day(v.placedOn ?? v.value ?? v.notBefore ?? v.notAfter);
  return String(v).slice(0, 10);
};

function pairOf(v: Json): { id: string; a: string; b: string } {
  const id = str(v.id) ?? str(v.pair) ?? `${v.a}-${v.b}`;
  const [a, b] = id.split("-", 2);
  return { id, a: str(v.a) ?? a, b: str(v.b) ?? b };
}

function latestOf(v: Json): LatestChange | null {
  if (!v) return null;
  return {
    dimension: str(v.dimension) ?? "",
    before: str(v.before),
    after: str(v.after ?? v.status),
    validFrom: day(v.validFrom ?? v.date),
    recordedAt: str(v.recordedAt),
  };
}

export async function relationships(): Promise<RelationshipSummary[]> {
  const body = await get("/relationships");
  const items: Json[] = Array.isArray(body) ? body : (body.relationships ?? body.items ?? []);
  return items.map((v) => ({
    ...pairOf(v),
    events: num(v.events ?? v.eventCount ?? v.reports),
    latest: latestOf(v.latestChange ?? v.latest),
  }));
}

const query = (params: Record<string, string | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
};

export async function state(a: string, b: string, asOf: string | null, knownAt: string | null): Promise<RelationshipState> {
  const body = await get(`/relationships/${a}/${b}${query({ asOf, knownAt })}`);
  const dims: Json[] = Array.isArray(body.dimensions) ? body.dimensions : Object.entries(body.dimensions ?? {}).map(([k, v]) => ({ dimension: k, ...(v as object) }));
  return {
    asOf: day(body.asOf),
    knownAt: str(body.knownAt),
    dimensions: dims.map((d) => ({
      dimension: str(d.dimension ?? d.name) ?? "",
      status: str(d.status ?? d.state),
      since: day(d.since ?? d.validFrom),
      confidence: num(d.confidence),
      sources: num(d.sources) ?? (Array.isArray(d.sources) ? d.sources.length : Array.isArray(d.support) ? d.support.length : 0),
    })),
  };
}

function sourceOf(r: Json): Source {
  const article = r.article ?? {};
  const evidence = (r.evidence ?? r.event?.evidence ?? [])[0] ?? {};
  return {
    articleId: str(r.articleId ?? article.articleId ?? article.id) ?? "",
    publisher: str(r.publisher ?? article.publisher),
    url: str(r.url ?? article.url),
    published: day(r.published ?? article.published),
    title: str(r.title ?? article.title),
    quote: str(r.quote ?? evidence.quote) ?? "",
    start: num(r.start ?? evidence.start),
    end: num(r.end ?? evidence.end),
    recordedAt: str(r.recordedAt),
  };
}

export async function timeline(a: string, b: string, knownAt: string | null): Promise<Timeline> {
  const body = await get(`/relationships/${a}/${b}/timeline${query({ knownAt })}`);
  const entries: Json[] = Array.isArray(body) ? body : (body.entries ?? body.events ?? []);
  const events: TimelineEvent[] = entries.map((e, i) => {
    const date = e.date ?? e.event?.date;
    const reports: Json[] = e.reports ?? e.sources ?? [];
    return {
      id: str(e.id ?? e.key ?? e.eventId) ?? `event-${i}`,
      type: typeCode(str(e.type ?? e.event?.type) ?? ""),
      dimension: str(e.dimension) ?? "context",
      date: day(date),
      dateText: typeof date === "object" && date ? str(date.text) ?? day(date) ?? "date unknown" : (day(date) ?? "date unknown"),
      modality: str(e.modality ?? e.event?.modality),
      source: str(e.source ?? e.event?.source),
      target: str(e.target ?? e.event?.target),
      statusAfter: str(e.statusAfter ?? e.status ?? e.after),
      confidence: num(e.confidence),
      sources: reports.map(sourceOf),
    };
  });
  const bands: Band[] = Array.isArray(body.bands ?? body.periods)
    ? (body.bands ?? body.periods).map((p: Json) => ({ dimension: str(p.dimension) ?? "", status: str(p.status) ?? "", from: day(p.from) ?? "", to: day(p.to) }))
    : bandsFrom(events);
  return { events, bands };
}

/** When the service gives no periods: each event with a resulting status starts a band that the next one ends. */
function bandsFrom(events: TimelineEvent[]): Band[] {
  const bands: Band[] = [];
  const byDimension = new Map<string, TimelineEvent[]>();
  for (const e of events) if (e.date && e.statusAfter) byDimension.set(e.dimension, [...(byDimension.get(e.dimension) ?? []), e]);
  for (const [dimension, list] of byDimension) {
    list.sort((x, y) => (x.date! < y.date! ? -1 : x.date! > y.date! ? 1 : 0));
    list.forEach((e, i) => bands.push({ dimension, status: e.statusAfter!, from: e.date!, to: list[i + 1]?.date ?? null }));
  }
  return bands;
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
