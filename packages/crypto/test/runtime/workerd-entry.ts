// Worker entry for workerd: GET /smoke runs the smoke checks inside the request (Workers allow random numbers and
// key generation only there) and answers their summary as JSON.
import { runSmoke } from './smoke.js';

export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname !== '/smoke') return new Response(null, { status: 404 });
    return Response.json(await runSmoke());
  },
};
