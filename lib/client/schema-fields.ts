/**
 * The fields of a form generated from a JSON Schema object, in the order people fill them in:
 * the required ones first, each group in the order the schema lists them (which the stored
 * spec keeps; see the GraphVersion model). Pure, so server and browser agree.
 *
 * @example
 * orderedFields({ properties: { body: {}, subject: {}, from: {} }, required: ["subject", "from"] });
 * // [["subject", {}, true], ["from", {}, true], ["body", {}, false]]
 */
export function orderedFields<S>(schema: { properties?: Record<string, S>; required?: readonly string[] } | undefined): [name: string, schema: S, required: boolean][] {
  const required = new Set(schema?.required ?? []);
  const fields = Object.entries(schema?.properties ?? {}).map(([name, s]): [string, S, boolean] => [name, s, required.has(name)]);
  return [...fields.filter((f) => f[2]), ...fields.filter((f) => !f[2])];
}
