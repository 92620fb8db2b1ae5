// The timeline: a lane per dimension, coloured bands for its states over valid time, a mark per event
// (its area grows with the number of sources), and a vertical line at the as-of date.
import { axisTop } from "d3-axis";
import { scaleTime, type ScaleTime } from "d3-scale";
import { select } from "d3-selection";
import { timeFormat } from "d3-time-format";
import { timeMonth } from "d3-time";
import type { Band, Timeline, TimelineEvent } from "./api";
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

/** Lanes in a stable, meaningful order: context first, then dimensions by their first event. */
export function lanesOf(timeline: Timeline): string[] {
  const first = new Map<string, string>();
  for (const e of timeline.events) if (!first.has(e.dimension) || (e.date && e.date < first.get(e.dimension)!)) first.set(e.dimension, e.date ?? "9999");
  for (const b of timeline.bands) if (!first.has(b.dimension)) first.set(b.dimension, b.from);
  return [...first.keys()].sort((x, y) => (x === "context" ? -1 : y === "context" ? 1 : first.get(x)! < first.get(y)! ? -1 : 1));
}

/** The span shown: every dated event and band with a month of air; an earlier as-of date widens it, a later one is pinned to the right edge. */
export function domainOf(timeline: Timeline, asOf: string): [Date, Date] {
  const days = [...timeline.events.map((e) => e.date).filter((d): d is string => !!d), ...timeline.bands.map((b) => b.from)].sort();
  const first = days.length && days[0] < asOf ? days[0] : asOf;
  const last = days.length ? days[days.length - 1] : asOf;
  return [timeMonth.offset(timeMonth.floor(parseDay(first)), -1), timeMonth.offset(timeMonth.ceil(parseDay(last)), 2)];
}

export const radiusOf = (sources: number): number => 5 + 3.2 * Math.sqrt(Math.max(1, sources) - 1);

export function drawTimeline(container: HTMLElement, view: TimelineView): void {
  const { timeline, asOf } = view;
  const lanes = lanesOf(timeline);
  const width = Math.max(560, container.clientWidth);
  const height = axisHeight + Math.max(1, lanes.length) * laneHeight + 8;
  const x: ScaleTime<number, number> = scaleTime().domain(domainOf(timeline, asOf)).range([labelWidth, width - right]);
  const laneY = (dimension: string) => axisHeight + lanes.indexOf(dimension) * laneHeight;
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
    .attr("data-dimension", (d) => d)
    .attr("transform", (d) => `translate(0,${laneY(d)})`);
  lane.append("line").attr("class", "lane-rule").attr("x1", 0).attr("x2", width - right).attr("y1", laneHeight).attr("y2", laneHeight);
  lane.append("text").attr("class", "lane-label").attr("x", 4).attr("y", laneHeight / 2 + 4).text((d) => dimensionName(d));

  const bandHeight = 22;
  const bandY = (laneHeight - bandHeight) / 2;
  const bands = svg
    .append("g")
    .selectAll("g.band")
    .data(timeline.bands.filter((b) => lanes.includes(b.dimension)))
    .join("g")
    .attr("class", (b) => `band tone-${toneOf(b.status)}`)
    .attr("data-testid", "band")
    .attr("data-dimension", (b) => b.dimension)
    .attr("data-status", (b) => b.status)
    .attr("transform", (b) => `translate(${x(parseDay(b.from))},${laneY(b.dimension) + bandY})`);
  bands
    .append("rect")
    .attr("rx", 3)
    .attr("height", bandHeight)
    .attr("width", (b) => Math.max(2, x(dayEnd(b)) - x(parseDay(b.from))));
  bands.append("title").text((b) => `${dimensionName(b.dimension)}: ${stateName(b.status)} from ${b.from}${b.to ? ` to ${b.to}` : ""}`);
  bands
    .filter((b) => x(dayEnd(b)) - x(parseDay(b.from)) > stateName(b.status).length * 6.6 + 30)
    .append("text")
    .attr("class", "band-label")
    .attr("x", 22)
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

  const dated = timeline.events.filter((e) => e.date && lanes.includes(e.dimension));
  const marks = svg
    .append("g")
    .selectAll("g.mark")
    .data(dated.sort((p, q) => q.sources.length - p.sources.length))
    .join("g")
    .attr("class", (e) => `mark tone-${toneOf(e.statusAfter)}${e.id === view.selectedEventId ? " selected" : ""}${e.date! > asOf ? " after-as-of" : ""}`)
    .attr("data-testid", "event-mark")
    .attr("data-event-id", (e) => e.id)
    .attr("data-type", (e) => e.type)
    .attr("data-date", (e) => e.date!)
    .attr("data-sources", (e) => e.sources.length)
    .attr("transform", (e) => `translate(${x(parseDay(e.date!))},${laneY(e.dimension) + laneHeight / 2})`)
    .attr("tabindex", 0)
    .attr("role", "button")
    .attr("aria-label", (e) => `${eventTypeName(e.type)}, ${e.dateText}, ${e.sources.length} source${e.sources.length === 1 ? "" : "s"}`)
    .on("click", (_, e) => view.onSelect(e))
    .on("keydown", (ev: KeyboardEvent, e) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        view.onSelect(e);
      }
    });
  marks.append("circle").attr("class", "halo").attr("r", (e) => radiusOf(e.sources.length) + 4);
  marks.append("circle").attr("class", "dot").attr("r", (e) => radiusOf(e.sources.length));
  marks
    .filter((e) => e.sources.length > 1)
    .append("text")
    .attr("class", "mark-count")
    .attr("y", 3.5)
    .text((e) => e.sources.length);
  marks
    .filter((e) => e.dimension === "context")
    .append("text")
    .attr("class", "mark-note")
    .attr("x", (e) => radiusOf(e.sources.length) + 6)
    .attr("y", 4)
    .text((e) => `${eventTypeName(e.type)}${e.source ? ` in ${actorName(e.source)}` : ""}`);
  marks.append("title").text((e) => `${eventTypeName(e.type)} — ${e.dateText}\n${e.sources.length} source${e.sources.length === 1 ? "" : "s"}: ${e.sources.map((s) => s.publisher ?? s.articleId).join(", ")}`);

  const asOfLine = svg.append("g").attr("class", "as-of").attr("data-testid", "as-of-line").attr("data-date", asOf).attr("transform", `translate(${asOfX},0)`);
  asOfLine.append("line").attr("y1", axisHeight - 4).attr("y2", height);
  asOfLine
    .append("text")
    .attr("y", 11)
    .attr("text-anchor", asOfX > width - 120 ? "end" : "start")
    .attr("x", asOfX > width - 120 ? -4 : 4)
    .text(`as of ${asOf}`);
}
