// The timeline: a lane per dimension, coloured bands for its states over valid time, a mark per event
// (its area grows with the number of sources), and a vertical line at the as-of date.
import { axisTop } from "d3-axis";
import { scaleTime, type ScaleTime } from "d3-scale";
import { select } from "d3-selection";
import { timeFormat } from "d3-time-format";
import { timeMonth } from "d3-time";
import type { Band, Lane, Mark, Timeline, TimelineEvent } from "./api";
import { actorName, dimensionName, eventTypeName, stateName, toneOf } from "./language";

export interface TimelineView {
  timeline: Timeline;
  asOf: string;
  selectedEventId: string | null;
  onSelect: (event: TimelineEvent) => void;
  onAsOf: (day: string) => void;
}

const laneHeight = 46;
const labelWidth = 150;
const axisHeight = 44;
const right = 24;

export const parseDay = (d: string): Date => new Date(`${d}T00:00:00Z`);
export const formatDay = (d: Date): string => d.toISOString().slice(0, 10);
const monthLabel = timeFormat("%b %Y");

const laneOrder = ["context", "security_cooperation", "development_aid", "agreements", "troop_presence", "sanctions", "diplomatic", "membership"];

/** Lanes in the model's order of dimensions; lanes of one dimension by side. */
export function lanesOf(timeline: Timeline): Lane[] {
  const rank = (l: Lane) => (laneOrder.includes(l.dimension) ? laneOrder.indexOf(l.dimension) : laneOrder.length);
  return [...timeline.lanes].sort((x, y) => rank(x) - rank(y) || (x.side ?? "").localeCompare(y.side ?? ""));
}

/** The span shown: every dated event and band with a month of air; an earlier as-of date widens it, a later one is pinned to the right edge. */
export function domainOf(timeline: Timeline, asOf: string): [Date, Date] {
  const days = [...timeline.events.map((e) => e.date), ...timeline.bands.map((b) => b.from)].filter((d) => !!d).sort();
  const first = days.length && days[0] < asOf ? days[0] : asOf;
  const last = days.length ? days[days.length - 1] : asOf;
  return [timeMonth.offset(timeMonth.floor(parseDay(first)), -1), timeMonth.offset(timeMonth.ceil(parseDay(last)), 2)];
}

export const radiusOf = (sources: number): number => 5 + 3.2 * Math.sqrt(Math.max(1, sources) - 1);

const sourcesText = (e: TimelineEvent): string => `${e.sourceCount} source${e.sourceCount === 1 ? "" : "s"}`;

const sideName = (l: Lane): string => (l.side ? actorName(l.side) : "");

export const laneName = (lanes: Lane[], key: string): string => {
  const l = lanes.find((x) => x.key === key);
  return l ? `${dimensionName(l.dimension)}${l.side ? ` (${actorName(l.side)})` : ""}` : key;
};

