/**
 * Reads a request's or a response's body up to `maxBytes`, refusing it as soon as its declared
 * length or the bytes read pass the limit: the stream is cancelled there, never buffered whole.
 * `tooLarge` makes the error thrown (a 413 for a request, a failed poll for a response).
 */
export async function readCappedBody(message: Request | Response, maxBytes: number, tooLarge: (declared?: number) => Error): Promise<Buffer> {
  const declared = Number(message.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await message.body?.cancel().catch(() => {});
    throw tooLarge(declared);
  }
  if (!message.body) return Buffer.alloc(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
