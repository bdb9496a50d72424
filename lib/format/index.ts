/**
 * The one place money, dates, durations and counts are written for people: every screen, the
 * approval titles graphs render and the cost export go through these functions. Pure, no
 * browser or server APIs, so server and client agree (see `components/ui/time.tsx` for dates
 * that depend on the viewer's zone and clock).
 */
export * from "./cost-columns";
export * from "./date";
export * from "./duration";
export * from "./id";
export * from "./money";
export * from "./numbers";
