import "./styles.css";
import * as api from "./api";
import type { Clocks, DimensionState, RelationshipState, RelationshipSummary, Timeline, TimelineEvent } from "./api";
import { actorName, dimensionName, eventTypeName, pairName, readingOrder, stateName, toneNames, toneOf, type Tone } from "./language";
import { follow, type ChangeMessage, type LiveStatus } from "./live";
import { actorsText, showEvent } from "./panel";
import { showReview } from "./review";
import { showSources } from "./sources";
import { domainOf, drawTimeline, formatDay, parseDay, radiusOf } from "./timeline";

interface Page {
  list: RelationshipSummary[];
  pair: RelationshipSummary | null;
  asOf: string;
  /** Publication date: only what articles published by then said. */
  knownAt: string | null;
  /** Recorded instant (advanced): only what Monitor had recorded then. */
  recordedAt: string | null;
  timeline: Timeline | null;
  state: RelationshipState | null;
  selected: TimelineEvent | null;
}

const today = formatDay(new Date());
const page: Page = { list: [], pair: null, asOf: today, knownAt: null, recordedAt: null, timeline: null, state: null, selected: null };

const clocks = (): Clocks => ({ asOf: page.asOf, knownAt: page.knownAt, recordedAt: page.recordedAt });

const $ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T => root.querySelector<T>(selector)!;

function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

const nameOf = (r: RelationshipSummary): string => pairName(...readingOrder(r.a, r.b, page.list));

const chip = (status: string | null, testid?: string): HTMLElement =>
  h("span", { class: `chip tone-${toneOf(status)}`, ...(testid ? { "data-testid": testid } : {}) }, stateName(status));

// ---- the list of relationships ----

function renderList(): void {
  const ul = $("[data-testid=relationship-list]");
  if (page.list.length === 0) {
    ul.replaceChildren(h("li", { class: "muted" }, "No relationship yet: ingest articles to start."));
    return;
  }
  ul.replaceChildren(
    ...page.list.map((r) => {
      const latest = r.latest
        ? h("span", { class: "latest" }, `${dimensionName(r.latest.dimension)}: `, chip(r.latest.status), r.latest.since ? ` since ${r.latest.sinceText}` : "")
        : h("span", { class: "latest muted" }, r.events != null ? `${r.events} event${r.events === 1 ? "" : "s"}` : "");
      const button = h(
        "button",
        { type: "button", "data-testid": "relationship-item", "data-pair": r.id, ...(page.pair?.id === r.id ? { "aria-current": "true" } : {}) },
        h("span", { class: "names" }, nameOf(r)),
        h("span", { class: "code" }, r.id),
        latest,
      );
      button.addEventListener("click", () => void select(r.id));
      return h("li", {}, button);
    }),
  );
}

async function loadList(): Promise<void> {
  try {
    // Latest change first: what moved most recently is what an analyst looks at first.
    page.list = (await api.relationships()).sort((x, y) => (y.latest?.since ?? "").localeCompare(x.latest?.since ?? "") || x.id.localeCompare(y.id));
  } catch {
    $("[data-testid=relationship-list]").replaceChildren(h("li", { class: "error" }, "The service did not answer. Retrying…"));
    setTimeout(() => void loadList(), 3000);
    return;
  }
  renderList();
}

// ---- one relationship ----

