// Worker entry for workerd: GET /check runs the portable check inside the request, serving its notification
// handler on this same Worker at POST /notifications: the check's own fetch calls go out and come back in
// through workerd's HTTP socket (the test config lets the Worker reach 127.0.0.1).
import { runPortableCheck, type Serve } from './portable-check.js';

let served: ((request: Request) => Promise<Response>) | undefined;

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/notifications' && served !== undefined) return served(request);
    if (pathname !== '/check' || request.method !== 'GET') return new Response(null, { status: 404 });
    const serve: Serve = (handler) => {
      served = handler;
      return {
        url: new URL('/notifications', request.url).href,
        stop: () => {
          served = undefined;
        },
      };
    };
    return Response.json(await runPortableCheck(serve));
  },
};
