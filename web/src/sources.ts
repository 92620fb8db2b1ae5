// The "Sources" panel: how each followed feed and drop folder is doing, from the open GET /feeds/status (no URL, path or
// error text there: those need a key). Self-contained: the page calls showSources once and it refreshes itself.

export interface SourceStatus {
  name: string;
  kind: "feed" | "folder";
  state: "active" | "paused";
  lastPoll: string | null;
  lastNewArticle: string | null;
  consecutiveErrors: number;
  nextPoll: string | null;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const instant = (v: Json): string | null => (typeof v === "string" && v !== "" ? v : null);

export async function sourceStatuses(): Promise<SourceStatus[]> {
  const response = await fetch("/feeds/status", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`/feeds/status: HTTP ${response.status}`);
  const body: Json = await response.json();
  return ((body.items ?? []) as Json[]).map((s) => ({
    name: String(s.name ?? ""),
    kind: s.kind === "folder" ? "folder" : "feed",
    state: s.state === "paused" ? "paused" : "active",
    lastPoll: instant(s.lastPoll),
    lastNewArticle: instant(s.lastNewArticle),
    consecutiveErrors: typeof s.consecutiveErrors === "number" ? s.consecutiveErrors : 0,
    nextPoll: instant(s.nextPoll),
  }));
}

/** An instant as the analyst reads it: day and minute, in UTC like every date on the page. */
const when = (iso: string | null, none: string): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : none);

function line(label: string, value: string, testid: string): HTMLElement {
  const row = document.createElement("div");
  row.dataset.testid = testid;
  const term = document.createElement("span");
  term.className = "muted";
  term.textContent = `${label}: `;
  row.append(term, value);
  return row;
}

function item(s: SourceStatus): HTMLElement {
  const li = document.createElement("li");
  li.dataset.testid = "source";
  li.dataset.kind = s.kind;
  li.dataset.state = s.state;
  const head = document.createElement("div");
  head.className = "source-head";
  const name = document.createElement("span");
  name.className = "names";
  name.dataset.testid = "source-name";
  name.textContent = s.name;
  const state = document.createElement("span");
  state.className = `source-state ${s.state === "paused" ? "paused" : s.consecutiveErrors > 0 ? "failing" : "active"}`;
  state.dataset.testid = "source-state";
  state.textContent = s.state === "paused" ? "paused" : s.consecutiveErrors > 0 ? "failing" : "active";
  head.append(name, state);
  li.append(
    head,
    line(s.kind === "folder" ? "folder, last scan" : "feed, last poll", when(s.lastPoll, "not yet"), "source-last-poll"),
    line("last new article", when(s.lastNewArticle, "none yet"), "source-last-new"),
    line("errors in a row", String(s.consecutiveErrors), "source-errors"),
    line("next poll", s.state === "paused" ? "paused" : when(s.nextPoll, "soon"), "source-next-poll"),
  );
  return li;
}

async function refresh(list: HTMLElement): Promise<void> {
  try {
    const sources = await sourceStatuses();
    if (sources.length === 0) {
      const none = document.createElement("li");
      none.className = "muted";
      none.textContent = "No source followed: monitor feeds add URL.";
      list.replaceChildren(none);
    } else {
      list.replaceChildren(...sources.map(item));
    }
  } catch {
    const error = document.createElement("li");
    error.className = "error";
    error.textContent = "The sources' status did not load. Retrying…";
    list.replaceChildren(error);
  }
}

/** Fills the panel now and again every half minute: polls happen in the service whether anyone looks or not. */
export function showSources(list: HTMLElement, every = 30_000): void {
  void refresh(list);
  setInterval(() => void refresh(list), every);
}