function renderShell(r: RelationshipSummary): void {
  const main = $("[data-testid=relationship]");
  const asOf = h("input", { type: "date", id: "as-of", "data-testid": "as-of-input", value: page.asOf, required: "" }) as HTMLInputElement;
  const slider = h("input", { type: "range", id: "as-of-slider", "data-testid": "as-of-slider", "aria-label": "As of (slide through time)", step: "1" }) as HTMLInputElement;
  const knownAt = h("input", { type: "date", id: "known-at", "data-testid": "known-at-input", value: page.knownAt ?? "" }) as HTMLInputElement;
  const recordedAt = h("input", { type: "datetime-local", id: "recorded-at", "data-testid": "recorded-at-input", step: "1" }) as HTMLInputElement;
  if (page.recordedAt) recordedAt.value = page.recordedAt.replace("Z", "").slice(0, 19);
  const now = h("button", { type: "button", class: "quiet", "data-testid": "as-of-today" }, "Today");

  asOf.addEventListener("change", () => asOf.value && void setAsOf(asOf.value));
  let pending = 0;
  slider.addEventListener("input", () => {
    const day = formatDay(new Date(Number(slider.value) * 86400000));
    asOf.value = day;
    clearTimeout(pending);
    pending = window.setTimeout(() => void setAsOf(day), 120);
  });
  knownAt.addEventListener("change", () => void setKnown(knownAt.value || null, page.recordedAt));
  recordedAt.addEventListener("change", () =>
    void setKnown(page.knownAt, recordedAt.value ? `${recordedAt.value.length === 16 ? `${recordedAt.value}:00` : recordedAt.value}Z` : null));
  now.addEventListener("click", () => {
    knownAt.value = "";
    recordedAt.value = "";
    const changed = page.knownAt != null || page.recordedAt != null;
    page.knownAt = null;
    page.recordedAt = null;
    void setAsOf(today, true);
    if (changed) void loadTimeline();
  });

  main.replaceChildren(
    h("header", { class: "relationship-head" }, h("h1", { "data-testid": "relationship-title" }, nameOf(r)), h("span", { class: "code" }, r.id)),
    h(
      "section",
      { class: "controls", "aria-label": "Clocks" },
      h("label", { for: "as-of" }, h("span", { class: "label" }, "As of"), asOf),
      slider,
      h("label", { for: "known-at", title: "Only what articles published by this date said" }, h("span", { class: "label" }, "As known from what was published by"), knownAt),
      now,
      h(
        "details",
        { class: "advanced", "data-testid": "advanced-clocks", ...(page.recordedAt ? { open: "" } : {}) },
        h("summary", {}, "Advanced"),
        h("label", { for: "recorded-at", title: "Only what Monitor had recorded at this instant: what an alert saw" }, h("span", { class: "label" }, "As recorded at (UTC)"), recordedAt),
      ),
    ),
    h("section", { class: "states", "data-testid": "states", "aria-label": "State on the as-of date" }),
    h(
      "section",
      { class: "timeline-card" },
      h(
        "header",
        {},
        h("h2", {}, "Timeline"),
        h("span", { class: "muted small" }, "valid time · click a mark to read its sources · click elsewhere to move the as-of date"),
      ),
      h("div", { class: "timeline-scroll", "data-testid": "timeline-container" }),
      h("p", { class: "undated muted", "data-testid": "undated" }),
      h("div", { class: "legend", "data-testid": "legend", "aria-label": "Legend" }),
    ),
    h("section", { class: "chronology-card" }, h("h2", {}, "Chronology"), h("ol", { class: "chronology", "data-testid": "chronology" })),
    h("section", { class: "review-card", "data-testid": "review-panel", "aria-label": "Review" }),
  );
}

/** The review queue of the relationship; after a correction, the state, the timeline and the queue are asked again. */
async function loadReview(): Promise<void> {
  const section = document.querySelector<HTMLElement>("[data-testid=review-panel]");
  if (!page.pair || !section) return;
  await showReview(section, page.pair.id, async () => {
    await Promise.all([loadState(), loadTimeline()]);
    await loadReview();
  });
}

