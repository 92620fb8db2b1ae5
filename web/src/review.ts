// The review panel: the relationship's review queue (GET /review), each event with its source sentence and the
// analyst's buttons. Corrections need a key with the analyst scope; the key is kept for this tab only (sessionStorage).
import * as api from "./api";
import type { ReviewItem } from "./api";
import { eventTypeName } from "./language";

const keyStore = "monitor.analystKey";

// The queue is drawn again whenever the relationship changes (a correction, live news): what the analyst was typing and
// the last outcome survive it.
let lastMessage = "";
const drafts = new Map<string, { reason: string; date: string; type?: string; source?: string; target?: string }>();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

const reasonNames: Record<string, string> = {
  single_source: "decides a state on a single source",
  low_confidence: "low confidence",
  contested: "in a contested dimension",
  approximate_date: "approximate date",
  no_longer_extracted: "corrected, no longer extracted",
  inferred_actor: "an actor read from context, not named in the sentence",
};

/** Draws the queue of <paramref name="pair"/> into <paramref name="section"/>; <paramref name="changed"/> runs after a correction is recorded. */
export async function showReview(section: HTMLElement, pair: string, changed: () => Promise<void>): Promise<void> {
  const key = el("input", { type: "password", id: "analyst-key", "data-testid": "analyst-key", autocomplete: "off", placeholder: "mon_…" });
  key.value = sessionStorage.getItem(keyStore) ?? "";
  key.addEventListener("input", () => sessionStorage.setItem(keyStore, key.value.trim()));
  const message = el("p", { class: "muted small", "data-testid": "review-message", role: "status" }, lastMessage);
  const say = (text: string) => {
    lastMessage = text;
    message.textContent = text;
  };
  const list = el("ol", { class: "review-queue", "data-testid": "review-queue" }, el("li", { class: "muted" }, "Loading…"));
  section.replaceChildren(
    el("header", {}, el("h2", {}, "Review"), el("span", { class: "muted small" }, "events most of the state rests on first · corrections need an analyst key")),
    el("label", { for: "analyst-key" }, el("span", { class: "label" }, "Analyst key"), key),
    message,
    list,
  );

  const act = async (item: ReviewItem, action: "retract" | "confirm" | "correct", body: Record<string, string | null>) => {
    const secret = key.value.trim();
    if (!secret) {
      say("Enter an API key with the analyst scope (monitor keys create NAME --scope analyst).");
      return;
    }
    sessionStorage.setItem(keyStore, secret);
    try {
      await api.correct(item.eventId, action, secret, body);
      drafts.delete(item.eventId);
      say(`${eventTypeName(item.type)}: ${action === "retract" ? "retracted" : action === "confirm" ? "confirmed" : "corrected"}.`);
      await changed();
    } catch (e) {
      say(`Not recorded: ${(e as Error).message}`);
    }
  };

  let items: ReviewItem[];
  try {
    items = await api.reviewQueue(pair);
  } catch {
    list.replaceChildren(el("li", { class: "error" }, "The review queue could not be loaded."));
    return;
  }
  if (items.length === 0) {
    list.replaceChildren(el("li", { class: "muted" }, "Nothing to review on this relationship."));
    return;
  }
  list.replaceChildren(
    ...items.map((item) => {
      const reason = el("input", { type: "text", "data-testid": "review-reason", placeholder: "why (required to retract or correct)", "aria-label": "Reason" });
      const date = el("input", { type: "date", "data-testid": "review-date", "aria-label": "Corrected date" });
      // The other fields a correction may change; empty ones keep what the event says.
      const field = (testid: string, label: string, placeholder: string) =>
        el("input", { type: "text", "data-testid": testid, "aria-label": label, placeholder, size: "10" });
      const type = field("review-type", "Corrected event type", "type (e.g. ambassador_recalled)");
      const source = field("review-source", "Corrected source actor", "source (code or name)");
      const target = field("review-target", "Corrected target actor", "target (code or name)");
      const draft = drafts.get(item.eventId);
      reason.value = draft?.reason ?? "";
      date.value = draft?.date ?? "";
      type.value = draft?.type ?? "";
      source.value = draft?.source ?? "";
      target.value = draft?.target ?? "";
      const keep = () =>
        drafts.set(item.eventId, { reason: reason.value, date: date.value, type: type.value, source: source.value, target: target.value });
      for (const input of [reason, date, type, source, target]) input.addEventListener("input", keep);
      const button = (label: string, testid: string, onClick: () => void) => {
        const b = el("button", { type: "button", class: "quiet", "data-testid": testid }, label);
        b.addEventListener("click", onClick);
        return b;
      };
      const needsReason = (f: () => void) => () => {
        if (!reason.value.trim()) {
          say("Give a reason first.");
          return;
        }
        f();
      };
      return el(
        "li",
        { class: "review-item", "data-testid": "review-item", "data-event-id": item.eventId, "data-type": item.type, "data-key": item.key },
        el("p", {}, el("strong", {}, eventTypeName(item.type)), ` ${item.actors} · ${item.dateText}`),
        el("p", { class: "muted small" }, item.reasons.map((r) => reasonNames[r] ?? r).join(" · "), ` · weight ${item.weight.toFixed(2)}`),
        item.quote ? el("blockquote", { "data-testid": "review-sentence" }, item.quote) : null,
        el("p", { class: "muted small" }, `${item.publisher ?? "unknown publisher"}${item.published ? ` · ${item.published}` : ""}`),
        el(
          "div",
          { class: "review-actions" },
          reason,
          button("Confirm", "review-confirm", () => void act(item, "confirm", { reason: reason.value.trim() || null })),
          button("Retract", "review-retract", needsReason(() => void act(item, "retract", { reason: reason.value.trim() }))),
          date,
          type,
          source,
          target,
          button("Correct", "review-correct", needsReason(() => {
            const changes: Record<string, string | null> = { date: date.value, type: type.value.trim(), source: source.value.trim(), target: target.value.trim() };
            for (const k of Object.keys(changes)) if (!changes[k]) delete changes[k];
            if (Object.keys(changes).length === 0) {
              say("Give the corrected date, type, source or target first.");
              return;
            }
            void act(item, "correct", { reason: reason.value.trim(), ...changes });
          })),
        ),
      );
    }),
  );
}