export function drawTimeline(container: HTMLElement, view: TimelineView): void {
  const { timeline, asOf } = view;
  const lanes = lanesOf(timeline);
  const keys = lanes.map((l) => l.key);
  const width = Math.max(560, container.clientWidth);
  const height = axisHeight + Math.max(1, lanes.length) * laneHeight + 8;
  const x: ScaleTime<number, number> = scaleTime().domain(domainOf(timeline, asOf)).range([labelWidth, width - right]);
  const laneY = (key: string) => axisHeight + keys.indexOf(key) * laneHeight;
  const dayEnd = (b: Band) => (b.to ? parseDay(b.to) : x.domain()[1]);

  container.replaceChildren();
  const svg = select(container)
    .append("svg")
    .attr("data-testid", "timeline")
    .attr("width", width)
    .attr("height", height)
    .attr("role", "img")
    .attr("aria-label", "Timeline of the relationship: one lane per dimension");

  // Clicking the background moves the as-of date there.
  svg
    .append("rect")
    .attr("class", "surface")
    .attr("x", labelWidth)
    .attr("y", 0)
    .attr("width", width - right - labelWidth)
    .attr("height", height)
    .on("click", (e: MouseEvent) => view.onAsOf(formatDay(x.invert(e.offsetX))));

  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${axisHeight - 6})`)
    .call(axisTop<Date>(x).ticks(Math.max(2, Math.floor((width - labelWidth) / 90))).tickFormat((d) => monthLabel(d as Date)).tickSizeOuter(0));

  const lane = svg
    .selectAll("g.lane")
    .data(lanes)
    .join("g")
    .attr("class", "lane")
    .attr("data-testid", "lane")
    .attr("data-lane", (d) => d.key)
    .attr("data-dimension", (d) => d.dimension)
    .attr("transform", (d) => `translate(0,${laneY(d.key)})`);
  lane.append("line").attr("class", "lane-rule").attr("x1", 0).attr("x2", width - right).attr("y1", laneHeight).attr("y2", laneHeight);
  const label = lane.append("text").attr("class", "lane-label").attr("x", 4).attr("y", (d) => laneHeight / 2 + (d.side ? -2 : 4));
  label.append("tspan").text((d) => dimensionName(d.dimension));
  label
    .filter((d) => d.side != null)
    .append("tspan")
    .attr("class", "lane-side")
    .attr("x", 4)
    .attr("dy", 14)
    .text((d) => sideName(d));

  const bandHeight = 22;
  const bandY = (laneHeight - bandHeight) / 2;
  const bands = svg
    .append("g")
    .selectAll("g.band")
    .data(timeline.bands.filter((b) => keys.includes(b.lane)))
    .join("g")
    .attr("class", (b) => `band tone-${toneOf(b.status)}`)
    .attr("data-testid", "band")
    .attr("data-lane", (b) => b.lane)
    .attr("data-status", (b) => b.status)
    .attr("transform", (b) => `translate(${x(parseDay(b.from))},${laneY(b.lane) + bandY})`);
  bands
    .append("rect")
    .attr("rx", 3)
    .attr("height", bandHeight)
    .attr("width", (b) => Math.max(2, x(dayEnd(b)) - x(parseDay(b.from))));
  bands.append("title").text((b) => `${laneName(lanes, b.lane)}: ${stateName(b.status)} from ${b.from}${b.to ? ` to ${b.to}` : ""}`);
  // Each band names its state in the widest stretch free of marks, when the name fits there.
  const labelAt = (b: Band): number | null => {
    const x0 = x(parseDay(b.from));
    const x1 = x(dayEnd(b));
    const edges = timeline.marks
      .filter((m) => m.lane === b.lane)
      .map((m) => ({ at: x(parseDay(m.event.date)) - x0, r: radiusOf(m.event.sourceCount) + 3 }))
      .filter((m) => m.at + m.r > 0 && m.at - m.r < x1 - x0)
      .sort((p, q) => p.at - q.at);
    let best: [number, number] = [0, 0];
    let from = 0;
    for (const m of [...edges, { at: x1 - x0, r: 0 }]) {
      if (m.at - m.r - from > best[1] - best[0]) best = [from, m.at - m.r];
      from = Math.max(from, m.at + m.r);
    }
    return best[1] - best[0] >= stateName(b.status).length * 6.6 + 12 ? best[0] + 6 : null;
  };
  bands
    .filter((b) => labelAt(b) != null)
    .append("text")
    .attr("class", "band-label")
    .attr("x", (b) => labelAt(b)!)
    .attr("y", bandHeight / 2 + 4)
    .text((b) => stateName(b.status));

  // What lies after the as-of date is not yet known to have happened: veiled, not hidden.
  const asOfX = Math.min(x(parseDay(asOf)), width - right);
  svg
    .append("rect")
    .attr("class", "future-veil")
    .attr("x", asOfX)
    .attr("y", axisHeight - 4)
    .attr("width", Math.max(0, width - right - asOfX))
    .attr("height", height - axisHeight + 4)
    .attr("pointer-events", "none");

  const drawn = timeline.marks.filter((m) => keys.includes(m.lane)).sort((p, q) => q.event.sourceCount - p.event.sourceCount);
  const marks = svg
    .append("g")
    .selectAll<SVGGElement, Mark>("g.mark")
    .data(drawn)
    .join("g")
    .attr("class", (m) =>
      `mark tone-${toneOf(m.status)}${m.event.id === view.selectedEventId ? " selected" : ""}${m.event.date > asOf ? " after-as-of" : ""}${m.event.conflictsWith.length ? " conflict" : ""}${m.event.corrected ? " corrected" : ""}`)
    .attr("data-testid", "event-mark")
    .attr("data-corrected", (m) => String(m.event.corrected))
    .attr("data-event-id", (m) => m.event.id)
    .attr("data-lane", (m) => m.lane)
    .attr("data-type", (m) => m.event.type)
    .attr("data-date", (m) => m.event.date)
    .attr("data-sources", (m) => m.event.sourceCount)
    .attr("transform", (m) => `translate(${x(parseDay(m.event.date))},${laneY(m.lane) + laneHeight / 2})`)
    .attr("tabindex", 0)
    .attr("role", "button")
    .attr("aria-label", (m) => `${eventTypeName(m.event.type)}, ${m.event.dateText}, ${sourcesText(m.event)}`)
    .on("click", (_, m) => view.onSelect(m.event))
    .on("keydown", (ev: KeyboardEvent, m) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        view.onSelect(m.event);
      }
    });
  marks.append("circle").attr("class", "halo").attr("r", (m) => radiusOf(m.event.sourceCount) + 4);
  marks
    .append("circle")
    .attr("class", (m) => `dot${m.event.undated ? " undated" : ""}`)
    .attr("r", (m) => radiusOf(m.event.sourceCount));
  marks
    .filter((m) => m.event.sourceCount > 1)
    .append("text")
    .attr("class", "mark-count")
    .attr("y", 3.5)
    .text((m) => m.event.sourceCount);
  marks.append("title").text((m) => `${eventTypeName(m.event.type)} — ${m.event.dateText}\n${sourcesText(m.event)}: ${[...new Set(m.event.sources.map((s) => s.publisher ?? s.articleId))].join(", ")}`);

  const asOfLine = svg.append("g").attr("class", "as-of").attr("data-testid", "as-of-line").attr("data-date", asOf).attr("transform", `translate(${asOfX},0)`);
  asOfLine.append("line").attr("y1", axisHeight - 4).attr("y2", height);
  asOfLine
    .append("text")
    .attr("y", 11)
    .attr("text-anchor", asOfX > width - 120 ? "end" : "start")
    .attr("x", asOfX > width - 120 ? -4 : 4)
    .text(`as of ${asOf}`);
}