function renderStates(): void {
  const section = $("[data-testid=states]");
  const s = page.state;
  if (!s) return;
  section.setAttribute("data-as-of", page.asOf);
  const title = h(
    "h2",
    {},
    `State as of ${page.asOf}`,
    page.knownAt ? h("span", { class: "muted", "data-testid": "known-at-note" }, ` · from what was published by ${page.knownAt}`) : null,
    page.recordedAt ? h("span", { class: "muted" }, ` · as recorded at ${page.recordedAt.replace("T", " ").replace("Z", " UTC")}`) : null,
  );
  const entries = new Map(s.entries.map((e) => [e.id, e]));
  const cards = s.dimensions.length
    ? s.dimensions.map((d) => {
        const behind = d.entryIds.map((id) => entries.get(id)).filter((e) => e != null);
        const sources = new Set(behind.flatMap((e) => e.sources.map((x) => x.articleId))).size;
        const confidence = behind[0]?.confidence;
        return h(
          "article",
          { class: `state-card tone-${toneOf(d.status)}`, "data-testid": "state-card", "data-dimension": d.key, "data-status": d.status },
          h("h3", {}, dimensionName(d.dimension), d.side ? h("span", { class: "side" }, ` · ${actorName(d.side)}`) : null),
          chip(d.status, "state-status"),
          h(
            "p",
            { class: "muted small" },
            `since ${d.sinceText}`,
            d.modality && d.modality !== "asserted" ? ` (${d.modality})` : "",
            d.count != null ? ` · ${d.count.toLocaleString("en")} troops reported${d.countDate ? ` (${d.countDate})` : ""}` : "",
            sources ? ` · ${sources} source${sources === 1 ? "" : "s"}` : "",
            confidence != null && !d.readings.length ? ` · confidence ${Math.round(confidence * 100)}%` : "",
          ),
          d.readings.length ? readingsOf(d, entries) : null,
        );
      })
    : [h("p", { class: "muted" }, "Nothing known on this date.")];
  section.replaceChildren(title, h("div", { class: "cards" }, ...cards));
}

/** A contested dimension's readings: each side, its independent sources and who reports it, and the rule that decided. */
function readingsOf(d: DimensionState, entries: Map<string, TimelineEvent>): HTMLElement {
  const items = d.readings.map((r) => {
    const publishers = [...new Set(r.entryIds.flatMap((id) => entries.get(id)?.sources.map((x) => x.publisher ?? x.articleId) ?? []))];
    const n = r.independentSources ?? 0;
    return h(
      "li",
      { class: r.prevails ? "prevails" : "", "data-testid": "reading", "data-status": r.status },
      chip(r.status),
      ` since ${r.sinceText} · ${n} independent source${n === 1 ? "" : "s"}`,
      publishers.length ? h("span", { class: "muted" }, `: ${publishers.join(", ")}`) : null,
      r.prevails ? h("span", { class: "muted" }, " · prevails") : null,
    );
  });
  const rule = d.rule ? h("p", { class: "muted small" }, `decided by: ${d.rule.replace(/_/g, " ")}`) : null;
  return h("div", {}, h("ul", { class: "readings", "data-testid": "readings" }, ...items), rule);
}

function renderLegend(t: Timeline): void {
  const statuses = [...new Set(t.bands.map((b) => b.status).concat(t.marks.map((m) => m.status).filter((s): s is string => !!s)))];
  const byTone = new Map<Tone, string[]>();
  for (const s of statuses) byTone.set(toneOf(s), [...(byTone.get(toneOf(s)) ?? []), stateName(s)]);
  const order: Tone[] = ["cooperative", "tentative", "strained", "broken", "contested", "neutral"];
  const swatches = order
    .filter((tone) => byTone.has(tone))
    .map((tone) => h("li", {}, h("span", { class: `swatch tone-${tone}`, "aria-hidden": "true" }), h("strong", {}, toneNames[tone]), h("span", { class: "muted" }, ` — ${byTone.get(tone)!.join(", ")}`)));
  const sizes = [1, 2, 4].map((n) => {
    const r = radiusOf(n);
    return h("span", { class: "size" }, svgDot(r), `${n} source${n === 1 ? "" : "s"}`);
  });
  $("[data-testid=legend]").replaceChildren(
    h("ul", { class: "tones" }, ...swatches),
    h("div", { class: "sizes" }, h("span", { class: "label" }, "Marks: one per event, sized by sources"), ...sizes),
    h(
      "div",
      { class: "sizes" },
      h("span", { class: "veil-sample", "aria-hidden": "true" }),
      "after the as-of date (not yet happened)",
      t.events.some((e) => e.conflictsWith.length) ? h("span", { class: "conflict-sample", "aria-hidden": "true" }) : null,
      t.events.some((e) => e.conflictsWith.length) ? "reports disagree on the date" : null,
    ),
  );
}

