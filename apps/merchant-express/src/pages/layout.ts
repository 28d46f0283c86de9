import { html, type SafeHtml } from './html.js';

export interface LayoutOptions {
  /** Staff pages show navigation and a sign-out button; the sign-in page does not. Default true. */
  signedIn?: boolean;
}

export function layout(title: string, body: SafeHtml, options: LayoutOptions = {}): string {
  const signedIn = options.signedIn ?? true;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Campus Payments</title>
<link rel="stylesheet" href="/assets/style.css">
${signedIn ? html`<script src="/assets/live.js" defer></script>` : ''}
</head>
<body>
<header><div class="bar">
  <a class="brand" href="/orders">Campus Payments</a>
  ${
    signedIn
      ? html`<nav><a href="/orders">Orders</a><a href="/orders/new">New order</a><form class="logout" method="post" action="/logout"><button type="submit">Sign out</button></form></nav>`
      : ''
  }
</div></header>
<main>
${body}
</main>
</body>
</html>
`.text;
}
