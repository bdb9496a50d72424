import { AppError } from "../errors";
import { ID_PREFIX, type IdKind } from "../ids";

/**
 * A page cursor is the id of the last item of the previous page (`nextCursor`). Anything else
 * is refused with a 400 naming `cursor`, instead of silently answering an empty or first page.
 *
 * @example parseCursor("run", q.cursor) // "run_01jd…" or undefined; throws on "%%%garbage"
 */
export function parseCursor(kind: IdKind, cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const prefix = ID_PREFIX[kind];
  if (!new RegExp(`^${prefix}_[0-9a-z]{1,40}$`).test(cursor)) {
    throw new AppError("bad_request", `cursor: "${cursor.slice(0, 60)}" is not a page cursor. Pass the nextCursor of the previous page (a ${prefix}_… id), or leave cursor out for the first page.`, [
      { path: "cursor", message: `must be the nextCursor of a previous page (a ${prefix}_… id)` },
    ]);
  }
  return cursor;
}