function svgDot(r: number): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", String(2 * r + 4));
  svg.setAttribute("height", String(2 * r + 4));
  svg.setAttribute("aria-hidden", "true");
  const c = document.createElementNS(ns, "circle");
  c.setAttribute("cx", String(r + 2));
  c.setAttribute("cy", String(r + 2));
  c.setAttribute("r", String(r));
  c.setAttribute("class", "legend-dot");
  svg.append(c);
  return svg;
}

function renderTimeline(): void {
  const t = page.timeline;
  if (!t) return;
  const container = $("[data-testid=timeline-container]");
  if (t.events.length === 0) {
    container.replaceChildren(h("p", { class: "muted" }, "No event is known for this relationship yet."));
    return;
  }
  drawTimeline(container, {
    timeline: t,
    asOf: page.asOf,
    selectedEventId: page.selected?.id ?? null,
    onSelect: (e) => selectEvent(e),
    onAsOf: (d) => void setAsOf(d),
  });
  const undated = t.events.filter((e) => !e.date);
  $("[data-testid=undated]").textContent = undated.length ? `${undated.length} event${undated.length === 1 ? "" : "s"} with no known date: ${undated.map((e) => eventTypeName(e.type)).join(", ")}` : "";
  const [from, to] = domainOf(t, page.asOf);
  const slider = $<HTMLInputElement>("[data-testid=as-of-slider]");
  slider.min = String(Math.floor(from.getTime() / 86400000));
  slider.max = String(Math.max(Math.floor(to.getTime() / 86400000), Math.floor(parseDay(today).getTime() / 86400000)));
  slider.value = String(Math.floor(parseDay(page.asOf).getTime() / 86400000));
}

/** The timeline's events as a list, in date order: readable without the chart, and by screen readers. */
function renderChronology(): void {
  const t = page.timeline;
  const list = document.querySelector("[data-testid=chronology]");
  if (!t || !list) return;
  const sorted = [...t.events].sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
  list.replaceChildren(
    ...sorted.map((e) => {
      const actors = actorsText(e);
      const row = h(
        "button",
        { type: "button", class: `tone-${toneOf(t.marks.find((m) => m.event.id === e.id)?.status)}`, "data-event-id": e.id, ...(page.selected?.id === e.id ? { "aria-current": "true" } : {}) },
        h("span", { class: "when" }, e.dateText),
        h("span", { class: "dot", "aria-hidden": "true" }),
        h("span", { class: "what" }, eventTypeName(e.type), actors ? h("span", { class: "muted" }, ` · ${actors}`) : null,
          e.corrected ? h("span", { class: "corrected-note", "data-testid": "corrected-note" }, " · corrected by an analyst") : null),
        h("span", { class: "muted small" }, `${e.sourceCount} source${e.sourceCount === 1 ? "" : "s"}`),
      );
      row.addEventListener("click", () => selectEvent(e));
      return h("li", { class: e.date > page.asOf ? "after-as-of" : "" }, row);
    }),
  );
}

function selectEvent(e: TimelineEvent | null): void {
  page.selected = e;
  showEvent($("[data-testid=event-panel]"), e, page.timeline);
  renderTimeline();
  renderChronology();
  writeHash();
}

// A slow answer must not overwrite a newer question's: each load keeps its answer only if nothing moved meanwhile.
async function loadState(): Promise<void> {
  if (!page.pair) return;
  const asked = { pair: page.pair.id, ...clocks() };
  const answer = await api.state(page.pair.a, page.pair.b, asked);
  if (asked.pair !== page.pair?.id || asked.asOf !== page.asOf || asked.knownAt !== page.knownAt || asked.recordedAt !== page.recordedAt) return;
  page.state = answer;
  renderStates();
}

async function loadTimeline(): Promise<void> {
  if (!page.pair) return;
  const asked = { pair: page.pair.id, ...clocks() };
  const answer = await api.timeline(page.pair.a, page.pair.b, asked);
  if (asked.pair !== page.pair?.id || asked.knownAt !== page.knownAt || asked.recordedAt !== page.recordedAt) return;
  page.timeline = answer;
  if (page.selected) {
    // A live update may bring the selected event more sources: show them.
    const was = page.selected;
    page.selected = answer.events.find((e) => e.id === was.id) ?? null;
    if (page.selected?.sources.length !== was.sources.length) showEvent($("[data-testid=event-panel]"), page.selected, answer);
  }
  renderTimeline();
  renderChronology();
  renderLegend(answer);
}

