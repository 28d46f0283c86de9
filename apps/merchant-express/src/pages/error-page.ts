import { html } from './html.js';
import { layout } from './layout.js';

const PAGES = {
  404: { title: 'Not found', text: 'There is no such page or order here.' },
  500: { title: 'Something went wrong', text: 'The page could not be shown. Please try again in a moment.' },
} as const;

/** 404 and 500 in the site's layout; the navigation only for a signed-in person. */
export function errorPage(status: keyof typeof PAGES, signedIn: boolean): string {
  const { title, text } = PAGES[status];
  return layout(
    title,
    html`<div class="card error-page"><h1>${title}</h1><p>${text}</p><p><a href="/orders">Back to the orders</a></p></div>`,
    { signedIn },
  );
}
