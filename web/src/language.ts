// The analyst's words for what the API returns as codes, and the colour of each state.
// Display only: the codes themselves come from the service.

const actorNames: Record<string, string> = {
  USA: "United States",
  NER: "Niger",
  FRA: "France",
  RUS: "Russia",
  MLI: "Mali",
  BFA: "Burkina Faso",
  TCD: "Chad",
  TGO: "Togo",
  DEU: "Germany",
  ITA: "Italy",
  CHN: "China",
  TUR: "Turkey",
  NGA: "Nigeria",
  DZA: "Algeria",
  ECOWAS: "ECOWAS",
  EU: "European Union",
  AU: "African Union",
  UN: "United Nations",
  NATO: "NATO",
  AES: "Alliance of Sahel States",
};

export const actorName = (code: string): string => actorNames[code] ?? code;

export const pairName = (a: string, b: string): string => `${actorName(a)} – ${actorName(b)}`;

/** The two sides in reading order: the actor most relationships share (the monitored country) comes second, "United States – Niger". */
export function readingOrder(a: string, b: string, relationships: { a: string; b: string }[]): [string, string] {
  const count = (x: string) => relationships.filter((r) => r.a === x || r.b === x).length;
  return count(a) > count(b) ? [b, a] : [a, b];
}

const dimensionNames: Record<string, string> = {
  context: "Context",
  security_cooperation: "Security cooperation",
  development_aid: "Development aid",
  agreements: "Agreements",
  troop_presence: "Troop presence",
  sanctions: "Sanctions",
  diplomatic: "Diplomacy",
  membership: "Membership",
  other: "Other events",
};

/** Splits codes such as "military_presence" or "MilitaryPresence" into lower-case words. */
export function words(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
}

const capitalise = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

export const dimensionName = (code: string): string => dimensionNames[code] ?? capitalise(words(code));

// The statuses of Monitoring.Domain.Relationships.Relationship.Effects, as an analyst says them.
const stateNames: Record<string, string> = {
  coup: "after the coup",
  suspended: "suspended",
  resumption_announced: "resumption announced",
  resumed: "resumed",
  active: "active",
  terminated: "terminated",
  signed: "agreement signed",
  denounced: "denounced",
  ties_severed: "ties severed",
  withdrawal_demanded: "withdrawal demanded",
  withdrawal_announced: "withdrawal announced",
  withdrawal_agreed: "withdrawal agreed",
  withdrawing: "withdrawing",
  withdrawn: "withdrawn",
  withdrawal_expected: "withdrawal expected",
  deployed: "deployed",
  deployment_planned: "deployment planned",
  present: "troops present",
  in_force: "sanctions in force",
  in_force_observed: "sanctions in force",
  lifted: "sanctions lifted",
  lifting_announced: "lifting announced",
  visit: "official visit",
  talks_opened: "talks opened",
  talks_planned: "talks planned",
  threat_of_force: "threat of force",
  ambassador_expelled: "ambassador expelled",
  ambassador_recalled: "ambassador recalled",
  exit_announced: "exit announced",
  exited: "left the bloc",
  exit_expected: "exit expected",
  contested: "contested",
};

export const stateName = (code: string | null | undefined): string =>
  code == null || code === "" ? "no known state" : (stateNames[normaliseCode(code)] ?? words(code));

/** Accepts "resumption_announced", "ResumptionAnnounced" or "resumption announced" alike. */
export const normaliseCode = (code: string): string => words(code).replace(/ /g, "_");

/** Tones group states for colour: the legend names the tone and the states shown in it. */
export type Tone = "cooperative" | "tentative" | "strained" | "broken" | "contested" | "neutral";

const tones: Record<string, Tone> = {
  resumed: "cooperative",
  active: "cooperative",
  signed: "cooperative",
  deployed: "cooperative",
  present: "cooperative",
  lifted: "cooperative",
  talks_opened: "cooperative",
  visit: "tentative",
  resumption_announced: "tentative",
  deployment_planned: "tentative",
  talks_planned: "tentative",
  lifting_announced: "tentative",
  withdrawal_agreed: "strained",
  suspended: "strained",
  ambassador_recalled: "strained",
  withdrawal_demanded: "strained",
  withdrawal_announced: "strained",
  withdrawal_expected: "strained",
  withdrawing: "strained",
  in_force: "strained",
  in_force_observed: "strained",
  threat_of_force: "strained",
  exit_announced: "strained",
  exit_expected: "strained",
  denounced: "broken",
  terminated: "broken",
  ties_severed: "broken",
  ambassador_expelled: "broken",
  withdrawn: "broken",
  exited: "broken",
  contested: "contested",
};

export const toneOf = (code: string | null | undefined): Tone => (code ? (tones[normaliseCode(code)] ?? "neutral") : "neutral");

export const toneNames: Record<Tone, string> = {
  cooperative: "Working, in force",
  tentative: "Announced, not yet done",
  strained: "Strained or paused",
  broken: "Broken off",
  contested: "Reports disagree",
  neutral: "Context, other",
};

/** "agreement_denounced" (or "AgreementDenounced") → "Agreement denounced"; "coup_occurred" → "Coup". */
export function eventTypeName(type: string): string {
  if (normaliseCode(type) === "coup_occurred") return "Coup";
  return capitalise(words(type));
}

export const modalityName: Record<string, string> = {
  asserted: "reported as done",
  planned: "announced intent",
  expected: "expected by this date",
};
