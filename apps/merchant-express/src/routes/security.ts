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

/**
 * Refuses a state-changing form post sent from another site (a cheap CSRF guard for a sample without
 * sessions): browsers send Origin on cross-site POSTs, and it must name the host we were reached at (Host) or
 * the public URL's host (behind a proxy that rewrites Host).
 */
export function sameOriginOnly(publicUrl: string) {
  const publicHost = new URL(publicUrl).host;
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    if (origin !== undefined && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {}
      if (host !== req.get('host') && host !== publicHost) {
        res.status(403).type('text/plain').send('Cross-site form posts are not accepted.');
        return;
      }
    }
    next();
  };
}
