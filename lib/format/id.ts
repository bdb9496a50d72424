/**
 * The tail of a long id, for the few things that have no name (a run, a delivery): "…8f3k2q1z".
 * Shown with the full id on hover and a copy button (`components/ui/copy-id.tsx`).
 *
 * @example
 * shortId("run_01JD8Y7Q2C8F3K2Q1Z"); // "…8F3K2Q1Z"
 */
export const shortId = (id: string) => (id.length > 12 ? `…${id.slice(-8)}` : id);
