import { html, type SafeHtml } from './html';

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Campus Payments</title>
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/live.js" defer></script>
</head>
<body>
<header><div class="bar">
  <a class="brand" href="/orders">Campus Payments</a>
  <nav><a href="/orders">Orders</a><a href="/orders/new">New order</a></nav>
</div></header>
<main>
${body}
</main>
</body>
</html>
`.text;
}
