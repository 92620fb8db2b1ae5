// The panel for a clicked event: what it states, and each source with its quoted sentence highlighted
// in the article's own text (GET /articles/{id}).
import { article, type Article, type Source, type Timeline, type TimelineEvent } from "./api";
import { laneName } from "./timeline";
import { actorName, eventTypeName, modalityName, stateName, toneOf } from "./language";

const articles = new Map<string, Promise<Article>>();
const articleOf = (id: string): Promise<Article> => {
  if (!articles.has(id)) articles.set(id, article(id).catch((e) => (articles.delete(id), Promise.reject(e))));
  return articles.get(id)!;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

/** Where the quote sits in the text: its recorded span when it still matches, else the first occurrence, whitespace-tolerant. */
export function locate(text: string, source: Source): [number, number] | null {
  const { quote, start, end } = source;
  if (start != null && end != null && text.slice(start, end) === quote) return [start, end];
  if (!quote) return null;
  const at = text.indexOf(quote);
  if (at >= 0) return [at, at + quote.length];
  const pattern = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
  const m = new RegExp(pattern).exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

function articleText(text: string, span: [number, number] | null): HTMLElement {
  const body = el("div", { class: "article-text", "data-testid": "article-text", tabindex: "0" });
  if (!span) {
    body.append(text);
    return body;
  }
  body.append(text.slice(0, span[0]), el("mark", { "data-testid": "quote" }, text.slice(span[0], span[1])), text.slice(span[1]));
  return body;
}

const shortUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, "")}${u.pathname.length > 1 ? u.pathname.replace(/\/$/, "").replace(/^(.{0,42}).+$/, "$1…") : ""}`;
  } catch {
    return url;
  }
};

function sourceItem(source: Source): HTMLElement {
  const title = source.title ?? (source.url ? shortUrl(source.url) : source.articleId);
  const heading = el(
    "header",
    {},
    el("span", { class: "publisher" }, source.publisher ?? "unknown publisher"),
    el("span", { class: "published" }, source.published ? ` · ${source.published}` : ""),
    source.analyst ? el("span", { class: "analyst", "data-testid": "source-analyst" }, " · read by an analyst") : null,
  );
  const link = source.url ? el("a", { href: source.url, target: "_blank", rel: "noreferrer noopener", class: "article-title" }, title) : el("span", { class: "article-title" }, title);
  const quote = el("blockquote", { "data-testid": "source-quote" }, source.quote || "(no quote recorded)");
  const text = el("div", { class: "article-slot" }, el("p", { class: "muted" }, "Loading the article…"));
  const item = el("li", { class: "source", "data-testid": "event-source", "data-article-id": source.articleId }, heading, link, quote, text);

  articleOf(source.articleId).then(
    (a) => {
      const span = locate(a.text, source);
      const body = articleText(a.text, span);
      text.replaceChildren(el("p", { class: "muted small" }, span ? "The quoted sentence, highlighted in the article:" : "The quote was not found verbatim in the stored text:"), body);
      const mark = body.querySelector("mark");
      if (mark) body.scrollTop = Math.max(0, (mark as HTMLElement).offsetTop - 40);
    },
    () => text.replaceChildren(el("p", { class: "muted" }, "The article could not be loaded.")),
  );
  return item;
}

export const actorsText = (e: TimelineEvent): string =>
  e.source && e.target ? `${actorName(e.source)} → ${actorName(e.target)}` : e.parties.length ? e.parties.map(actorName).join(" · ") : e.source ? actorName(e.source) : "";

export function showEvent(panel: HTMLElement, event: TimelineEvent | null, timeline: Timeline | null = null): void {
  if (!event) {
    panel.replaceChildren(
      el("h2", {}, "Event"),
      el("p", { class: "muted" }, "Click a mark on the timeline to read its sources: each quoted sentence is highlighted in its article."),
    );
    panel.dataset.eventId = "";
    return;
  }
  panel.dataset.eventId = event.id;
  const actors = actorsText(event);
  const conflicts = event.conflictsWith.map((id) => timeline?.events.find((e) => e.id === id)).filter((e) => e != null);
  const effects = (timeline?.marks ?? []).filter((m) => m.event.id === event.id && m.status);
  const facts = el(
    "dl",
    { class: "facts" },
    el("dt", {}, "Date"),
    el("dd", { "data-testid": "event-date" }, event.dateText),
    effects.length ? el("dt", {}, "Leads to") : null,
    effects.length
      ? el(
          "dd",
          { class: "effects" },
          ...effects.map((m) => el("span", {}, `${laneName(timeline!.lanes, m.lane)}: `, el("span", { class: `chip tone-${toneOf(m.status)}` }, stateName(m.status)))),
        )
      : null,
    event.modality ? el("dt", {}, "Modality") : null,
    event.modality ? el("dd", {}, modalityName[event.modality.toLowerCase()] ?? event.modality) : null,
    event.confidence != null ? el("dt", {}, "Confidence") : null,
    event.confidence != null
      ? el("dd", {}, `${Math.round(event.confidence * 100)}%`, event.independentSources != null ? ` · ${event.independentSources} independent source${event.independentSources === 1 ? "" : "s"}` : "")
      : null,
    conflicts.length ? el("dt", {}, "Conflicts with") : null,
    conflicts.length ? el("dd", { "data-testid": "event-conflicts" }, conflicts.map((c) => `a report dating it ${c.dateText}`).join("; ")) : null,
    event.count != null ? el("dt", {}, "Count") : null,
    event.count != null ? el("dd", {}, event.count.toLocaleString("en")) : null,
  );
  const parts = [
    el("h2", { "data-testid": "event-title" }, eventTypeName(event.type)),
    actors ? el("p", { class: "actors" }, actors) : null,
    facts,
    el("h3", {}, `${event.sources.length} report${event.sources.length === 1 ? "" : "s"} in ${event.sourceCount} article${event.sourceCount === 1 ? "" : "s"}`),
    el("ol", { class: "sources" }, ...event.sources.map(sourceItem)),
  ];
  panel.replaceChildren(...parts.filter((n) => n != null));
}
