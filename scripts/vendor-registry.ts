/**
 * The bundled stand-in for the procurement template's vendor registry, as its own process so
 * the launcher can restart it if it crashes. `VENDOR_REGISTRY_PORT` (default 8390) on
 * 127.0.0.1; `VENDOR_REGISTRY_API_KEY` is the bearer token it expects.
 */
import { startVendorRegistry } from "../lib/demo/vendor-registry";

const registry = await startVendorRegistry({ port: Number(process.env.VENDOR_REGISTRY_PORT ?? 8390), apiKey: process.env.VENDOR_REGISTRY_API_KEY || undefined });
console.log(`[switchyard] vendor registry listening on ${registry.url}`);
const stop = () => void registry.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