async function select(id: string, eventId: string | null = null): Promise<void> {
  const [a, b] = id.split("-", 2);
  page.pair = page.list.find((r) => r.id === id) ?? { id, a, b, events: null, latest: null };
  page.selected = null;
  renderList();
  renderShell(page.pair);
  showEvent($("[data-testid=event-panel]"), null);
  await Promise.all([loadState(), loadTimeline(), loadReview()]);
  if (eventId) {
    const e = page.timeline?.events.find((x) => x.id === eventId);
    if (e) selectEvent(e);
  }
  writeHash();
}

async function setAsOf(day: string, force = false): Promise<void> {
  if (day === page.asOf && !force) return;
  page.asOf = day;
  $<HTMLInputElement>("[data-testid=as-of-input]").value = day;
  renderTimeline();
  renderChronology();
  writeHash();
  await loadState();
}

/** The publication and recorded clocks: both change what is known, so the timeline is asked again. */
async function setKnown(knownAt: string | null, recordedAt: string | null): Promise<void> {
  page.knownAt = knownAt;
  page.recordedAt = recordedAt;
  writeHash();
  await Promise.all([loadState(), loadTimeline()]);
}

// ---- the address: #/NER-USA?asOf=2024-01-01&knownAt=2023-12-31&recordedAt=...&event=... ----

function writeHash(): void {
  if (!page.pair) return;
  const q = new URLSearchParams();
  if (page.asOf !== today) q.set("asOf", page.asOf);
  if (page.knownAt) q.set("knownAt", page.knownAt);
  if (page.recordedAt) q.set("recordedAt", page.recordedAt);
  if (page.selected) q.set("event", page.selected.id);
  const hash = `#/${page.pair.id}${q.size ? `?${q}` : ""}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function readHash(): { pair: string | null; event: string | null } {
  const m = /^#\/([A-Z]+-[A-Z]+)(?:\?(.*))?$/.exec(location.hash);
  if (!m) return { pair: null, event: null };
  const q = new URLSearchParams(m[2] ?? "");
  page.asOf = q.get("asOf") ?? today;
  // knownAt is a publication date; an address from before the three clocks carried the recorded instant there.
  const known = q.get("knownAt");
  page.knownAt = known && /^\d{4}-\d{2}-\d{2}$/.test(known) ? known : null;
  page.recordedAt = q.get("recordedAt") ?? (known && !page.knownAt ? known : null);
  return { pair: m[1], event: q.get("event") };
}

// ---- live ----

function onChange(change: ChangeMessage): void {
  const [a, b] = change.pair.split("-", 2);
  const note = $("[data-testid=last-change]");
  note.replaceChildren(
    h("span", { class: "muted" }, "latest change: "),
    `${pairName(...readingOrder(a, b, page.list))} · ${dimensionName(change.dimension)}${change.side ? ` (${actorName(change.side)})` : ""} `,
    chip(change.after),
  );
  note.dataset.pair = change.pair;
  note.classList.remove("pulse");
  void note.offsetWidth;
  note.classList.add("pulse");
  void loadList();
  if (page.pair?.id === change.pair) void Promise.all([loadState(), loadTimeline(), loadReview()]);
}

function onStatus(status: LiveStatus): void {
  const note = $("[data-testid=live-status]");
  note.dataset.status = status;
  note.textContent = status === "live" ? "live" : status === "connecting" ? "connecting…" : "reconnecting…";
}

async function start(): Promise<void> {
  const { pair, event } = readHash();
  showEvent($("[data-testid=event-panel]"), null);
  await loadList();
  // With no relationship in the address, open the one that changed last.
  const first = pair ?? page.list[0]?.id;
  if (first) await select(first, event);
  follow(onChange, onStatus);
  showSources($("[data-testid=sources]"));
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (Math.abs(window.innerWidth - width) < 8) return;
    width = window.innerWidth;
    renderTimeline();
  });
}

void start();
