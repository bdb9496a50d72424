import { routeNotFound } from "@/lib/api/route-not-found";

/**
 * Any /api/v1 path no route serves: a JSON 404 in the documented error shape (instead of the
 * app's HTML page), pointing at the API description.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeNotFound();
