import type { NextFunction, Request, Response } from 'express';

/** Conservative headers for server-rendered pages: no inline script, no framing, no sniffing. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader(
    'content-security-policy',
    // No form-action: the pay form is answered with a redirect to EasyTransfer, which form-action would block.
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
  next();
}

/** Pages show students' names and orders: no shared or browser cache may keep them. Mounted after the assets. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('cache-control', 'no-store');
  next();
}

/**
 * Refuses a state-changing form post sent from another site (a cheap CSRF guard for a sample without
 * sessions). Browsers send Origin on every POST: it must name the host we were reached at (Host) or the public
 * URL's host (behind a proxy that rewrites Host). `Origin: null` is refused too: an attacker's sandboxed iframe,
 * data: URL or no-referrer page posts with it, while our own pages (Referrer-Policy same-origin) send their
 * origin. Without Origin, a browser's Sec-Fetch-Site must not say the post came from another site; a client
 * that sends neither header (curl, a script) is not a browser carrying someone's cookies, and passes.
 */
export function sameOriginOnly(publicUrl: string) {
  const publicHost = new URL(publicUrl).host;
  const refuse = (res: Response) => res.status(403).type('text/plain').send('Cross-site form posts are not accepted.');
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    if (origin !== undefined) {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {}
      // `new URL('null')` throws, so `Origin: null` leaves host undefined and is refused here.
      if (host === undefined || (host !== req.get('host') && host !== publicHost)) {
        refuse(res);
        return;
      }
    } else {
      const site = req.get('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        refuse(res);
        return;
      }
    }
    next();
  };
}
