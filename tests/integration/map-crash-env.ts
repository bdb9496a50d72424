// the product's Inngest client takes its mode and the engine's URL as it is created: set them
// before it is imported (the engine of map-crash.integration.test.ts listens on this port)
export const ENGINE_PORT = 21000 + (process.pid % 20000);
process.env.INNGEST_DEV = "1";
process.env.INNGEST_BASE_URL = `http://127.0.0.1:${ENGINE_PORT}`;
